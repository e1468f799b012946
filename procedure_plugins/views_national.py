"""The catalogue on the national root (public schema): every installed procedure, and for each
one the localities that offer it, so a citizen can walk from the national portal to the commune
that handles their dossier. Served at /thu-tuc/ of the national host (namespace `catalogue`).
"""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tenants.choices import Level
from workflows.workflow_graph import transitions_of

from .models import ProcedureOffering
from .registry import register
from .search import normalise, score
from .selectors import OfferedProcedure, localities_offering
from .views import (
    _diagram,
    blank_form_response,
    diagram_response,
    result_specimen_response,
    schema_response,
)


def _plugin_or_404(code: str):
    try:
        return register.get(code)
    except KeyError:
        raise Http404(_("Không có thủ tục %(code)s.") % {"code": code}) from None


@require_GET
def national_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    plugins = list(register)
    if query and normalise(query):
        ranked = sorted(((score(p, query), p) for p in plugins), key=lambda x: -x[0])
        plugins = [p for s, p in ranked if s]
    else:
        plugins.sort(key=lambda p: (normalise(p.field), normalise(p.name)))
    counts = dict(
        ProcedureOffering.objects.filter(is_active=True, locality__is_active=True)
        .values_list("procedure_code")
        .annotate(n=Count("id"))
    )
    rows = [(p, counts.get(p.code, 0)) for p in plugins]
    return render(request, "procedure_plugins/national_index.html", {"rows": rows, "query": query})


@require_GET
def national_detail(request: HttpRequest, code: str) -> HttpResponse:
    plugin = _plugin_or_404(code)
    units = localities_offering(code)
    by_province: dict[str, list] = {}
    for unit in units:
        province = unit if unit.level == Level.PROVINCE else unit.parent
        host = next((d.domain for d in unit.domains.all() if d.is_primary), None)
        by_province.setdefault(province.name if province else "", []).append((unit, host))
    steps = [row for row in transitions_of(plugin.workflow) if row.target != "withdrawn"]
    return render(
        request,
        "procedure_plugins/national_detail.html",
        {
            "plugin": plugin,
            # The national values (no locality's own time or fee).
            "procedure": OfferedProcedure(plugin=plugin, offering=ProcedureOffering()),
            "diagram": _diagram(plugin.workflow),
            "workflow_steps": steps,
            "state_labels": plugin.workflow.state_labels(),
            "by_province": sorted(by_province.items()),
        },
    )


@require_GET
def national_schema(request: HttpRequest, code: str) -> HttpResponse:
    return schema_response(request, _plugin_or_404(code))


@require_GET
def national_diagram(request: HttpRequest, code: str) -> HttpResponse:
    return diagram_response(_plugin_or_404(code))


@require_GET
def national_blank_form(request: HttpRequest, code: str, key: str) -> HttpResponse:
    return blank_form_response(_plugin_or_404(code), key)


@require_GET
def national_result_specimen(request: HttpRequest, code: str, key: str) -> HttpResponse:
    return result_specimen_response(_plugin_or_404(code), key)
