"""The Wagtail site of the request's host, from the page cache instead of a query per request."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from wagtail.models import Site

from tenants import page_cache


def site_for_request(request: HttpRequest) -> Site | None:
    """Wagtail's `Site.find_for_request`, kept per locality and host (with its root page) until a
    page or site of the locality changes (cms/signals.py)."""

    def find() -> Site | None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 - loaded now, kept with the site
        return site

    host = f"{request._get_raw_host()}|{request.get_port()}"
    return page_cache.per_locality(f"site:{host}", find)  # type: ignore[return-value]


class CachedSiteMiddleware:
    """Sets `request._wagtail_site`, which Wagtail's serve view and `Site.find_for_request` read
    before querying; after the page cache (a cached page needs no site)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if connection.schema_name != settings.PUBLIC_SCHEMA_NAME and not hasattr(
            request, "_wagtail_site"
        ):
            request._wagtail_site = site_for_request(request)  # type: ignore[attr-defined]
        return self.get_response(request)
