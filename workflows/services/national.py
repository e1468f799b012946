"""Dossiers the national portal forwards (since 1 July 2025 citizens submit online there, and
the portal pushes each dossier to the province's system: BACKOFFICE.md).

    dossier = national_intake_register(applicant=citizen, procedure_code="1.001193",
                                       answers={...}, delivery={"method": "online"},
                                       files=[("to_khai", upload), ...])

In the current locality: a dossier with `intake = national_portal` (channel 2, online), the
plugin's schema and documents checked exactly as for the portal's own submission
(`submission_problems`: answers, required documents, delivery), each file checked by content
(`store_attachment`), then submitted in the applicant's name (the lifecycle's own `submit`, the
history entry "Nộp hồ sơ trực tuyến"), with its code, provisional appointment and receipt
(Mẫu 01). It waits in the receiving officers' inbox like any online dossier. Idempotency (the
same national dossier pushed twice) is the caller's: api/intake.py keeps the national id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from .. import clock, events, slips
from ..choices import Intake, IssuedKind
from ..models import Dossier
from ..numbering import next_dossier_code
from ..selectors import submission_problems
from .common import run_transition
from .submission import apply_delivery, offered_or_refuse, stamp_submission, store_attachment


@transaction.atomic
def national_intake_register(
    *,
    applicant: Any,
    procedure_code: str,
    answers: dict[str, Any],
    delivery: dict[str, str],
    files: Iterable[tuple[str, UploadedFile]],
) -> Dossier:
    """Create and submit the forwarded dossier in the current locality; raises
    `ProcedureNotOffered`, or `ValidationError` (by field: `answers`, `documents`, `delivery`,
    a document key) with the portal's own messages; nothing is kept on a refusal."""
    plugin = offered_or_refuse(procedure_code).plugin
    workflow = Dossier.objects.create(
        procedure_code=plugin.code,
        plugin_version=plugin.version,
        applicant=applicant,
        answers=answers,
        intake=Intake.NATIONAL_PORTAL,
    ).as_workflow()
    events.draft_created_event(dossier=workflow, user=applicant)
    for document_key, upload in files:
        try:
            store_attachment(
                workflow=workflow, user=applicant, document_key=document_key, upload=upload
            )
        except ValidationError as invalid:
            raise ValidationError({document_key: invalid.messages}) from None
    apply_delivery(workflow=workflow, **delivery)
    problems = submission_problems(dossier=workflow)
    if problems:
        raise ValidationError(problems)
    offered = offered_or_refuse(procedure_code)
    now = clock.now()
    counted_from = stamp_submission(workflow=workflow, offered=offered, now=now)
    from_state = run_transition(workflow=workflow, name="submit", user=applicant)
    workflow.code = next_dossier_code(at=counted_from)
    workflow.save(update_fields=["code"])
    event = events.dossier_submitted_event(
        dossier=workflow, user=applicant, from_state=from_state, at=now
    )
    workflow.attachments.filter(event__isnull=True).update(event=event)
    slips.issue_slip(dossier=workflow, kind=IssuedKind.RECEIPT, event=event)
    return workflow
