"""Step 4 of the submission journey: every answer read back, the declaration, the captcha and
"Nộp hồ sơ"; during a supplement request, "Nộp bổ sung" instead.

A second press of "Nộp hồ sơ" (or a retry) lands on the confirmation of the dossier already
submitted. The hidden review token proves that what is submitted is what the citizen reviewed.
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

from identity.access import unconfirmed_response
from identity.selectors import can_submit_dossiers
from procedure_plugins.selectors import offered_procedure

from .. import clock, selectors, services
from ..calendar import appointment_for, next_working_moment
from ..choices import DeliveryMethod
from ..errors import DossierChanged, ProcedureNotOffered
from ..forms import (
    ResubmitForm,
    ReviewOutdated,
    ReviewTampered,
    SubmitForm,
    check_review_token,
    review_token,
)
from ..models import Dossier
from ..review import answer_rows
from ..states import DossierState
from .common import handles_not_here, own_dossier, refusal
from .submission import editable_or_redirect, step_context

# -- step 4: review and submit --------------------------------------------------------------------


def _review_context(request: HttpRequest, dossier: Dossier, **extra) -> dict:
    offered = offered_procedure(request.tenant, dossier.procedure_code)
    now = clock.now()
    estimate = None
    if offered is not None:
        estimate = appointment_for(received_at=now, processing_time=offered.processing_time)
    problems = selectors.submission_problems(dossier=dossier)
    return step_context(
        request,
        dossier,
        "draft_review",
        rows=answer_rows(dossier.plugin.schema, dossier.answers),
        documents=selectors.attachments_by_document(dossier=dossier),
        problems=problems,
        fee=offered.fee_for(dossier.answers) if offered and not problems.get("answers") else None,
        counted_from=next_working_moment(at=now),
        estimate=estimate,
        can_submit=can_submit_dossiers(request.user),
        delivery_label=DeliveryMethod(dossier.delivery_method).label
        if dossier.delivery_method
        else "",
        **extra,
    )


@login_required
@require_http_methods(["GET", "POST"])
@handles_not_here
def draft_review(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    dossier = own_dossier(request, reference)
    if dossier.code and dossier.state != DossierState.SUPPLEMENT_REQUESTED:
        # Already submitted: a second click or a retry lands on the confirmation.
        return redirect("workflows:confirmation", reference=dossier.reference)
    if (response := editable_or_redirect(dossier)) is not None:
        return response
    if dossier.state == DossierState.SUPPLEMENT_REQUESTED:
        return _supplement_review(request, dossier)
    status = 200
    if request.method == "POST":
        if not can_submit_dossiers(request.user):
            return unconfirmed_response(request)
        form = SubmitForm(request.POST)
        try:
            check_review_token(request.POST.get("review", ""), dossier)
        except ReviewTampered:
            return refusal(
                request,
                status=403,
                message=_(
                    "Dữ liệu của trang đã bị thay đổi. Vui lòng mở lại trang kiểm tra hồ sơ."
                ),
            )
        except ReviewOutdated:
            messages.warning(
                request,
                _("Hồ sơ đã thay đổi kể từ khi bạn mở trang này. Vui lòng kiểm tra lại rồi nộp."),
            )
            form = SubmitForm(initial={"review": review_token(dossier)})
            return render(
                request,
                "workflows/draft_review.html",
                _review_context(request, dossier, form=form),
                status=409,
            )
        if form.is_valid():
            try:
                dossier = services.dossier_submit(dossier=dossier, user=request.user)
            except ValidationError:
                status = 400
            except ProcedureNotOffered as refused:
                return refusal(request, status=404, message=refused.message)
            except PermissionDenied:
                return unconfirmed_response(request)
            except DossierChanged as changed:
                return refusal(request, status=409, message=changed.message)
            else:
                return redirect("workflows:confirmation", reference=dossier.reference)
        else:
            status = 400
    else:
        form = SubmitForm(initial={"review": review_token(dossier)})
    return render(
        request,
        "workflows/draft_review.html",
        _review_context(request, dossier, form=form),
        status=status,
    )


def _supplement_review(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    status = 200
    form = ResubmitForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.dossier_resubmit(
                    dossier=dossier,
                    user=request.user,
                    note=form.cleaned_data["note"],
                    expected_state=DossierState.SUPPLEMENT_REQUESTED,
                )
            except ValidationError as refused:
                form.add_error(None, refused.messages)
                status = 400
            except DossierChanged as changed:
                return refusal(request, status=409, message=changed.message)
            except PermissionDenied as refused:
                return refusal(request, status=403, message=str(refused))
            else:
                messages.success(request, _("Đã nộp bổ sung hồ sơ."))
                return redirect("workflows:detail", reference=dossier.reference)
        else:
            status = 400
    return render(
        request,
        "workflows/draft_review.html",
        _review_context(request, dossier, form=form, resubmit=True),
        status=status,
    )
