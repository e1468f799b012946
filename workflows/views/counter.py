"""Counter intake pages (tiếp nhận trực tiếp / qua bưu chính), for receiving officers:

    /ho-so/can-bo/tiep-nhan/                  procedure, channel, the citizen by ID number
                                              (found, or a new account opened for them)
    /ho-so/can-bo/tiep-nhan/<ref>/            the plugin's form, the scans, delivery; "Tiếp nhận"
    /ho-so/can-bo/tiep-nhan/<ref>/xong/       code, appointment, Mẫu 01 to print

The rules are in workflows/services/counter.py; these views read the request and call them.
Another locality's officer, or anyone without the receiving role here, gets 403; a dossier of
another locality is not found (404). Bad input comes back at its field with status 400 and
everything typed kept (the form's answers are saved as a draft even when incomplete).
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

from identity.services import user_register_at_counter
from identity.views import portal_link
from procedure_plugins.schema import SchemaForm
from procedure_plugins.selectors import offered_procedures

from .. import selectors
from ..choices import DeliveryMethod, IssuedKind
from ..counter_forms import CounterStartForm
from ..errors import DossierChanged, ProcedureNotOffered
from ..forms import DeliveryForm, add_errors, with_length_hints
from ..models import Attachment, DeliverySettings, Dossier
from ..services import counter as service
from ..uploads import read_post_keeping_raw_names, unsafe_name_message
from .common import NotHere, handles_not_here, locality_of, refusal

DELIVERY_PREFIX = "delivery"


def _receiving_officer_or_403(request: HttpRequest) -> HttpResponse | None:
    locality_of(request)
    if not service.may_register_at_counter(user=request.user):
        return refusal(
            request,
            status=403,
            message=_(
                "Chỉ cán bộ tiếp nhận của đơn vị mới nhận hồ sơ trực tiếp hoặc qua bưu chính. "
                "Vai trò cán bộ chỉ có hiệu lực tại địa phương nơi bạn được bổ nhiệm."
            ),
        )
    return None


def _procedures(request: HttpRequest) -> list[tuple[str, str]]:
    return [(p.code, f"{p.name} ({p.code})") for p in offered_procedures(request.tenant)]


# -- step 1: procedure, channel, citizen ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@handles_not_here
def counter_start(request: HttpRequest) -> HttpResponse:
    if (refused := _receiving_officer_or_403(request)) is not None:
        return refused
    procedures = _procedures(request)
    if request.method != "POST":
        form = with_length_hints(CounterStartForm(procedures=procedures))
        return render(request, "workflows/counter_start.html", {"form": form})
    citizen = _citizen_for(request.POST.get("id_number", ""))
    creating = "start" in request.POST
    form = with_length_hints(
        CounterStartForm(
            request.POST, procedures=procedures, needs_account=creating and citizen is None
        )
    )
    if not form.is_valid():
        return _start_page(request, form, citizen, status=400)
    if not creating:  # "Tìm": show whose account it is (or that a new one will be opened)
        return _start_page(request, form, citizen, status=200)
    data = form.cleaned_data
    try:
        if citizen is None:
            citizen = user_register_at_counter(
                full_name=data["full_name"],
                id_number=data["id_number"],
                date_of_birth=data["date_of_birth"],
                address=data["address"].strip(),
                email=data["email"],
                phone=data["phone"],
                portal=portal_link(request),
            )
        dossier = service.counter_draft_create(
            officer=request.user,
            citizen=citizen,
            procedure_code=data["procedure"],
            intake=data["intake"],
        )
    except ValidationError as invalid:
        return _start_page(request, add_errors(form, invalid), citizen, status=400)
    except ProcedureNotOffered as refused:
        return refusal(request, status=404, message=refused.message)
    return redirect("workflows:counter_dossier", reference=dossier.reference)


def _citizen_for(id_number: str) -> Any:
    try:
        return service.counter_citizen(id_number=id_number)
    except ValidationError:
        return None  # the form says why, at the field


def _start_page(
    request: HttpRequest, form: CounterStartForm, citizen: Any, *, status: int
) -> HttpResponse:
    looked_up = "id_number" in form.cleaned_data if hasattr(form, "cleaned_data") else False
    return render(
        request,
        "workflows/counter_start.html",
        {"form": form, "citizen": citizen, "looked_up": looked_up},
        status=status,
    )


# -- step 2: the form, the scans, delivery, and "Tiếp nhận" ---------------------------------------


def _counter_draft(reference: uuid.UUID) -> Dossier:
    dossier = selectors.dossier_by_reference(reference=reference)
    if dossier is None or dossier.intake not in service.COUNTER_INTAKES:
        raise NotHere(_("Không tìm thấy hồ sơ tiếp nhận tại quầy này."))
    return dossier


@csrf_exempt  # csrf_protect is applied below, after the body is read keeping raw file names
@login_required
@handles_not_here
def counter_dossier(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    unsafe_names = read_post_keeping_raw_names(request)
    return _counter_dossier(request, reference, unsafe_names)


@csrf_protect
@require_http_methods(["GET", "POST"])
def _counter_dossier(
    request: HttpRequest, reference: uuid.UUID, unsafe_names: list[str]
) -> HttpResponse:
    if (refused := _receiving_officer_or_403(request)) is not None:
        return refused
    dossier = _counter_draft(reference)
    if not service.is_counter_draft(dossier):
        return redirect("workflows:counter_done", reference=dossier.reference)
    settings = DeliverySettings.for_current_locality()
    if request.method != "POST":
        form = SchemaForm(dossier.plugin.schema, initial=dossier.answers)
        delivery = _delivery_form(dossier, settings)
        return _dossier_page(request, dossier, form, delivery, {}, [], status=200)
    if "remove" in request.POST:
        return _remove_file(request, dossier)
    form = SchemaForm(dossier.plugin.schema, data=request.POST)
    delivery = DeliveryForm(
        request.POST, prefix=DELIVERY_PREFIX, post_enabled=settings.post_enabled
    )
    registering = "register" in request.POST and not form.action
    file_errors: dict[str, list[str]] = {}
    problems: list[str] = []
    try:
        dossier = service.counter_save_answers(
            dossier=dossier, officer=request.user, answers=form.answers
        )
        file_errors = _attach_files(request, dossier, unsafe_names)
        if delivery.is_valid():
            _set_delivery(request, dossier, delivery)
        if registering and form.is_valid() and delivery.is_valid() and not file_errors:
            dossier = service.counter_register(dossier=dossier, officer=request.user)
            messages.success(request, _("Đã tiếp nhận hồ sơ %(code)s.") % {"code": dossier.code})
            return redirect("workflows:counter_done", reference=dossier.reference)
    except ValidationError as invalid:
        problems = invalid.messages
    except DossierChanged as changed:
        return refusal(request, status=409, message=changed.message)
    except PermissionDenied as denied:
        return refusal(request, status=403, message=str(denied))
    dossier.refresh_from_db()
    status = 400 if file_errors or (registering and not form.action) else 200
    if not registering:
        # Saving or uploading only: the forms' own errors are for later, not shown yet.
        form = SchemaForm(dossier.plugin.schema, initial=dossier.answers)
        if not delivery.is_valid():
            delivery = _delivery_form(dossier, settings)
    return _dossier_page(request, dossier, form, delivery, file_errors, problems, status=status)


def _remove_file(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    chosen = request.POST.get("remove", "").strip()
    attachment = (
        Attachment.objects.filter(dossier=dossier, pk=int(chosen)).first()
        if chosen.isdigit() and len(chosen) < 12
        else None
    )
    if attachment is None:
        return refusal(request, status=404, message=_("Không tìm thấy tệp này."))
    try:
        service.counter_remove_attachment(attachment=attachment, officer=request.user)
    except DossierChanged as changed:
        return refusal(request, status=409, message=changed.message)
    except ValidationError as refused:
        return refusal(request, status=400, message=" ".join(refused.messages))
    messages.success(request, _("Đã xoá tệp “%(name)s”.") % {"name": attachment.original_name})
    return redirect("workflows:counter_dossier", reference=dossier.reference)


def _delivery_form(dossier: Dossier, settings: DeliverySettings) -> DeliveryForm:
    return DeliveryForm(
        prefix=DELIVERY_PREFIX,
        initial={
            "method": dossier.delivery_method or None,
            "province": dossier.delivery_province,
            "address": dossier.delivery_address,
        },
        post_enabled=settings.post_enabled,
    )


def _attach_files(
    request: HttpRequest, dossier: Dossier, unsafe_names: list[str]
) -> dict[str, list[str]]:
    """Keep every file sent with the page, per document; the errors, per document."""
    errors: dict[str, list[str]] = {}
    if unsafe_names:
        errors[""] = [unsafe_name_message(unsafe_names)]
        return errors
    for document in dossier.plugin.documents:
        for upload in request.FILES.getlist(f"file-{document.key}"):
            try:
                service.counter_attach(
                    dossier=dossier,
                    officer=request.user,
                    document_key=document.key,
                    upload=upload,
                    reuses_digitised=f"reused-{document.key}" in request.POST,
                )
            except ValidationError as refused:
                errors.setdefault(document.key, []).extend(refused.messages)
    return errors


def _set_delivery(request: HttpRequest, dossier: Dossier, delivery: DeliveryForm) -> None:
    try:
        service.counter_set_delivery(dossier=dossier, officer=request.user, **delivery.delivery())
    except ValidationError as refused:
        add_errors(delivery, refused)


def _dossier_page(
    request: HttpRequest,
    dossier: Dossier,
    form: SchemaForm,
    delivery: DeliveryForm,
    file_errors: dict[str, list[str]],
    problems: list[str],
    *,
    status: int,
) -> HttpResponse:
    rows = [
        {"document": document, "files": files, "errors": file_errors.get(document.key, [])}
        for document, files in selectors.attachments_by_document(dossier=dossier)
    ]
    return render(
        request,
        "workflows/counter_dossier.html",
        {
            "dossier": dossier,
            "plugin": dossier.plugin,
            "form": form,
            "delivery": delivery,
            "rows": rows,
            "general_errors": file_errors.get("", []),
            "problems": problems,
        },
        status=status,
    )


# -- done: the code and Mẫu 01 --------------------------------------------------------------------


@login_required
@require_GET
@handles_not_here
def counter_done(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    if (refused := _receiving_officer_or_403(request)) is not None:
        return refused
    dossier = _counter_draft(reference)
    if service.is_counter_draft(dossier):
        return redirect("workflows:counter_dossier", reference=dossier.reference)
    return render(
        request,
        "workflows/counter_done.html",
        {
            "dossier": dossier,
            "plugin": dossier.plugin,
            "receipt": selectors.latest_issued(dossier=dossier, kind=IssuedKind.RECEIPT),
            "delivery_label": DeliveryMethod(dossier.delivery_method).label
            if dossier.delivery_method
            else "",
        },
    )
