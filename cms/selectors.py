"""Reads for the portal pages: home page sections, notices in force, the combined search."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from tenants.context import current_unit
from tenants.text import fold

from . import catalogue
from .forms import LookupForm, SearchForm
from .models import HomePage, NewsArticlePage, NoticePage


def current_notices(
    queryset: QuerySet[NoticePage] | None = None, *, now: datetime | None = None
) -> QuerySet[NoticePage]:
    """Notices in force now: started, and not yet past their end."""
    now = now or timezone.now()
    notices = queryset if queryset is not None else NoticePage.objects.live().public()
    return notices.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=now), valid_from__lte=now
    ).order_by("-valid_from")


def past_notices(
    queryset: QuerySet[NoticePage] | None = None, *, now: datetime | None = None
) -> QuerySet[NoticePage]:
    now = now or timezone.now()
    notices = queryset if queryset is not None else NoticePage.objects.live().public()
    return notices.filter(valid_until__lte=now).order_by("-valid_until")


def latest_news(*, home: Page, limit: int = 5) -> QuerySet[NewsArticlePage]:
    return (
        NewsArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .select_related("image")
        .order_by("-date", "-first_published_at")[:limit]
    )


def lower_units(locality) -> list[tuple[Any, str | None]]:
    """The units below a province (or the national root), each with its portal's host."""
    from tenants.choices import Level
    from tenants.selectors import children_of, primary_host

    if locality is None or locality.level == Level.COMMUNE:
        return []
    return [(unit, primary_host(unit)) for unit in children_of(locality)]


def menu_items(home: Page, request=None) -> list[dict[str, Any]]:
    """Title and URL of each page the editors put in the menu (the catalogue page links to the
    catalogue itself). One query for the pages, none per page type."""
    from django.db.models import Exists, OuterRef

    from .models import CataloguePage

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


def home_sections(*, home: HomePage, request=None) -> dict[str, Any]:
    locality = current_unit()
    catalogue_url = catalogue.index_url()
    return {
        "search_form": SearchForm(),
        "search_url": home.url + home.reverse_subpage("search"),
        "lookup_form": LookupForm(),
        "most_used_procedures": [
            {
                "code": catalogue.procedure_code(item),
                "name": catalogue.procedure_name(item),
                "url": catalogue.detail_url(catalogue.procedure_code(item)),
            }
            for item in catalogue.most_used(locality, limit=home.procedure_count)
        ],
        "catalogue_url": catalogue_url,
        "latest_news": latest_news(home=home, limit=home.news_count),
        "current_notices": current_notices(NoticePage.objects.live().public().descendant_of(home))[
            : home.notice_count
        ],
        "lower_units": lower_units(locality),
    }


def portal_search(*, home: HomePage, query: str, page: str | None = None) -> dict[str, Any]:
    """Procedures offered here and this portal's pages matching `query`, diacritics ignored."""
    if not query:
        return {"procedures": [], "pages": None, "result_count": 0}
    procedures = [
        {
            "code": catalogue.procedure_code(item),
            "name": catalogue.procedure_name(item),
            "url": catalogue.detail_url(catalogue.procedure_code(item)),
        }
        for item in catalogue.search(query, current_unit())
    ]
    results = (
        Page.objects.live()
        .public()
        .descendant_of(home, inclusive=True)
        .specific()
        .search(fold(query), operator="and")
    )
    pages = Paginator(results, 10).get_page(page)
    return {
        "procedures": procedures,
        "pages": pages,
        "result_count": len(procedures) + pages.paginator.count,
    }
