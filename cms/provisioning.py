"""Give a new locality its working portal in a few UPDATEs.

The page tree (root, home, news, notices, a guidance page on registering and submitting, the
catalogue's place, "about" and "contact" pages), the editors' page and collection permissions and
the Wagtail Site are created by `cms`'s data migration, so the template schema that new
localities are cloned from already holds them. This hook only makes them the locality's own:
the home page is titled with its name and the Site answers to its host.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection, transaction
from wagtail.models import Page, Site

from .models import HomePage


def site_port() -> int:
    try:
        return int(settings.PORTAL_PORT or 80)
    except ValueError:
        return 80


def setup_locality_site(locality, *, index_later: bool = True) -> None:
    """Called with the connection inside `locality`'s new schema (LOCALITY_SETUP_HOOKS).

    Example: `setup_locality_site(tu_ky)` -> the Site `tu-ky.hai-phong.dichvucong.localhost:8000`
    whose home page is titled "Xã Tứ Kỳ".
    """
    host = locality.get_primary_domain().domain
    home = HomePage.objects.only("pk").first()
    if home is None:
        # The schema predates the cms migrations' page tree: nothing to adopt.
        return
    title = locality.name
    with transaction.atomic():
        Page.objects.filter(pk=home.pk).update(title=title, draft_title=title)
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
        Site.clear_site_root_paths_cache()
    if index_later:
        schema = connection.schema_name
        transaction.on_commit(lambda: _index_new_site(schema))


def _index_new_site(schema_name: str) -> None:
    # The cloned pages carry no search index entries; build them off the provisioning path.
    from .tasks import update_search_index

    update_search_index.apply_async(headers={"_schema_name": schema_name})


def locality_has_site(locality) -> bool:
    """True when the current schema's Site already answers to the locality's host."""
    host = locality.get_primary_domain().domain
    return Site.objects.filter(hostname=host, root_page__depth=2).exists()
