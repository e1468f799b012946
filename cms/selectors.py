"""Reads that more than one page shows: the menu. (What a single page type shows is read by that
page model: `HomePage.sections()`, `NoticePage.objects.in_force()`.)"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from wagtail.models import Page

from . import catalogue
from .models import CataloguePage


def menu_items(home: Page, request=None) -> list[dict[str, Any]]:
    """Title and URL of each page the editors put in the menu (the catalogue page links to the
    catalogue itself). One query for the pages, none per page type."""
    catalogue_url = catalogue.index_url()
    pages = (
        home.get_children()
        .live()
        .public()
        .in_menu()
        .annotate(is_catalogue=Exists(CataloguePage.objects.filter(pk=OuterRef("pk"))))
    )
    return [
        {
            "page": page,
            "title": page.title,
            "url": (catalogue_url if page.is_catalogue else None) or page.get_url(request),
        }
        for page in pages
    ]
