"""The citizen's submission: draft → answers → files → delivery → submit (seed 000 section 2).

A draft is a `Dossier` in state `draft`, owned by its applicant, saved at every step so that it
can be resumed from "Hồ sơ của tôi". Pressing "Nộp hồ sơ" twice (double click, retry after a
timeout) submits once: `dossier_submit` locks the draft row, and the draft → submitted transition
is one-way, so the second request finds a submitted dossier and returns it unchanged. Starting a
draft twice with the same form (same hidden token) creates one draft.

The dossier code and the provisional appointment are set at submission (the confirmation page
shows both); workflows/models/record.py explains the dates.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from identity.selectors import can_submit_dossiers
from portal.private_files import private_storage
from procedure_plugins.schema import initial_answers
from procedure_plugins.selectors import OfferedProcedure, offered_procedure
from tenants.context import require_locality

from .. import clock, events, slips
from ..calendar import appointment_for, next_working_moment
from ..choices import DeliveryMethod, Intake, IssuedKind
from ..errors import DossierChanged, ProcedureNotOffered
from ..models import Attachment, DeliverySettings, Dossier, IssuedDocument
from ..notifications import notify_applicant
from ..numbering import next_dossier_code
from ..selectors import submission_problems
from ..states import DossierState
from ..uploads import inspect_upload
from .common import check_applicant, index_forget, index_record, lock, run_transition

#: States in which the citizen may change answers and files: a draft, or while completing it.
EDITABLE_STATES = (DossierState.DRAFT, DossierState.SUPPLEMENT_REQUESTED)


def offered_or_refuse(code: str) -> OfferedProcedure:
    offered = offered_procedure(require_locality(), code)
    if offered is None:
        raise ProcedureNotOffered(code)
    return offered


def _lock_editable(*, dossier: Dossier, user: Any) -> Dossier:
    check_applicant(dossier=dossier, user=user)
    workflow = lock(dossier=dossier)
    if workflow.state not in EDITABLE_STATES:
        raise DossierChanged(_("Hồ sơ đã nộp, không sửa được nữa."))
    _refuse_counter_draft(workflow)
    return workflow


def _refuse_counter_draft(workflow: Dossier) -> None:
    """A draft the desk is registering at the counter is the officer's to fill (counter.py)."""
    if workflow.state == DossierState.DRAFT and workflow.intake in (Intake.COUNTER, Intake.POST):
        raise DossierChanged(_("Hồ sơ này đang được cán bộ nhập tại Bộ phận Một cửa."))


@transaction.atomic
def draft_create(
    *, user: Any, procedure_code: str, creation_token: uuid.UUID | None = None
) -> Dossier:
    """A new draft of `procedure_code` in the current locality, prefilled from the profile.

    The same `creation_token` (the start form's hidden field) always yields the same draft.
    """
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Vui lòng đăng nhập để nộp hồ sơ."))
    if creation_token is not None:
        existing = Dossier.objects.filter(creation_token=creation_token).first()
        if existing is not None:
            check_applicant(dossier=existing, user=user)
            return existing
    offered = offered_or_refuse(procedure_code)
    plugin = offered.plugin
    try:
        with transaction.atomic():
            dossier = Dossier.objects.create(
                procedure_code=plugin.code,
                plugin_version=plugin.version,
                applicant=user,
                answers=initial_answers(plugin.schema, user),
                creation_token=creation_token,
            )
    except IntegrityError:
        # The same start form pressed twice at once: the other request made the draft.
        existing = Dossier.objects.filter(creation_token=creation_token).first()
        if existing is None:
            raise
        check_applicant(dossier=existing, user=user)
        return existing
    events.draft_created_event(dossier=dossier, user=user)  # also writes the index row
    return dossier


@transaction.atomic
def draft_save_answers(*, dossier: Dossier, user: Any, answers: dict[str, Any]) -> Dossier:
    """Keep the answers as typed (even incomplete: a draft is work in progress)."""
    workflow = _lock_editable(dossier=dossier, user=user)
    keep_answers(workflow=workflow, answers=answers)
    return workflow


def keep_answers(*, workflow: Dossier, answers: dict[str, Any]) -> None:
    """Store the answers of a locked, editable dossier as typed."""
    workflow.answers = answers
    workflow.save(update_fields=["answers", "updated_at"])


@transaction.atomic
def draft_set_delivery(*, dossier: Dossier, user: Any, **delivery: str) -> Dossier:
    """How the result is received, and for whom the dossier is (when not the applicant):
    `apply_delivery`'s keyword arguments."""
    workflow = _lock_editable(dossier=dossier, user=user)
    apply_delivery(workflow=workflow, **delivery)
    return workflow


def apply_delivery(
    *,
    workflow: Dossier,
    method: str,
    address: str = "",
    province_code: str = "",
    subject_name: str = "",
    subject_id_number: str = "",
    subject_relation: str = "",
) -> None:
    """Set the delivery of a locked, editable dossier (the citizen's page and the counter)."""
    method = DeliveryMethod(method)
    settings = DeliverySettings.for_current_locality()
    if method == DeliveryMethod.POST and not settings.post_enabled:
        raise ValidationError({"method": _("Đơn vị này chưa nhận trả kết quả qua bưu chính.")})
    if method == DeliveryMethod.POST and not address.strip():
        raise ValidationError({"address": _("Vui lòng nhập địa chỉ nhận kết quả.")})
    locality = require_locality()
    home = locality.code if locality.parent_id is None else _province_code(locality)
    workflow.delivery_method = method
    workflow.delivery_address = address.strip() if method == DeliveryMethod.POST else ""
    workflow.delivery_province = province_code if method == DeliveryMethod.POST else ""
    workflow.postage = (
        settings.postage_to(province_code=province_code, home_province_code=home)
        if method == DeliveryMethod.POST
        else None
    )
    workflow.subject_name = subject_name.strip()
    workflow.subject_id_number = subject_id_number.strip() if subject_name.strip() else ""
    workflow.subject_relation = subject_relation.strip() if subject_name.strip() else ""
    workflow.save()
    index_record(dossier=workflow)  # no history entry for this change; the index row follows


def _province_code(locality: Any) -> str:
    node = locality
    while node is not None and node.level != "province":
        node = node.parent
    return node.code if node is not None else ""


@transaction.atomic
def attachment_add(
    *, dossier: Dossier, user: Any, document_key: str, upload: UploadedFile
) -> Attachment:
    """Keep one file of one required document, after checking it by content (uploads.py)."""
    workflow = _lock_editable(dossier=dossier, user=user)
    return store_attachment(workflow=workflow, user=user, document_key=document_key, upload=upload)


def store_attachment(
    *,
    workflow: Dossier,
    user: Any,
    document_key: str,
    upload: UploadedFile,
    reuses_digitised: bool = False,
) -> Attachment:
    """Check and keep one file of a locked, editable dossier (the citizen's page and the
    counter, where `reuses_digitised` marks a paper already digitised)."""
    document = next((d for d in workflow.plugin.documents if d.key == document_key), None)
    if document is None:
        raise ValidationError(_("Thủ tục này không có thành phần hồ sơ đó."))
    inspected = inspect_upload(upload=upload, document=document)
    existing = Attachment.objects.filter(dossier=workflow, document_key=document_key)
    pending = existing.filter(event__isnull=True) if workflow.state != DossierState.DRAFT else None
    count = (pending if pending is not None else existing).count()
    if count >= document.max_files:
        raise ValidationError(
            _("“%(document)s” nhận tối đa %(max)s tệp. Hãy xoá bớt tệp trước khi thêm.")
            % {"document": _(document.name), "max": document.max_files}
        )
    if existing.filter(sha256=inspected.sha256).exists():
        raise ValidationError(
            _("Tệp “%(name)s” đã được tải lên cho giấy tờ này.") % {"name": inspected.name}
        )
    attachment = Attachment(
        dossier=workflow,
        document_key=document_key,
        original_name=inspected.name,
        content_type=inspected.content_type,
        size=inspected.size,
        sha256=inspected.sha256,
        uploaded_by=user,
        uploaded_at=clock.now(),
        reuses_digitised=reuses_digitised,
    )
    upload.seek(0)
    attachment.file.save(
        f"{uuid.uuid4().hex[:12]}.{inspected.extension}", ContentFile(upload.read()), save=False
    )
    # The file is written before the row: should the transaction roll back later, the file
    # stays as an orphan in the dossier's folder (harmless, never served), never the reverse.
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user: Any) -> None:
    """Take back a file not yet submitted (a submitted file stays: it is part of the record)."""
    _lock_editable(dossier=attachment.dossier, user=user)
    discard_attachment(attachment=attachment)


def discard_attachment(*, attachment: Attachment) -> None:
    """Delete a file of a locked, editable dossier; its bytes go after commit."""
    if attachment.event_id is not None:
        raise ValidationError(_("Tệp đã nộp không xoá được."))
    name = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: private_storage().delete(name))


@transaction.atomic
def draft_discard(*, dossier: Dossier, user: Any) -> None:
    """Delete a draft the citizen no longer wants, with its files."""
    check_applicant(dossier=dossier, user=user)
    workflow = lock(dossier=dossier)
    if workflow.state != DossierState.DRAFT:
        raise DossierChanged(_("Hồ sơ đã nộp không xoá được; bạn có thể rút hồ sơ."))
    names = list(workflow.attachments.values_list("file", flat=True))
    index_forget(dossier=workflow)
    workflow.delete()
    transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names: list[str]) -> None:
    for name in names:
        private_storage().delete(name)


@transaction.atomic
def dossier_submit(*, dossier: Dossier, user: Any) -> Dossier:
    """Submit a draft: code, provisional appointment, history, e-mail. Idempotent.

    The code is allocated last, so that the day's counter row stays locked for as short a time
    as possible (workflows/numbering.py). A second call for a dossier already submitted by the
    same citizen returns it unchanged (a double click never makes two dossiers or two codes).
    """
    check_applicant(dossier=dossier, user=user)
    if not can_submit_dossiers(user):
        raise PermissionDenied(_("Bạn cần xác nhận địa chỉ thư điện tử trước khi nộp hồ sơ."))
    current = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if current.state != DossierState.DRAFT:
        if current.code:
            return current.as_workflow()  # already submitted: the retry lands on it
        raise DossierChanged()
    workflow = lock(dossier=current)
    _refuse_counter_draft(workflow)
    offered = offered_or_refuse(workflow.procedure_code)
    problems = submission_problems(dossier=workflow)
    if problems:
        raise ValidationError(problems)
    now = clock.now()
    counted_from = stamp_submission(workflow=workflow, offered=offered, now=now)
    from_state = run_transition(workflow=workflow, name="submit", user=user)
    # Last: the counter row stays locked until this transaction commits.
    workflow.code = next_dossier_code(at=counted_from)
    workflow.save(update_fields=["code"])
    event = events.dossier_submitted_event(
        dossier=workflow, user=user, from_state=from_state, at=now
    )
    workflow.attachments.filter(event__isnull=True).update(event=event)
    # The PDF is rendered after this transaction commits (slips.issue_slip): never while the
    # day's counter row is locked.
    slips.issue_slip(dossier=workflow, kind=IssuedKind.RECEIPT, event=event)
    notify_applicant(dossier=workflow, kind="submitted")
    return workflow


def stamp_submission(
    *, workflow: Dossier, offered: OfferedProcedure, now: datetime.datetime
) -> datetime.datetime:
    """What a submission fixes on the dossier (before its transition): the processing time in
    force here, the fee, the moment the clock starts (returned) and the provisional
    appointment."""
    processing_time = offered.processing_time
    workflow.processing_time_data = Dossier.processing_time_as_data(processing_time)
    workflow.restart_clock = bool(workflow.plugin.restart_clock_after_supplement)
    workflow.fee = offered.fee_for(workflow.answers)
    workflow.submitted_at = now
    workflow.counted_from = counted_from = next_working_moment(at=now)
    workflow.appointment_at = appointment_for(received_at=now, processing_time=processing_time)
    return counted_from


@transaction.atomic
def receipt_ensure(*, dossier: Dossier) -> IssuedDocument:
    """The receipt (Mẫu 01) of a submitted dossier, issued if it has none (dossiers submitted
    before receipts were issued with the submission); its PDF is rendered after commit."""
    workflow = lock(dossier=dossier, check_state=False)
    if not workflow.code:
        raise DossierChanged(_("Hồ sơ chưa được nộp nên chưa có giấy tiếp nhận."))
    latest = (
        IssuedDocument.objects.filter(dossier=workflow, kind=IssuedKind.RECEIPT)
        .order_by("-issued_at", "-pk")
        .first()
    )
    if latest is not None:
        return latest
    event = workflow.events.filter(type="submitted").order_by("-at", "-pk").first()
    return slips.issue_slip(dossier=workflow, kind=IssuedKind.RECEIPT, event=event)
