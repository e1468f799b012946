"""The national portal's locality directory and the not-found page for unknown hosts."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from . import selectors
from .choices import Level
from .models import Locality
from .search import search_localities


def _with_hosts(localities) -> list[tuple[Locality, str | None]]:
    return [(unit, selectors.primary_host(unit)) for unit in localities]


def national_home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "tenants/national_home.html",
        {
            "provinces": _with_hosts(selectors.provinces()),
            "query": query,
            "results": _with_hosts(search_localities(query)) if query else None,
        },
    )


def directory(request: HttpRequest, code: str) -> HttpResponse:
    """Walk down from the national root: a unit's lower units, each linking to its portal."""
    unit = get_object_or_404(
        Locality.objects.exclude(level=Level.NATIONAL), code=code, dataset="current"
    )
    return render(
        request,
        "tenants/directory.html",
        {
            "unit": unit,
            "unit_host": selectors.primary_host(unit),
            "children": _with_hosts(selectors.children_of(unit)),
        },
    )


def locality_not_found(request: HttpRequest) -> HttpResponse:
    """Rendered by the middleware for a host that serves no (active) locality."""
    connection.set_schema_to_public()
    response = render(
        request,
        "tenants/locality_not_found.html",
        {
            "host": request.get_host().split(":")[0],
            "base_domain": settings.BASE_DOMAIN,
            "port": request.get_port(),
        },
        status=404,
    )
    return response
