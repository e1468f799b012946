"""The citizen's side after submitting: "Hồ sơ của tôi", a dossier with its timeline,
withdrawing, rating, and downloading files (their own attachments, slips, the electronic result).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.private_files import serve_private_file
from staff.roles import Role
from staff.selectors import user_has_any_role

from .. import engine, selectors, services
from ..access_log import access_entries, access_record
from ..choices import DeliveryMethod, IssuedKind
from ..errors import DossierChanged, TransitionNotAvailable
from ..forms import RatingForm, add_errors, with_length_hints
from ..models import AccessKind, Attachment, Dossier, IssuedDocument
from ..review import answer_rows
from ..services.citizen import RATEABLE_STATES
from ..workflow import APPLICANT
from .common import NotHere, handles_not_here, locality_of, own_dossier, refusal, slip_pending

OFFICER_ROLES = (
    Role.RECEIVING_OFFICER,
    Role.SPECIALIST,
    Role.LEADER,
    Role.RETURNING_OFFICER,
)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """Every dossier of the citizen, in every locality they have used (also on the national
    root): state, dates and what is expected of them."""
    summaries = selectors.applicant_dossiers_everywhere(user=request.user)
    return render(
        request,
        "workflows/mine.html",
        {
            "summaries": summaries,
            "needing_action": [s for s in summaries if s.needs_action],
        },
    )


def _detail_context(request: HttpRequest, dossier: Dossier) -> dict:
    rating = getattr(dossier, "rating", None) if hasattr(dossier, "rating") else None
    issued = list(IssuedDocument.objects.filter(dossier=dossier).exclude(kind=IssuedKind.RESULT))
    text, needs_action = selectors.expectation(dossier, rated=rating is not None)
    return {
        "dossier": dossier,
        "plugin": dossier.plugin,
        "state_label": dossier.get_state_label(),
        "expectation": text,
        "needs_action": needs_action,
        "rows": answer_rows(dossier.plugin.schema, dossier.answers),
        "documents": selectors.attachments_by_document(dossier=dossier),
        "issued": issued,
        "results": selectors.results_for_download(dossier=dossier),
        "timeline": selectors.timeline(dossier=dossier),
        "supplement": selectors.open_supplement_request(dossier=dossier),
        "actions": engine.available_transitions(
            dossier=dossier, user=request.user, actor=APPLICANT
        ),
        "rating": rating,
        "rating_form": with_length_hints(RatingForm())
        if rating is None and dossier.state in RATEABLE_STATES
        else None,
        "delivery_label": DeliveryMethod(dossier.delivery_method).label
        if dossier.delivery_method
        else "",
        "accesses": access_entries(dossier=dossier),
    }


@login_required
@require_GET
@handles_not_here
def detail(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    dossier = own_dossier(request, reference)
    if dossier.state == "draft":
        return redirect("workflows:draft_form", reference=dossier.reference)
    return render(request, "workflows/detail.html", _detail_context(request, dossier))


@login_required
@require_http_methods(["GET", "POST"])
@handles_not_here
def withdraw(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    """Rút hồ sơ: the citizen confirms (with an optional reason) before a decision."""
    dossier = own_dossier(request, reference)
    try:
        form = engine.transition_form(
            dossier=dossier,
            name="withdraw",
            data=request.POST if request.method == "POST" else None,
        )
    except TransitionNotAvailable:
        return refusal(
            request,
            status=409,
            message=_("Hồ sơ đã có quyết định hoặc đã kết thúc nên không rút được nữa."),
        )
    status = 200
    if request.method == "POST":
        try:
            engine.dossier_transition(
                dossier=dossier,
                user=request.user,
                name="withdraw",
                data=request.POST,
                expected_state=request.POST.get("state", ""),
            )
        except ValidationError as invalid:
            status = 400
            if form is not None:
                add_errors(form, invalid)
            else:
                messages.error(request, " ".join(invalid.messages))
        except DossierChanged as changed:
            return refusal(request, status=409, message=changed.message)
        except TransitionNotAvailable as refused:
            return refusal(request, status=409, message=refused.message)
        except PermissionDenied as refused:
            return refusal(request, status=403, message=str(refused))
        else:
            messages.success(request, _("Đã rút hồ sơ %(code)s.") % {"code": dossier.code})
            return redirect("workflows:detail", reference=dossier.reference)
    return render(
        request,
        "workflows/withdraw.html",
        {
            "dossier": dossier,
            "plugin": dossier.plugin,
            "form": with_length_hints(form) if form is not None else None,
        },
        status=status,
    )


@login_required
@require_POST
@handles_not_here
def rate(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    dossier = own_dossier(request, reference)
    form = with_length_hints(RatingForm(request.POST))
    if form.is_valid():
        try:
            services.dossier_rate(
                dossier=dossier,
                user=request.user,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as refused:
            add_errors(form, refused)
        except PermissionDenied as refused:
            return refusal(request, status=403, message=str(refused))
        else:
            messages.success(request, _("Cảm ơn bạn đã đánh giá."))
            return redirect("workflows:detail", reference=dossier.reference)
    context = _detail_context(request, dossier)
    context["rating_form"] = form
    return render(request, "workflows/detail.html", context, status=400)


# -- files ----------------------------------------------------------------------------------------


def _viewable_dossier(request: HttpRequest, reference: uuid.UUID) -> Dossier:
    """The applicant's own dossier, or any dossier of this locality for its officers."""
    locality_of(request)
    dossier = selectors.dossier_of_applicant(reference=reference, user=request.user)
    if dossier is None and user_has_any_role(request.user, OFFICER_ROLES):
        dossier = selectors.dossier_by_reference(reference=reference)
    if dossier is None:
        raise NotHere(_("Không tìm thấy hồ sơ này."))
    return dossier


@login_required
@require_GET
@handles_not_here
def attachment_file(request: HttpRequest, reference: uuid.UUID, pk: int) -> HttpResponse:
    dossier = _viewable_dossier(request, reference)
    attachment = Attachment.objects.filter(dossier=dossier, pk=pk).first()
    if attachment is None:
        return refusal(request, status=404, message=_("Không tìm thấy tệp này."))
    access_record(
        dossier=dossier,
        user=request.user,
        kind=AccessKind.DOWNLOADED,
        what=attachment.original_name,
    )
    return serve_private_file(
        attachment.file, content_type=attachment.content_type, filename=attachment.original_name
    )


@login_required
@require_GET
@handles_not_here
def issued_file(request: HttpRequest, reference: uuid.UUID, pk: int) -> HttpResponse:
    dossier = _viewable_dossier(request, reference)
    document = IssuedDocument.objects.filter(dossier=dossier, pk=pk).first()
    if document is None:
        return refusal(request, status=404, message=_("Không tìm thấy giấy tờ này."))
    is_officer = dossier.applicant_id != request.user.pk
    if (
        document.kind == IssuedKind.RESULT
        and not is_officer
        and document not in selectors.results_for_download(dossier=dossier)
    ):
        return refusal(
            request,
            status=403,
            message=_(
                "Kết quả điện tử chỉ tải được khi bạn chọn nhận kết quả trực tuyến và hồ sơ "
                "đã được trả kết quả."
            ),
        )
    if document.is_pending:
        return slip_pending(request, dossier, kind=document.kind)
    access_record(
        dossier=dossier, user=request.user, kind=AccessKind.DOWNLOADED, what=document.filename
    )
    return serve_private_file(
        document.file, content_type="application/pdf", filename=document.filename
    )
