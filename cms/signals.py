"""Receivers of the CMS (connected in CmsConfig.ready)."""

from __future__ import annotations

from django.conf import settings
from django.db import ProgrammingError, connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django_tenants.signals import schema_migrated
from django_tenants.utils import schema_context
from wagtail.signals import page_published, page_unpublished, post_page_move

from tenants import page_cache

from . import counters
from .provisioning import index_pages_if_unindexed


@receiver(schema_migrated, dispatch_uid="cms_index_starting_pages")
def index_starting_pages(sender=None, schema_name: str = "", **kwargs) -> None:
    """After migrations in a locality schema (or the template), index its pages if unindexed.

    The starting pages come from a data migration, which cannot use the search machinery (it
    sees historical models). Indexing them once here, in the template schema, means every
    locality cloned from it carries a ready index; a schema already indexed costs one query.
    """
    if not schema_name or schema_name == settings.PUBLIC_SCHEMA_NAME:
        return

    with schema_context(schema_name):
        try:
            with transaction.atomic():
                index_pages_if_unindexed()
        except ProgrammingError:
            # Migrated only partly (`migrate_schemas <app>`): Wagtail's tables are not there yet.
            return


# --- the page cache (tenants/page_cache.py) ---------------------------------------------------

#: Apps whose rows a page shows: a change in any of them (a page saved, published, moved or deleted,
#: a setting, an image, a document, a snippet, a redirect) drops the locality's cached pages.
CONTENT_APPS = frozenset(
    {
        "cms",
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
        "wagtailsnippets",
        "wagtailredirects",
        "wagtailsettings",
        "taggit",
    }
)
#: Rows written without changing what a page shows (the visit counters' periodic flush).
NOT_CONTENT = frozenset({"cms.visitday"})


def _shows_on_pages(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return (
        meta is not None and meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_CONTENT
    )


@receiver(post_save, dispatch_uid="cms_page_cache_saved")
@receiver(post_delete, dispatch_uid="cms_page_cache_deleted")
def content_changed(sender=None, **kwargs) -> None:
    if _shows_on_pages(sender) and connection.schema_name != settings.PUBLIC_SCHEMA_NAME:
        page_cache.changed()


@receiver(page_published, dispatch_uid="cms_page_cache_published")
@receiver(page_unpublished, dispatch_uid="cms_page_cache_unpublished")
@receiver(post_page_move, dispatch_uid="cms_page_cache_moved")
def page_changed(sender=None, **kwargs) -> None:
    page_cache.changed()


@receiver(page_cache.page_served_from_cache, dispatch_uid="cms_count_cached")
def count_cached_visit(sender=None, request=None, **kwargs) -> None:
    # The visit a rendered page counts in its before_serve_page hook (cms/wagtail_hooks.py).
    # (The tag is compared by value: a signal matches senders by identity.)
    if sender == "cms-page":
        counters.record_view(request)


def render_visit_counters(request) -> str:
    """The footer's visit counters, live in a cached page (its hole "visit-counters")."""
    return render_to_string("cms/includes/visit_counters.html", {"counts": counters.visit_counts()})


page_cache.fill_holes_with("visit-counters", render_visit_counters)
