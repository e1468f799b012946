"""The service catalogue on a locality's portal (URLs under /thu-tuc/, namespace `catalogue`).

`catalogue_index` and `catalogue_detail` are also meant to be called from a Wagtail RoutablePage
(the CMS places the catalogue inside its page tree)::

    @path("")
    def catalogue(self, request):
        return catalogue_index(request, extra_context={"page": self})

    @path("<str:code>/")
    def procedure(self, request, code):
        return catalogue_detail(request, code, extra_context={"page": self})
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tenants.choices import Level
from tenants.models import Locality
from tenants.page_cache import mark_cacheable
from workflows.workflow_graph import transitions_of

from . import selectors
from .choices import ApplicantType, OnlineLevel
from .diagrams import workflow_svg
from .registry import register
from .schema import SchemaForm, initial_answers, places
from .templating import blank_form_file, result_specimen_pdf

logger = logging.getLogger(__name__)


def _locality(request: HttpRequest, locality: Locality | None) -> Locality:
    locality = locality or getattr(request, "tenant", None)
    if locality is None or not getattr(locality, "pk", None) or locality.level == Level.NATIONAL:
        raise Http404(_("Không có danh mục thủ tục ở đây."))
    return locality


def _offered_or_404(locality: Locality, code: str) -> selectors.OfferedProcedure:
    offered = selectors.offered_procedure(locality, code)
    if offered is None:
        raise Http404(_("Đơn vị này không cung cấp thủ tục %(code)s.") % {"code": code})
    return offered


@require_GET
def catalogue_index(
    request: HttpRequest,
    *,
    locality: Locality | None = None,
    template_name: str = "procedure_plugins/index.html",
    extra_context: dict[str, Any] | None = None,
) -> TemplateResponse:
    """All procedures of the locality, by field or by agency, with filters and search."""
    locality = _locality(request, locality)
    query = request.GET.get("q", "").strip()[:200]
    field = request.GET.get("linh-vuc", "").strip()
    agency = request.GET.get("co-quan", "").strip()
    level = request.GET.get("muc-do", "").strip()
    applicant = request.GET.get("doi-tuong", "").strip()
    group_by = "agency" if request.GET.get("nhom") == "co-quan" else "field"
    if level not in OnlineLevel.values:
        level = ""
    if applicant not in ApplicantType.values:
        applicant = ""

    everything = selectors.offered_procedures(locality)
    procedures = selectors.offered_procedures(
        locality,
        query=query or None,
        field=field or None,
        agency=agency or None,
        online_level=level or None,
        applicant_type=applicant or None,
    )
    groups: dict[str, list[selectors.OfferedProcedure]] = {}
    if query:
        groups[_("Kết quả tìm kiếm")] = procedures
    else:
        for procedure in procedures:
            heading = procedure.agency if group_by == "agency" else procedure.field
            groups.setdefault(heading, []).append(procedure)
    is_upper = locality.level in (Level.PROVINCE, Level.DISTRICT)
    context = {
        "query": query,
        "groups": list(groups.items()),
        "total": len(procedures),
        "offered_total": len(everything),
        "facets": selectors.facets(everything),
        "selected": {
            "field": field,
            "agency": agency,
            "level": level,
            "applicant": applicant,
            "group_by": group_by,
        },
        "online_levels": [(lv.value, lv.label, lv.old_level) for lv in OnlineLevel],
        "applicant_types": ApplicantType.choices,
        "lower_units": selectors.lower_units(locality, query=query or None) if is_upper else [],
        "is_upper": is_upper,
        # Shortcuts for a first visit; hidden once the citizen searches or filters.
        "most_used": []
        if (query or field or agency or level or applicant)
        else (selectors.most_used(locality)),
        **(extra_context or {}),
    }
    return mark_cacheable(TemplateResponse(request, template_name, context), tag="catalogue")


@require_GET
def catalogue_detail(
    request: HttpRequest,
    code: str,
    *,
    locality: Locality | None = None,
    template_name: str = "procedure_plugins/detail.html",
    extra_context: dict[str, Any] | None = None,
) -> TemplateResponse:
    """Everything a citizen must know and prepare before submitting."""
    locality = _locality(request, locality)
    offered = _offered_or_404(locality, code)
    plugin = offered.plugin
    steps = [
        row
        for row in transitions_of(plugin.workflow)
        if row.target and row.target not in ("withdrawn",)
    ]
    context = {
        "procedure": offered,
        "plugin": plugin,
        "diagram": _diagram(plugin.workflow),
        "workflow_steps": steps,
        "state_labels": plugin.workflow.state_labels(),
        "schema_url": _url("catalogue:schema", code),
        "form_url": _url("catalogue:form", code),
        **(extra_context or {}),
    }
    return mark_cacheable(TemplateResponse(request, template_name, context), tag="catalogue")


def _diagram(workflow: type) -> str:
    """The workflow's SVG, or "" when graphviz is unavailable: the steps are also listed as
    text, so the page still tells the citizen everything (and never fails for a picture)."""
    try:
        return workflow_svg(workflow)
    except Exception:  # noqa: BLE001 - a missing `dot` binary or a graphviz error
        logger.exception("Workflow diagram of %s could not be drawn", workflow.__name__)
        return ""


def _url(name: str, code: str) -> str:
    try:
        return reverse(name, kwargs={"code": code})
    except NoReverseMatch:
        return ""


@require_GET
def procedure_schema(request: HttpRequest, code: str) -> JsonResponse:
    """The form schema, published for other clients: `?phien-ban=1` for an older version."""
    locality = _locality(request, None)
    return schema_response(request, _offered_or_404(locality, code).plugin)


def schema_response(request: HttpRequest, plugin: Any) -> JsonResponse:
    code = plugin.code
    version = request.GET.get("phien-ban")
    if version:
        try:
            plugin = register.get(code, int(version))
        except (KeyError, ValueError):
            raise Http404(_("Không có phiên bản này của biểu mẫu.")) from None
    schema = {
        **plugin.schema,
        "$id": request.build_absolute_uri(request.path) + f"?phien-ban={plugin.version}",
        "x-procedure": {"code": plugin.code, "version": plugin.version, "name": plugin.name},
    }
    response = JsonResponse(schema, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def procedure_diagram(request: HttpRequest, code: str) -> HttpResponse:
    locality = _locality(request, None)
    return diagram_response(_offered_or_404(locality, code).plugin)


def diagram_response(plugin: Any) -> HttpResponse:
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + workflow_svg(plugin.workflow)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def blank_form(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """The blank form (mẫu đơn, tờ khai) of one required document."""
    locality = _locality(request, None)
    return blank_form_response(_offered_or_404(locality, code).plugin, key)


def blank_form_response(plugin: Any, key: str) -> HttpResponse:
    document = next((d for d in plugin.documents if d.key == key), None)
    if document is None or document.blank_form is None:
        raise Http404(_("Giấy tờ này không có mẫu để tải."))
    content, content_type, filename = blank_form_file(plugin, document.blank_form)
    if not document.blank_form.file:
        filename = f"{selectors.slug(document.blank_form.title)}.pdf"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def result_specimen(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """A specimen of the result document `key` (the plugin's `result_templates`), blanks only."""
    locality = _locality(request, None)
    return result_specimen_response(_offered_or_404(locality, code).plugin, key)


def result_specimen_response(plugin: Any, key: str) -> HttpResponse:
    if key not in plugin.result_templates:
        raise Http404(_("Thủ tục này không có mẫu kết quả này."))
    response = HttpResponse(result_specimen_pdf(plugin, key), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{plugin.code}-mau-ket-qua-{key}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
def form_preview(request: HttpRequest, code: str) -> HttpResponse:
    """The form rendered from the schema, prefilled from the profile, checked on "Kiểm tra".

    Nothing is stored: this lets a citizen see and try the form before submitting; the dossier
    feature uses the same SchemaForm for the real submission.
    """
    locality = _locality(request, None)
    offered = _offered_or_404(locality, code)
    schema = offered.plugin.schema
    communes_url = reverse("catalogue:index") + "dia-ban/"
    if request.method == "POST":
        form = SchemaForm(schema, data=request.POST, communes_url=communes_url)
        valid = form.is_valid()
    else:
        form = SchemaForm(
            schema, initial=initial_answers(schema, request.user), communes_url=communes_url
        )
        valid = False
    status = 400 if form.is_bound and not form.action and not valid else 200
    return render(
        request,
        "procedure_plugins/form_preview.html",
        {"procedure": offered, "form": form, "valid": valid},
        status=status,
    )


@require_GET
def communes(request: HttpRequest, province: str) -> JsonResponse:
    """Communes of a province for the address picker (the official list of today's units)."""
    if places.province_name(province) is None:
        raise Http404(_("Không có tỉnh, thành phố này."))
    data = {"communes": [{"code": c.code, "name": c.name} for c in places.communes(province)]}
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=86400"
    return response
