"""Template tags of the locality portals: header menu, emblem, footer with visit counters."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.db import connection
from wagtail.models import Site

from tenants import page_cache

from ..counters import visit_counts
from ..middleware import site_for_request
from ..models import FooterSettings
from ..selectors import menu_items

register = template.Library()


def _in_locality() -> bool:
    # The national root (public schema) has no Wagtail tables.
    return connection.schema_name != settings.PUBLIC_SCHEMA_NAME


def _site(request) -> Site | None:
    if not _in_locality():
        return None
    site = None
    if request is not None:
        site = getattr(request, "_wagtail_site", None) or site_for_request(request)
    return site or Site.objects.filter(is_default_site=True).select_related("root_page").first()


@register.inclusion_tag("cms/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = _site(request)
    if site is None:
        return {"items": [], "home": None}
    home = site.root_page
    current = context.get("page")
    # The same for every page of the locality's site until a page changes (cms/signals.py).
    cached = page_cache.per_locality(f"menu:{site.pk}", lambda: menu_items(home, request))
    items = [
        {**item, "active": current is not None and current.path.startswith(item["page"].path)}
        for item in cached  # type: ignore[attr-defined]
    ]
    return {"items": items, "home": home, "home_url": home.url, "request": request}


@register.inclusion_tag("cms/includes/footer.html", takes_context=True)
def locality_footer(context):
    request = context.get("request")
    site = _site(request)
    locality = context.get("locality")
    if site is None:
        return {"footer": None, "locality": locality}
    footer = page_cache.per_locality(f"footer:{site.pk}", lambda: FooterSettings.for_site(site))
    return {
        "footer": footer,
        "agency": footer.agency or (locality.name if locality else site.site_name),
        "counts": visit_counts() if footer.show_visit_counters else None,
        "locality": locality,
        "request": request,
    }


@register.simple_tag(takes_context=True)
def home_page(context):
    site = _site(context.get("request"))
    return site.root_page.specific if site else None
