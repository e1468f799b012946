"""The unit's registers for its officers (every officer role of this locality; 403 otherwise):

    /ho-so/can-bo/so-theo-doi/?tu=01/03/2026&den=31/03/2026    Mẫu 07 on screen
    /ho-so/can-bo/so-theo-doi.pdf?tu=…&den=…                   Mẫu 07 as PDF
    /ho-so/can-bo/so-theo-doi.xlsx?tu=…&den=…                  Mẫu 07 as a spreadsheet
    /ho-so/can-bo/<ref>/phieu-kiem-soat.pdf                     Mẫu 06 of one dossier, now

All are reads (GET, nothing written); the three forms of Mẫu 07 print the same rows
(workflows/registers.py). A period of the wrong shape comes back at its field with 400.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from documents.registers import COLUMNS, cells, register_xlsx, render_register_pdf

from .. import registers, selectors
from ..counter_forms import RegisterPeriodForm
from .common import NotHere, handles_not_here
from .desk import _officer_or_403 as officer_or_403

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period_form(request: HttpRequest) -> RegisterPeriodForm:
    data = request.GET if "tu" in request.GET or "den" in request.GET else None
    return RegisterPeriodForm(data or RegisterPeriodForm.this_month())


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
@handles_not_here
def register_page(request: HttpRequest) -> HttpResponse:
    if (refused := officer_or_403(request)) is not None:
        return refused
    form = _period_form(request)
    if not form.is_valid():
        return render(request, "workflows/counter_register.html", {"form": form}, status=400)
    context = registers.register_context(
        period_start=form.cleaned_data["tu"], period_end=form.cleaned_data["den"]
    )
    return render(
        request,
        "workflows/counter_register.html",
        {
            "form": form,
            "register": context,
            "headings": [heading for heading, _key in COLUMNS],
            "rows": [cells(index, row) for index, row in enumerate(context.rows, start=1)],
            "query": request.GET.urlencode() or None,
        },
    )


def _register_file(request: HttpRequest, *, kind: str) -> HttpResponse:
    if (refused := officer_or_403(request)) is not None:
        return refused
    form = _period_form(request)
    if not form.is_valid():
        return render(request, "workflows/counter_register.html", {"form": form}, status=400)
    start, end = form.cleaned_data["tu"], form.cleaned_data["den"]
    context = registers.register_context(period_start=start, period_end=end)
    filename = f"so-theo-doi-ho-so-{start:%Y%m%d}-{end:%Y%m%d}.{kind}"
    if kind == "pdf":
        response = HttpResponse(
            render_register_pdf(context=context), content_type="application/pdf"
        )
    else:
        response = HttpResponse(register_xlsx(context=context), content_type=XLSX)
    return _attachment(response, filename)


@login_required
@require_GET
@handles_not_here
def register_pdf(request: HttpRequest) -> HttpResponse:
    return _register_file(request, kind="pdf")


@login_required
@require_GET
@handles_not_here
def register_spreadsheet(request: HttpRequest) -> HttpResponse:
    return _register_file(request, kind="xlsx")


@login_required
@require_GET
@handles_not_here
def control_slip(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    if (refused := officer_or_403(request)) is not None:
        return refused
    dossier = selectors.dossier_by_reference(reference=reference)
    if dossier is None or not dossier.code:
        raise NotHere(_("Không tìm thấy hồ sơ này tại đơn vị."))
    rendered = registers.control_slip_now(dossier=dossier)
    response = HttpResponse(rendered.content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{rendered.filename}"'
    return response
