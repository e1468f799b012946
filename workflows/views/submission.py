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
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from identity.selectors import can_submit_dossiers
from portal.private_files import serve_private_file
from procedure_plugins.schema import SchemaForm
from procedure_plugins.selectors import offered_procedure

from .. import selectors, services
from ..choices import DeliveryMethod, IssuedKind
from ..errors import DossierChanged, ProcedureNotOffered
from ..forms import (
    DeliveryForm,
    StartForm,
)
from ..models import DeliverySettings, Dossier
from ..services.submission import EDITABLE_STATES
from ..states import DossierState
from .common import handles_not_here, locality_of, own_dossier, refusal, slip_pending

logger = logging.getLogger(__name__)

# Lazy: the labels are read in the language of each request, not of the import.
STEPS = [
    ("draft_form", gettext_lazy("Tờ khai")),
    ("draft_documents", gettext_lazy("Giấy tờ kèm theo")),
    ("draft_delivery", gettext_lazy("Nhận kết quả")),
    ("draft_review", gettext_lazy("Kiểm tra và nộp")),
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


def editable_or_redirect(dossier: Dossier) -> HttpResponse | None:
    if dossier.state in EDITABLE_STATES:
        return None
    return redirect("workflows:detail", reference=dossier.reference)


def step_context(request: HttpRequest, dossier: Dossier, step: str, **extra) -> dict:
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
    if (response := editable_or_redirect(dossier)) is not None:
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
        step_context(request, dossier, "draft_form", form=form),
        status=status,
    )


# -- step 3: delivery -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@handles_not_here
def draft_delivery(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    dossier = own_dossier(request, reference)
    if (response := editable_or_redirect(dossier)) is not None:
        return response
    settings = DeliverySettings.for_current_locality()
    status = 200
    if request.method == "POST":
        form = DeliveryForm(request.POST, post_enabled=settings.post_enabled)
        if form.is_valid():
            try:
                services.draft_set_delivery(dossier=dossier, user=request.user, **form.delivery())
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
        step_context(request, dossier, "draft_delivery", form=form, delivery_settings=settings),
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
    """The latest receipt (Mẫu 01) as a PDF; a GET never writes (see `slip_pending`)."""
    dossier = own_dossier(request, reference)
    if not dossier.code:
        return refusal(request, status=404, message=_("Hồ sơ chưa nộp nên chưa có giấy tiếp nhận."))
    document = selectors.latest_issued(dossier=dossier, kind=IssuedKind.RECEIPT)
    if document is None or document.is_pending:
        return slip_pending(request, dossier, kind=IssuedKind.RECEIPT)
    return serve_private_file(
        document.file, content_type="application/pdf", filename=document.filename
    )
