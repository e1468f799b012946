"""Give a new locality its working portal in a few UPDATEs.

The page tree (root, home, news, notices, a guidance page on registering and submitting, the
catalogue's place, "about" and "contact" pages), the editors' page and collection permissions and
the Wagtail Site are created by `cms`'s data migration, so the template schema that new
localities are cloned from already holds them. This hook only makes them the locality's own:
the home page is titled with its name and the Site answers to its host.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site
from wagtail.search import index
from wagtail.search.models import IndexEntry

from .models import HomePage


def site_port() -> int:
    try:
        return int(settings.PORTAL_PORT or 80)
    except ValueError:
        return 80


def setup_locality_site(locality) -> None:
    """Called with the connection inside `locality`'s new schema (LOCALITY_SETUP_HOOKS).

    Example: `setup_locality_site(tu_ky)` -> the Site `tu-ky.hai-phong.dichvucong.localhost:8000`
    whose home page is titled "Xã Tứ Kỳ". A handful of statements; no schema switch, no commit.
    """
    host = locality.get_primary_domain().domain
    home = HomePage.objects.only("pk").first()
    if home is None:
        # A schema without the cms page tree (migrated before it existed): nothing to adopt.
        return
    with transaction.atomic():
        Page.objects.filter(pk=home.pk).update(title=locality.name, draft_title=locality.name)
        Site.objects.exclude(root_page_id=home.pk).update(is_default_site=False)
        updated = Site.objects.filter(root_page_id=home.pk).update(
            hostname=host, port=site_port(), site_name=locality.name, is_default_site=True
        )
        if not updated:
            Site.objects.create(
                hostname=host,
                port=site_port(),
                site_name=locality.name,
                root_page_id=home.pk,
                is_default_site=True,
            )
    # The template's search index came with the copy. The home page's entry keeps the template's
    # title until the nightly `update_index` (cms.dispatch): re-indexing here would cost an
    # upsert and a sequence value, and a copied schema must stay identical to a migrated one.
    Site.clear_site_root_paths_cache()


def locality_has_site(locality) -> bool:
    """True when the current schema's Site already answers to the locality's host."""
    host = locality.get_primary_domain().domain
    return Site.objects.filter(hostname=host, root_page__depth=2).exists()


def index_pages_if_unindexed() -> int:
    """Index the live pages of the current schema if none of its cms pages is indexed yet.

    Runs after migrations in each schema (see `cms.signals`), so the template schema, and every
    locality cloned from it, starts with a search index for its starting pages.
    """

    if IndexEntry.objects.filter(content_type__app_label="cms").exists():
        return 0
    pages = list(Page.objects.live().specific())
    for page in pages:
        index.insert_or_update_object(page)
    return len(pages)
