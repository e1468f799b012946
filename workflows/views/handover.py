"""The officers' pages of the inter-unit hand-over (liên thông), as thin as the desk's.

- `can-bo/<ref>/lien-thong/`: the origin's specialist (or receiving officer, for a boundary-free
  procedure) chooses a unit of the province and sends the dossier;
- `can-bo/<ref>/lien-thong/tra-ve/`: the other unit's returning officer sends the child's outcome
  back to the origin;
- `can-bo/lien-thong/khong-phu-thuoc-dia-gioi/`: a province's administrator or leader lists the
  procedures any desk of the province may receive.

Every rule is in workflows/services/handover.py; the desk page shows the panel
(`{% handover_panel dossier %}`) from the same check functions.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from procedure_plugins.registry import register
from tenants.models import Locality

from ..errors import DossierChanged, TransitionNotAvailable
from ..forms import add_errors, with_length_hints
from ..handover_forms import BoundaryFreeForm, HandOverReturnForm, HandOverToUnitForm
from ..models import HandOverKind
from ..services import boundary_free, handover
from .common import handles_not_here, refusal
from .desk import _dossier_here, _officer_or_403


def _refused(request: HttpRequest, error: Exception) -> HttpResponse:
    if isinstance(error, DossierChanged | TransitionNotAvailable):
        return refusal(request, status=409, message=error.message)
    return refusal(request, status=403, message=str(error))


@login_required
@require_http_methods(["GET", "POST"])
@handles_not_here
def handover_send(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    if (refused := _officer_or_403(request)) is not None:
        return refused
    dossier = _dossier_here(reference)
    try:
        kind = handover.handover_check(dossier=dossier, actor=request.user)
    except (PermissionDenied, TransitionNotAvailable) as error:
        return _refused(request, error)
    targets = handover.handover_targets(dossier=dossier, actor=request.user)
    data = request.POST if request.method == "POST" else None
    form = with_length_hints(HandOverToUnitForm(data, targets=targets))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            target = Locality.objects.filter(pk=form.cleaned_data["target"]).first()
            try:
                handover.dossier_hand_over_to_unit(
                    dossier=dossier,
                    user=request.user,
                    target=target,
                    note=form.cleaned_data["note"],
                    expected_state=request.POST.get("state", ""),
                )
            except (DossierChanged, TransitionNotAvailable, PermissionDenied) as error:
                return _refused(request, error)
            except ValidationError as invalid:
                add_errors(form, invalid)
            else:
                assert target is not None
                messages.success(
                    request,
                    _("Đã chuyển hồ sơ %(code)s đến %(unit)s.")
                    % {"code": dossier.code, "unit": target.name},
                )
                return redirect("workflows:desk_detail", reference=dossier.reference)
    return render(
        request,
        "workflows/handover/send.html",
        {
            "dossier": dossier,
            "plugin": dossier.plugin,
            "form": form,
            "boundary_free": kind == HandOverKind.BOUNDARY_FREE,
        },
        status=status,
    )


@login_required
@require_http_methods(["POST"])
@handles_not_here
def handover_return(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    if (refused := _officer_or_403(request)) is not None:
        return refused
    dossier = _dossier_here(reference)
    form = HandOverReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("workflows:desk_detail", reference=dossier.reference)
    try:
        handover.dossier_handover_return(
            dossier=dossier,
            user=request.user,
            note=form.cleaned_data["note"],
            expected_state=request.POST.get("state", ""),
        )
    except (DossierChanged, TransitionNotAvailable, PermissionDenied) as error:
        return _refused(request, error)
    messages.success(
        request, _("Đã gửi kết quả hồ sơ %(code)s về đơn vị chuyển.") % {"code": dossier.code}
    )
    return redirect("workflows:desk_detail", reference=dossier.reference)


@login_required
@require_http_methods(["GET", "POST"])
@handles_not_here
def boundary_free_settings(request: HttpRequest) -> HttpResponse:
    try:
        province = boundary_free.boundary_free_check(actor=request.user)
    except PermissionDenied as error:
        return refusal(request, status=403, message=str(error))
    procedures = [(plugin.code, _(plugin.name)) for plugin in register]
    if request.method == "POST":
        form = BoundaryFreeForm(request.POST, procedures=procedures)
        if form.is_valid():
            boundary_free.boundary_free_replace(user=request.user, codes=form.cleaned_data["codes"])
            messages.success(request, _("Đã lưu danh mục thủ tục không phụ thuộc địa giới."))
            return redirect("workflows:boundary_free")
        status = 400
    else:
        form = BoundaryFreeForm(
            initial={"codes": boundary_free.boundary_free_codes()}, procedures=procedures
        )
        status = 200
    return render(
        request,
        "workflows/handover/boundary_free.html",
        {"form": form, "province": province},
        status=status,
    )
