"""The submission journey (seed 000 section 2, seed 004 section III), one page per step:

    /ho-so/nop/<code>/                    start: what to prepare, drafts to resume, "Bắt đầu"
    /ho-so/<reference>/to-khai/           the form, from the plugin's schema (saved as a draft)
    /ho-so/<reference>/giay-to/           the documents, several files each where allowed
    /ho-so/<reference>/nhan-ket-qua/      how to receive the result (postage shown)
    /ho-so/<reference>/kiem-tra/          every answer read back, captcha, "Nộp hồ sơ"
    /ho-so/<reference>/da-nop/            the code, the appointment, the receipt PDF

The same answer, document and review pages serve a supplement request (state
`supplement_requested`): the citizen adds the missing pieces and presses "Nộp bổ sung".
Views only read the request and call services; every refusal has a status and a message.
"""

from __future__ import annotations

import logging
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from identity.access import unconfirmed_response
from identity.selectors import can_submit_dossiers
from procedure_plugins.schema import SchemaForm
from procedure_plugins.selectors import offered_procedure

from .. import clock, selectors, services
from ..calendar import appointment_for, next_working_moment
from ..choices import DeliveryMethod
from ..errors import DossierChanged, ProcedureNotOffered
from ..forms import (
    DeliveryForm,
    ResubmitForm,
    ReviewOutdated,
    ReviewTampered,
    StartForm,
    SubmitForm,
    UploadForm,
    check_review_token,
    review_token,
)
from ..models import Attachment, DeliverySettings, Dossier
from ..review import answer_rows
from ..services.submission import EDITABLE_STATES
from ..states import DossierState
from ..uploads import read_post_keeping_raw_names, unsafe_name_message
from .common import handles_not_here, locality_of, own_dossier, refusal

logger = logging.getLogger(__name__)

STEPS = [
    ("draft_form", _("Tờ khai")),
    ("draft_documents", _("Giấy tờ kèm theo")),
    ("draft_delivery", _("Nhận kết quả")),
    ("draft_review", _("Kiểm tra và nộp")),
]


def _steps(current: str, dossier: Dossier) -> list[dict]:
    return [
        {
            "name": name,
            "label": label,
            "url": reverse(f"workflows:{name}", kwargs={"reference": dossier.reference}),
            "current": name == current,
            "number": index,
        }
        for index, (name, label) in enumerate(STEPS, start=1)
    ]


def _communes_url() -> str:
    return reverse("catalogue:index") + "dia-ban/"


def _editable_or_redirect(dossier: Dossier) -> HttpResponse | None:
    if dossier.state in EDITABLE_STATES:
        return None
    return redirect("workflows:detail", reference=dossier.reference)


def _context(request: HttpRequest, dossier: Dossier, step: str, **extra) -> dict:
    offered = offered_procedure(request.tenant, dossier.procedure_code)
    return {
        "dossier": dossier,
        "plugin": dossier.plugin,
        "offered": offered,
        "steps": _steps(step, dossier),
        "is_supplement": dossier.state == DossierState.SUPPLEMENT_REQUESTED,
        "supplement": selectors.open_supplement_request(dossier=dossier),
        **extra,
    }


# -- start ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@handles_not_here
def submit_start(request: HttpRequest, code: str) -> HttpResponse:
    locality = locality_of(request)
    offered = offered_procedure(locality, code)
    if offered is None:
        return refusal(request, status=404, message=str(ProcedureNotOffered(code).message))
    status = 200
    if request.method == "POST":
        form = StartForm(request.POST)
        if form.is_valid():
            try:
                dossier = services.draft_create(
                    user=request.user,
                    procedure_code=code,
                    creation_token=form.cleaned_data["token"],
                )
            except PermissionDenied as refused:
                return refusal(request, status=403, message=str(refused))
            except ProcedureNotOffered as refused:
                return refusal(request, status=404, message=refused.message)
            return redirect("workflows:draft_form", reference=dossier.reference)
        status = 400
    form = StartForm(initial={"token": uuid.uuid4()})
    return render(
        request,
        "workflows/submit_start.html",
        {
            "offered": offered,
            "plugin": offered.plugin,
            "form": form,
            "drafts": selectors.drafts_of(user=request.user, procedure_code=code),
            "can_submit": can_submit_dossiers(request.user),
            "tampered": status == 400,
        },
        status=status,
    )


# -- step 1: the form -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@handles_not_here
def draft_form(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    dossier = own_dossier(request, reference)
    if (response := _editable_or_redirect(dossier)) is not None:
        return response
    schema = dossier.plugin.schema
    status = 200
    if request.method == "POST":
        form = SchemaForm(schema, data=request.POST, communes_url=_communes_url())
        try:
            # Always kept, even with errors: a draft is work in progress.
            dossier = services.draft_save_answers(
                dossier=dossier, user=request.user, answers=form.answers
            )
        except DossierChanged as changed:
            return refusal(request, status=409, message=changed.message)
        if form.action:
            pass  # a row was added or removed: show the form again
        elif "save" in request.POST:
            messages.success(request, _("Đã lưu nháp tờ khai. Bạn có thể quay lại hoàn thành sau."))
            return redirect("workflows:draft_form", reference=dossier.reference)
        elif form.is_valid():
            return redirect("workflows:draft_documents", reference=dossier.reference)
        else:
            status = 400
    else:
        form = SchemaForm(schema, initial=dossier.answers, communes_url=_communes_url())
    return render(
        request,
        "workflows/draft_form.html",
        _context(request, dossier, "draft_form", form=form),
        status=status,
    )


# -- step 2: documents ----------------------------------------------------------------------------


@csrf_exempt  # csrf_protect is applied below, after the body is read keeping raw file names
@login_required
@handles_not_here
def draft_documents(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    unsafe_names = read_post_keeping_raw_names(request)
    return _draft_documents(request, reference, unsafe_names)


@csrf_protect
@require_http_methods(["GET", "POST"])
def _draft_documents(
    request: HttpRequest, reference: uuid.UUID, unsafe_names: list[str]
) -> HttpResponse:
    dossier = own_dossier(request, reference)
    if (response := _editable_or_redirect(dossier)) is not None:
        return response
    documents = list(dossier.plugin.documents)
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        if unsafe_names:
            key = request.POST.get("document", "")
            errors[key] = [unsafe_name_message(unsafe_names)]
            status = 400
        elif "remove" in request.POST:
            attachment = Attachment.objects.filter(
                dossier=dossier, pk=request.POST.get("remove") or 0
            ).first()
            if attachment is None:
                return refusal(request, status=404, message=_("Không tìm thấy tệp này."))
            try:
                services.attachment_remove(attachment=attachment, user=request.user)
            except ValidationError as refused:
                errors[attachment.document_key] = refused.messages
                status = 400
            except DossierChanged as changed:
                return refusal(request, status=409, message=changed.message)
            else:
                messages.success(
                    request, _("Đã xoá tệp “%(name)s”.") % {"name": attachment.original_name}
                )
                return redirect("workflows:draft_documents", reference=dossier.reference)
        elif "next" in request.POST:
            missing = selectors.missing_documents(dossier=dossier)
            if not missing:
                target = "draft_review" if dossier.state != DossierState.DRAFT else "draft_delivery"
                return redirect(f"workflows:{target}", reference=dossier.reference)
            for doc in missing:
                errors[doc.key] = [_("Vui lòng đính kèm “%(name)s”.") % {"name": doc.name}]
            status = 400
        else:
            form = UploadForm(request.POST, request.FILES, documents=documents)
            if not form.is_valid():
                key = request.POST.get("document", "")
                errors[key if key in {d.key for d in documents} else ""] = [
                    message for field in form.errors.values() for message in field
                ]
                status = 400
            else:
                key = form.cleaned_data["document"]
                added = []
                for upload in form.cleaned_data["files"]:
                    try:
                        attachment = services.attachment_add(
                            dossier=dossier, user=request.user, document_key=key, upload=upload
                        )
                    except ValidationError as refused:
                        errors.setdefault(key, []).extend(refused.messages)
                    except DossierChanged as changed:
                        return refusal(request, status=409, message=changed.message)
                    else:
                        added.append(attachment.original_name)
                if added:
                    messages.success(
                        request, _("Đã tải lên: %(names)s.") % {"names": ", ".join(added)}
                    )
                if not errors:
                    return redirect("workflows:draft_documents", reference=dossier.reference)
                status = 400
    dossier.refresh_from_db()
    answers = dossier.answers if isinstance(dossier.answers, dict) else {}
    required = {doc.key for doc in dossier.plugin.documents_required_for(answers)}
    rows = [
        {
            "document": doc,
            "files": files,
            "required": doc.key in required,
            "errors": errors.get(doc.key, []),
            "can_add": len([f for f in files if f.event_id is None or dossier.state == "draft"])
            < doc.max_files,
        }
        for doc, files in selectors.attachments_by_document(dossier=dossier)
    ]
    return render(
        request,
        "workflows/draft_documents.html",
        _context(
            request,
            dossier,
            "draft_documents",
            rows=rows,
            general_errors=errors.get("", []),
        ),
        status=status,
    )


# -- step 3: delivery -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@handles_not_here
def draft_delivery(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    dossier = own_dossier(request, reference)
    if (response := _editable_or_redirect(dossier)) is not None:
        return response
    settings = DeliverySettings.for_current_locality()
    status = 200
    if request.method == "POST":
        form = DeliveryForm(request.POST, post_enabled=settings.post_enabled)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.draft_set_delivery(
                    dossier=dossier,
                    user=request.user,
                    method=data["method"],
                    address=form.full_address(),
                    province_code=data.get("province") or "",
                    subject_name=data["subject_name"] if data.get("for_someone_else") else "",
                    subject_id_number=data.get("subject_id_number") or "",
                    subject_relation=data.get("subject_relation") or "",
                )
            except ValidationError as refused:
                for field, messages_ in refused.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages_)
                status = 400
            except DossierChanged as changed:
                return refusal(request, status=409, message=changed.message)
            else:
                return redirect("workflows:draft_review", reference=dossier.reference)
        else:
            status = 400
    else:
        form = DeliveryForm(
            initial={
                "method": dossier.delivery_method or None,
                "province": dossier.delivery_province,
                "address": dossier.delivery_address.rsplit(", ", 1)[0]
                if dossier.delivery_province
                else dossier.delivery_address,
                "for_someone_else": bool(dossier.subject_name),
                "subject_name": dossier.subject_name,
                "subject_id_number": dossier.subject_id_number,
                "subject_relation": dossier.subject_relation,
            },
            post_enabled=settings.post_enabled,
        )
    return render(
        request,
        "workflows/draft_delivery.html",
        _context(request, dossier, "draft_delivery", form=form, delivery_settings=settings),
        status=status,
    )


# -- step 4: review and submit --------------------------------------------------------------------


def _review_context(request: HttpRequest, dossier: Dossier, **extra) -> dict:
    offered = offered_procedure(request.tenant, dossier.procedure_code)
    now = clock.now()
    estimate = None
    if offered is not None:
        estimate = appointment_for(received_at=now, processing_time=offered.processing_time)
    problems = selectors.submission_problems(dossier=dossier)
    return _context(
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
    if (response := _editable_or_redirect(dossier)) is not None:
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
                _issue_receipt(dossier)
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


def _issue_receipt(dossier: Dossier) -> None:
    """The receipt PDF, rendered after the submission committed (see receipt_ensure)."""
    try:
        services.receipt_ensure(dossier=dossier)
    except Exception:  # noqa: BLE001 - the download link renders it again on demand
        logger.exception("Receipt of dossier %s could not be rendered now", dossier.code)


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


@login_required
@require_POST
@handles_not_here
def draft_discard(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    dossier = own_dossier(request, reference)
    try:
        services.draft_discard(dossier=dossier, user=request.user)
    except DossierChanged as changed:
        return refusal(request, status=409, message=changed.message)
    messages.success(request, _("Đã xoá hồ sơ nháp."))
    return redirect("workflows:mine")


# -- after submitting -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
@handles_not_here
def confirmation(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    dossier = own_dossier(request, reference)
    if not dossier.code:
        return redirect("workflows:draft_review", reference=dossier.reference)
    return render(
        request,
        "workflows/confirmation.html",
        {
            "dossier": dossier,
            "plugin": dossier.plugin,
            "delivery_label": DeliveryMethod(dossier.delivery_method).label
            if dossier.delivery_method
            else "",
        },
    )


@login_required
@require_http_methods(["GET"])
@handles_not_here
def receipt(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    """The latest receipt (Mẫu 01) as a PDF, rendered now if it was not yet."""
    dossier = own_dossier(request, reference)
    if not dossier.code:
        return refusal(request, status=404, message=_("Hồ sơ chưa nộp nên chưa có giấy tiếp nhận."))
    document = services.receipt_ensure(dossier=dossier)
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=document.filename,
    )
