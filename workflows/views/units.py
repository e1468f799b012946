""" "Nộp hồ sơ trực tuyến" from a portal that does not receive dossiers itself for every procedure:
the national root and a province let the citizen choose the unit first (seed 000, step 2: "chọn
đơn vị cung cấp dịch vụ công"; seed 004: the province's "HUYỆN, THỊ, THÀNH" tab), then send them to
that unit's catalogue on its own portal. A commune's button goes straight to its catalogue.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from tenants import selectors
from tenants.choices import Level
from tenants.search import search_localities

CATALOGUE_PATH = "/thu-tuc/"


@require_GET
def choose_unit(request: HttpRequest) -> HttpResponse:
    portal = getattr(request, "tenant", None)
    if portal is not None and portal.level == Level.COMMUNE:
        return redirect(CATALOGUE_PATH)
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:100]
    national = portal is None or portal.level == Level.NATIONAL
    units = selectors.provinces() if national else selectors.children_of(portal)
    results = None
    if query:
        found = search_localities(query, limit=50)
        if not national:
            found = [
                u for u in found if portal.pk in (u.parent_id, getattr(u.parent, "parent_id", None))
            ]
        results = [(unit, selectors.primary_host(unit)) for unit in found]
    return render(
        request,
        "workflows/choose_unit.html",
        {
            "portal": None if national else portal,
            "units": [(unit, selectors.primary_host(unit)) for unit in units],
            "query": query,
            "results": results,
            "catalogue_path": CATALOGUE_PATH,
            "choose_path": request.path,
        },
    )
