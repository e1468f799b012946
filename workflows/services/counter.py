"""Counter intake (tiếp nhận trực tiếp): a receiving officer registers a dossier that a citizen
brought to the one-stop desk (channel 1) or sent by public post (channel 3).

    citizen = counter_citizen(id_number="031190001234")            # or identity's
    dossier = counter_draft_create(officer=..., citizen=..., procedure_code="1.001193",
                                   intake=Intake.COUNTER)           # user_register_at_counter
    counter_save_answers(dossier=..., officer=..., answers={...})   # the plugin's form
    counter_attach(dossier=..., officer=..., document_key=..., upload=..., reuses_digitised=True)
    counter_set_delivery(dossier=..., officer=..., method="desk")
    counter_register(dossier=..., officer=...)   # submitted and received at once, Mẫu 01

The dossier belongs to the citizen (its applicant) from the start: they find it in "Hồ sơ của
tôi" once they claim the account. While it is a draft only receiving officers of the locality
work on it (not the citizen, who is not at a screen). `counter_register` runs the lifecycle's
own `submit` transition in the applicant's name (the citizen hands the dossier over; the
officer records it, and the history entry names the officer), then `dossier_receive` as the
officer: one transaction, one code, one receipt (Mẫu 01) signed by that officer.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from identity.selectors import user_by_identifier
from identity.validators import normalize_id_number, validate_id_number
from procedure_plugins.schema import initial_answers
from staff.roles import Role
from staff.selectors import user_has_any_role

from .. import clock, events
from ..choices import Intake
from ..errors import DossierChanged
from ..models import Attachment, Dossier
from ..numbering import next_dossier_code
from ..selectors import submission_problems
from ..states import DossierState
from .common import lock, run_transition
from .desk import dossier_receive
from .submission import (
    apply_delivery,
    discard_attachment,
    keep_answers,
    offered_or_refuse,
    stamp_submission,
    store_attachment,
)

#: The channels a receiving officer records (the national channel codes 1 and 3).
COUNTER_INTAKES = (Intake.COUNTER, Intake.POST)


def may_register_at_counter(*, user: Any) -> bool:
    """Receiving officers of the current locality register dossiers at the counter; pages and
    templates ask this, the services below refuse everyone else."""
    return user_has_any_role(user, (Role.RECEIVING_OFFICER,))


def _check_officer(user: Any) -> None:
    if not may_register_at_counter(user=user):
        raise PermissionDenied(
            _("Chỉ cán bộ tiếp nhận của đơn vị mới nhận hồ sơ trực tiếp hoặc qua bưu chính.")
        )


def counter_citizen(*, id_number: str) -> Any:
    """The account of the ID number typed at the counter, or None. A number of the wrong shape
    raises `ValidationError` (keyed `id_number`) with identity's message."""
    try:
        validate_id_number(id_number)
    except ValidationError as invalid:
        raise ValidationError({"id_number": invalid.messages}) from None
    number = normalize_id_number(id_number)
    user = user_by_identifier(number)
    return user if user is not None and user.id_number == number else None


def is_counter_draft(dossier: Dossier) -> bool:
    return dossier.state == DossierState.DRAFT and dossier.intake in COUNTER_INTAKES


def _lock_counter_draft(*, dossier: Dossier, officer: Any) -> Dossier:
    _check_officer(officer)
    workflow = lock(dossier=dossier, check_state=False)
    if not is_counter_draft(workflow):
        raise DossierChanged(_("Hồ sơ đã được tiếp nhận, không sửa tại quầy được nữa."))
    return workflow


@transaction.atomic
def counter_draft_create(
    *, officer: Any, citizen: Any, procedure_code: str, intake: str = Intake.COUNTER
) -> Dossier:
    """A draft of `procedure_code` for `citizen`, prefilled from their account."""
    _check_officer(officer)
    intake = Intake(intake)
    if intake not in COUNTER_INTAKES:
        raise ValidationError({"intake": _("Chọn trực tiếp tại quầy hoặc qua bưu chính.")})
    plugin = offered_or_refuse(procedure_code).plugin
    dossier = Dossier.objects.create(
        procedure_code=plugin.code,
        plugin_version=plugin.version,
        applicant=citizen,
        answers=initial_answers(plugin.schema, citizen),
        intake=intake,
    )
    events.draft_created_event(dossier=dossier, user=officer, role=events.OFFICER)
    return dossier


@transaction.atomic
def counter_save_answers(*, dossier: Dossier, officer: Any, answers: dict[str, Any]) -> Dossier:
    """Keep the form as typed (even incomplete), as the citizen's draft does."""
    workflow = _lock_counter_draft(dossier=dossier, officer=officer)
    keep_answers(workflow=workflow, answers=answers)
    return workflow


@transaction.atomic
def counter_attach(
    *,
    dossier: Dossier,
    officer: Any,
    document_key: str,
    upload: UploadedFile,
    reuses_digitised: bool = False,
) -> Attachment:
    """A scanned (or reused, already digitised) file of one document, checked as every upload."""
    workflow = _lock_counter_draft(dossier=dossier, officer=officer)
    return store_attachment(
        workflow=workflow,
        user=officer,
        document_key=document_key,
        upload=upload,
        reuses_digitised=reuses_digitised,
    )


@transaction.atomic
def counter_remove_attachment(*, attachment: Attachment, officer: Any) -> None:
    """Take back a scan uploaded by mistake, before the dossier is registered."""
    _lock_counter_draft(dossier=attachment.dossier, officer=officer)
    discard_attachment(attachment=attachment)


@transaction.atomic
def counter_set_delivery(*, dossier: Dossier, officer: Any, **delivery: Any) -> Dossier:
    """How the citizen receives the result (`submission.apply_delivery`'s arguments)."""
    workflow = _lock_counter_draft(dossier=dossier, officer=officer)
    apply_delivery(workflow=workflow, **delivery)
    return workflow


@transaction.atomic
def counter_register(*, dossier: Dossier, officer: Any) -> Dossier:
    """Submit and receive the dossier in one go: code, appointment counted from now, history
    (the intake, then the reception, both by `officer`), Mẫu 01 with the officer's name.

    Refuses (`ValidationError`, per field / document) what the citizen's submission refuses:
    missing answers, missing documents, no delivery chosen."""
    workflow = _lock_counter_draft(dossier=dossier, officer=officer)
    offered = offered_or_refuse(workflow.procedure_code)
    problems = submission_problems(dossier=workflow)
    if problems:
        raise ValidationError(problems)
    now = clock.now()
    counted_from = stamp_submission(workflow=workflow, offered=offered, now=now)
    # The citizen hands the dossier over: the lifecycle's own `submit`, in the applicant's name.
    from_state = run_transition(workflow=workflow, name="submit", user=workflow.applicant)
    workflow.code = next_dossier_code(at=counted_from)
    workflow.save(update_fields=["code"])
    event = events.counter_intake_event(
        dossier=workflow, user=officer, from_state=from_state, at=now
    )
    workflow.attachments.filter(event__isnull=True).update(event=event)
    return dossier_receive(dossier=workflow, user=officer, expected_state=DossierState.SUBMITTED)
