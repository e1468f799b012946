"""The officers' side, as thin as it gets: the locality's dossiers, one dossier with the
actions this officer may take now (from the engine), and each action's form.

Roles are per locality (staff.roles): an officer of Tứ Kỳ has no role on Chư Pưh's portal and
gets 403 there; a dossier of another locality does not exist here (404). The page carries the
state the officer saw; if another officer acted first the action is refused with 409 and
"Hồ sơ đã được người khác cập nhật, vui lòng tải lại" on the dossier's page as it is now.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from staff.selectors import user_has_any_role

from .. import engine, selectors, services
from ..access_log import access_record
from ..choices import DeliveryMethod
from ..errors import DossierChanged, TransitionNotAvailable
from ..forms import ApologyForm, add_errors, with_length_hints
from ..models import AccessKind, DeskSettings, Dossier, IssuedDocument
from ..review import answer_rows
from ..services.assignment import assignment_visit
from ..uploads import read_post_keeping_raw_names, unsafe_name_message
from ..workflow import OFFICER
from ..workflow_forms import ResultFileForm, ReturnResultForm, SupplementRequestForm
from .citizen import OFFICER_ROLES
from .common import NotHere, handles_not_here, locality_of, refusal


def _officer_or_403(request: HttpRequest) -> HttpResponse | None:
    locality_of(request)
    if not user_has_any_role(request.user, OFFICER_ROLES):
        return refusal(
            request,
            status=403,
            message=_(
                "Trang này dành cho cán bộ của đơn vị. Vai trò cán bộ chỉ có hiệu lực tại địa "
                "phương nơi bạn được bổ nhiệm."
            ),
        )
    return None


#: What a desk service refuses with before changing anything: someone acted first or the step
#: is over (409), or the officer may not (403).
REFUSED = (DossierChanged, TransitionNotAvailable, PermissionDenied)


def refused_page(request: HttpRequest, refused: Exception, *, dossier: Dossier) -> HttpResponse:
    """403 with the reason; 409 (someone acted first, or the step is over): the dossier's page
    again, as it is now, with the message on top and the actions of its new state."""
    if isinstance(refused, PermissionDenied):
        return refusal(request, status=403, message=str(refused))
    messages.error(request, getattr(refused, "message", str(refused)))
    current = _dossier_here(dossier.reference)
    return render(
        request, "workflows/desk_detail.html", _desk_context(request, current), status=409
    )


def _dossier_here(reference: uuid.UUID) -> Dossier:
    dossier = selectors.dossier_by_reference(reference=reference)
    if dossier is None or dossier.state == "draft":
        raise NotHere(_("Không tìm thấy hồ sơ này tại đơn vị."))
    return dossier


def fitted(form: Any, *, dossier: Dossier) -> Any:
    """The action's form as this dossier needs it: the return form with the fields of the
    dossier's delivery method only; the supplement request's late acknowledgement only from the
    second request on (services.supplement_round)."""
    if isinstance(form, ReturnResultForm):
        keep = ReturnResultForm.fields_for(dossier.delivery_method)
        for name in [name for name in form.fields if name not in keep]:
            del form.fields[name]
    if isinstance(form, SupplementRequestForm) and services.supplement_round(dossier=dossier) < 2:
        del form.fields["acknowledge_late"]
    return with_length_hints(form)


def _desk_context(
    request: HttpRequest, dossier: Dossier, *, refused: tuple[str, Any] | None = None, **extra
) -> dict:
    """`refused`: (action name, its bound form with the errors), shown in place of a blank one."""
    actions = engine.available_transitions(dossier=dossier, user=request.user, actor=OFFICER)
    supplement_round = services.supplement_round(dossier=dossier)

    def form_of(action: engine.TransitionOption) -> Any:
        if refused is not None and refused[0] == action.name:
            return refused[1]
        return fitted(action.form_class(prefix=action.name), dossier=dossier)

    warnings = {}
    if supplement_round > 1:
        warnings["request_supplement"] = services.late_supplement_warning(supplement_round)
    return {
        "dossier": dossier,
        "plugin": dossier.plugin,
        "actions": [
            (action, form_of(action) if action.form_class else None, warnings.get(action.name))
            for action in actions
        ],
        "rows": answer_rows(dossier.plugin.schema, dossier.answers),
        "documents": selectors.attachments_by_document(dossier=dossier),
        "issued": IssuedDocument.objects.filter(dossier=dossier),
        "timeline": selectors.timeline(dossier=dossier),
        "apology_form": with_length_hints(ApologyForm(prefix="apology")),
        "can_apologise": services.may_apologise(dossier=dossier, actor=request.user),
        "result_form": ResultFileForm(prefix="result"),
        "can_attach_result": services.may_attach_result(dossier=dossier, actor=request.user),
        "delivery_label": DeliveryMethod(dossier.delivery_method).label
        if dossier.delivery_method
        else "",
        **extra,
    }


@login_required
@require_GET
@handles_not_here
def desk_detail(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    if (refused := _officer_or_403(request)) is not None:
        return refused
    dossier = _dossier_here(reference)
    assignment_visit(dossier=dossier, user=request.user)
    access_record(dossier=dossier, user=request.user, kind=AccessKind.VIEWED)
    return render(request, "workflows/desk_detail.html", _desk_context(request, dossier))


@login_required
@require_http_methods(["POST"])
@handles_not_here
def desk_transition(request: HttpRequest, reference: uuid.UUID, name: str) -> HttpResponse:
    if (refused := _officer_or_403(request)) is not None:
        return refused
    dossier = _dossier_here(reference)
    prefix = f"{name}-"
    data = {
        key[len(prefix) :]: value for key, value in request.POST.items() if key.startswith(prefix)
    }
    try:
        dossier = engine.dossier_transition(
            dossier=dossier,
            user=request.user,
            name=name,
            data=data,
            expected_state=request.POST.get("state", ""),
        )
    except REFUSED as refused:
        return refused_page(request, refused, dossier=dossier)
    except ValidationError as invalid:
        form = engine.transition_form(dossier=dossier, name=name, data=request.POST, prefix=name)
        if form is None:
            messages.error(request, " ".join(invalid.messages))
            context = _desk_context(request, dossier)
        else:
            form = add_errors(fitted(form, dossier=dossier), invalid)
            context = _desk_context(request, dossier, refused=(name, form))
        return render(request, "workflows/desk_detail.html", context, status=400)
    messages.success(
        request,
        _("Đã cập nhật hồ sơ %(code)s: %(state)s.")
        % {"code": dossier.code, "state": dossier.get_state_label()},
    )
    return redirect("workflows:desk_detail", reference=dossier.reference)


@login_required
@require_http_methods(["POST"])
@handles_not_here
def desk_apology(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    if (refused := _officer_or_403(request)) is not None:
        return refused
    dossier = _dossier_here(reference)
    form = with_length_hints(ApologyForm(request.POST, prefix="apology"))
    status = 400
    if form.is_valid():
        settings = DeskSettings.for_current_locality()
        try:
            services.dossier_apologise(
                dossier=dossier,
                user=request.user,
                new_appointment_at=form.new_appointment_at(afternoon_end=settings.afternoon_end),
                reason=form.cleaned_data["reason"],
                expected_state=request.POST.get("state", ""),
            )
        except REFUSED as refused:
            return refused_page(request, refused, dossier=dossier)
        except ValidationError as invalid:
            form.add_error("new_date", invalid.messages)
        else:
            messages.success(request, _("Đã gửi thư xin lỗi và hẹn lại ngày trả kết quả."))
            return redirect("workflows:desk_detail", reference=dossier.reference)
    return render(
        request,
        "workflows/desk_detail.html",
        _desk_context(request, dossier, apology_form=form),
        status=status,
    )


@csrf_exempt  # csrf_protect is applied below, after the body is read keeping raw file names
@login_required
@require_http_methods(["POST"])
@handles_not_here
def desk_result(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    unsafe_names = read_post_keeping_raw_names(request)
    return _desk_result(request, reference, unsafe_names)


@csrf_protect
def _desk_result(
    request: HttpRequest, reference: uuid.UUID, unsafe_names: list[str]
) -> HttpResponse:
    """Attach the signed result (PDF, checked by content): specialist or leader, while the
    dossier is being processed or approved (services.result_attach_check)."""
    if (refused := _officer_or_403(request)) is not None:
        return refused
    dossier = _dossier_here(reference)
    try:  # who may, and when, before what was sent: 403 / 409 rather than a form error
        services.result_attach_check(dossier=dossier, actor=request.user)
    except REFUSED as refused:
        return refused_page(request, refused, dossier=dossier)
    form = ResultFileForm(request.POST, request.FILES, prefix="result")
    if unsafe_names:
        form.add_error("file", unsafe_name_message(unsafe_names))
    elif form.is_valid():
        try:
            services.dossier_attach_result(
                dossier=dossier,
                user=request.user,
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
                expected_state=request.POST.get("state", ""),
            )
        except REFUSED as refused:
            return refused_page(request, refused, dossier=dossier)
        except ValidationError as invalid:
            form.add_error("file", invalid.messages)
        else:
            messages.success(request, _("Đã đính kèm tệp kết quả đã ký."))
            return redirect("workflows:desk_detail", reference=dossier.reference)
    return render(
        request,
        "workflows/desk_detail.html",
        _desk_context(request, dossier, result_form=form),
        status=400,
    )
