"""The history of a dossier, one function per kind of entry (Saleor's order/events.py).

Each service calls the function for what it just did, in its own transaction; nothing here is
called from signals or `save()`, and nothing is inferred later from the dossier's columns.
Each entry also refreshes the dossier's row of the national index (public_index/services.py).
`from_state`/`to_state` are what the service saw and set, so the timeline shows exactly the path
the dossier took. Example::

    events.dossier_received_event(dossier=dossier, user=officer, from_state="submitted",
                                  appointment_at=dossier.appointment_at, note="")
"""

from __future__ import annotations

import datetime
from typing import Any

from outbox.national_sync import national_sync
from tenants.context import current_locality

from . import clock
from .choices import EventType
from .deadlines.tracking import step_track
from .models import Dossier, DossierEvent
from .public_index.services import index_write

APPLICANT = "applicant"
OFFICER = "officer"


def _actor_name(user: Any) -> str:
    if user is None:
        return ""
    return (getattr(user, "full_name", "") or getattr(user, "username", "") or "")[:200]


def _record(
    *,
    dossier: Dossier,
    type: EventType,
    user: Any,
    role: str,
    from_state: str = "",
    transition: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
    at: datetime.datetime | None = None,
) -> DossierEvent:
    event = DossierEvent.objects.create(
        dossier=dossier,
        type=type,
        at=at or clock.now(),
        actor=user if getattr(user, "pk", None) else None,
        actor_name=_actor_name(user),
        actor_role=role,
        from_state=from_state,
        to_state=dossier.state,
        transition=transition,
        note=note or "",
        data=data or {},
    )
    # Every change of a dossier leaves a history entry: the national index row follows it here,
    # in the same transaction, so no service can change a dossier and forget the index.
    # The steps' deadlines follow the history too (first: the index counts the late steps).
    step_track(dossier=dossier, event=event)
    index_write(dossier=dossier)
    # …and the national portal is told, through the outbox, in the same transaction (off unless
    # OUTBOX_NATIONAL_URL is set).
    national_sync(dossier=dossier, event=event, locality=current_locality())
    return event


# -- the citizen ----------------------------------------------------------------------------------


def draft_created_event(*, dossier: Dossier, user: Any, role: str = APPLICANT) -> DossierEvent:
    return _record(dossier=dossier, type=EventType.DRAFT_CREATED, user=user, role=role)


def dossier_submitted_event(
    *, dossier: Dossier, user: Any, from_state: str, at: datetime.datetime
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.SUBMITTED,
        user=user,
        role=APPLICANT,
        from_state=from_state,
        transition="submit",
        at=at,
        data={
            "code": dossier.code,
            "counted_from": dossier.counted_from,
            "appointment_at": dossier.appointment_at,
            "delivery_method": dossier.delivery_method,
            "fee": dossier.fee,
            "postage": dossier.postage,
        },
    )


def counter_intake_event(
    *, dossier: Dossier, user: Any, from_state: str, at: datetime.datetime
) -> DossierEvent:
    """A receiving officer registered a dossier brought to the counter or sent by post
    (workflows/services/counter.py); `user` is the officer, the applicant is the citizen."""
    return _record(
        dossier=dossier,
        type=EventType.COUNTER_INTAKE,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="submit",
        at=at,
        data={
            "code": dossier.code,
            "intake": dossier.intake,
            "counted_from": dossier.counted_from,
            "delivery_method": dossier.delivery_method,
            "fee": dossier.fee,
            "postage": dossier.postage,
            "reused_digitised": dossier.attachments.filter(reuses_digitised=True).count(),
        },
    )


def dossier_resubmitted_event(
    *, dossier: Dossier, user: Any, from_state: str, note: str, at: datetime.datetime
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.RESUBMITTED,
        user=user,
        role=APPLICANT,
        from_state=from_state,
        transition="resubmit",
        note=note,
        at=at,
        data={"appointment_at": dossier.appointment_at, "counted_from": dossier.counted_from},
    )


def dossier_withdrawn_event(
    *, dossier: Dossier, user: Any, from_state: str, reason: str
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.WITHDRAWN,
        user=user,
        role=APPLICANT,
        from_state=from_state,
        transition="withdraw",
        note=reason,
    )


def dossier_rated_event(*, dossier: Dossier, user: Any, score: int, comment: str) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.RATED,
        user=user,
        role=APPLICANT,
        from_state=dossier.state,
        note=comment,
        data={"score": score},
    )


# -- the receiving officer ------------------------------------------------------------------------


def dossier_received_event(
    *, dossier: Dossier, user: Any, from_state: str, note: str = ""
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.RECEIVED,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="receive",
        note=note,
        data={"appointment_at": dossier.appointment_at, "received_at": dossier.received_at},
    )


def supplement_requested_event(
    *,
    dossier: Dossier,
    user: Any,
    from_state: str,
    reason: str,
    missing_items: list[str],
    round_number: int = 1,
) -> DossierEvent:
    """`round_number`: which supplement request of the dossier this is (from the second on, the
    dossier counts as late: Decision 766)."""
    return _record(
        dossier=dossier,
        type=EventType.SUPPLEMENT_REQUESTED,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="request_supplement",
        note=reason,
        data={"missing_items": missing_items, "round": round_number},
    )


def reception_refused_event(
    *, dossier: Dossier, user: Any, from_state: str, reason: str
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.RECEPTION_REFUSED,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="refuse_reception",
        note=reason,
    )


def dossier_forwarded_event(
    *, dossier: Dossier, user: Any, from_state: str, note: str
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.FORWARDED,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="forward_for_processing",
        note=note,
    )


# -- the specialist -------------------------------------------------------------------------------


def dossier_handed_over_event(
    *, dossier: Dossier, user: Any, from_state: str, unit: str, note: str
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.HANDED_OVER,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="hand_over",
        note=note,
        data={"unit": unit},
    )


def dossier_taken_back_event(
    *, dossier: Dossier, user: Any, from_state: str, note: str
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.TAKEN_BACK,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="take_back",
        note=note,
    )


def submitted_for_approval_event(
    *, dossier: Dossier, user: Any, from_state: str, note: str
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.SUBMITTED_FOR_APPROVAL,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="submit_for_approval",
        note=note,
    )


# -- the leader -----------------------------------------------------------------------------------


def dossier_approved_event(
    *, dossier: Dossier, user: Any, from_state: str, note: str = ""
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.APPROVED,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="approve",
        note=note,
        data={"finished_at": dossier.finished_at, "timeliness": dossier.timeliness},
    )


def dossier_sent_back_event(
    *, dossier: Dossier, user: Any, from_state: str, reason: str
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.SENT_BACK,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="send_back",
        note=reason,
    )


def dossier_refused_event(
    *, dossier: Dossier, user: Any, from_state: str, reason: str
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.REFUSED,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="refuse",
        note=reason,
        data={"finished_at": dossier.finished_at, "timeliness": dossier.timeliness},
    )


def dossier_stopped_event(
    *, dossier: Dossier, user: Any, from_state: str, reason: str
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.STOPPED,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="stop_processing",
        note=reason,
        data={"finished_at": dossier.finished_at, "timeliness": dossier.timeliness},
    )


def result_attached_event(
    *, dossier: Dossier, user: Any, file_name: str, size: int, sha256: str, note: str
) -> DossierEvent:
    """The signed result file, kept as an issued document linked to this entry."""
    return _record(
        dossier=dossier,
        type=EventType.RESULT_ATTACHED,
        user=user,
        role=OFFICER,
        from_state=dossier.state,
        note=note,
        data={"file_name": file_name, "size": size, "sha256": sha256},
    )


def apology_issued_event(
    *, dossier: Dossier, user: Any, reason: str, new_appointment_at: datetime.datetime
) -> DossierEvent:
    return _record(
        dossier=dossier,
        type=EventType.APOLOGY_ISSUED,
        user=user,
        role=OFFICER,
        from_state=dossier.state,
        note=reason,
        data={
            "appointment_at": dossier.appointment_at,
            "new_appointment_at": new_appointment_at,
        },
    )


# -- the returning officer ------------------------------------------------------------------------


def result_returned_event(
    *,
    dossier: Dossier,
    user: Any,
    from_state: str,
    note: str,
    handover: dict[str, Any] | None = None,
    summary: str = "",
) -> DossierEvent:
    """`handover`: how it was handed over (collector and ID number, originals compared; postal
    tracking number; the electronic result sent); `summary` says it in words for the history."""
    return _record(
        dossier=dossier,
        type=EventType.RESULT_RETURNED,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="return_result",
        note=note,
        data={
            "delivery_method": dossier.delivery_method,
            "returned_at": dossier.returned_at,
            **(handover or {}),
            "summary": summary,
        },
    )


# -- transitions a plugin adds --------------------------------------------------------------------


def plugin_transition_event(
    *,
    dossier: Dossier,
    user: Any,
    from_state: str,
    transition: str,
    label: str,
    role: str,
    data: dict[str, Any],
) -> DossierEvent:
    """A transition the base lifecycle does not know (e.g. a field inspection): its name, its
    label and the form's data are kept as they were."""
    note = str(data.get("note") or data.get("reason") or data.get("findings") or "")
    return _record(
        dossier=dossier,
        type=EventType.TRANSITION,
        user=user,
        role=role,
        from_state=from_state,
        transition=transition,
        note=note,
        data={"label": label, **data},
    )


# -- inter-unit hand-over (liên thông; workflows/services/handover.py) ---------------------------


def handover_sent_event(
    *,
    dossier: Dossier,
    user: Any,
    from_state: str,
    transition: str,
    label: str,
    unit: Any,
    child_reference: Any,
    child_code: str,
    documents: int,
    note: str,
) -> DossierEvent:
    """The origin's entry: sent to `unit` (a Locality), where the child dossier was created."""
    return _record(
        dossier=dossier,
        type=EventType.HANDED_OVER,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition=transition,
        note=note,
        data={
            "label": label,
            "unit": unit.name,
            "unit_id": unit.pk,
            "child_reference": str(child_reference),
            "child_code": child_code,
            "documents": documents,
        },
    )


def handover_received_event(
    *,
    dossier: Dossier,
    user: Any,
    label: str,
    origin: Any,
    origin_reference: Any,
    origin_code: str,
    documents: int,
    note: str,
) -> DossierEvent:
    """The child's first entry: received from `origin` (a Locality) by hand-over."""
    return _record(
        dossier=dossier,
        type=EventType.RECEIVED,
        user=user,
        role=OFFICER,
        transition="handover_receive",
        note=note,
        data={
            "label": label,
            "origin": origin.name,
            "origin_id": origin.pk,
            "origin_reference": str(origin_reference),
            "origin_code": origin_code,
            "documents": documents,
            "appointment_at": dossier.appointment_at,
        },
    )


def handover_result_sent_event(
    *, dossier: Dossier, user: Any, from_state: str, label: str, outcome: str, note: str
) -> DossierEvent:
    """The child's last entry: its outcome sent back to the origin."""
    return _record(
        dossier=dossier,
        type=EventType.RESULT_RETURNED,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="handover_return",
        note=note,
        data={"label": label, "outcome": outcome},
    )


def handover_result_received_event(
    *,
    dossier: Dossier,
    user: Any,
    from_state: str,
    label: str,
    unit: Any,
    outcome: str,
    results: int,
    note: str,
) -> DossierEvent:
    """The origin's entry: the other unit's outcome is back; processing resumes here."""
    return _record(
        dossier=dossier,
        type=EventType.TAKEN_BACK,
        user=user,
        role=OFFICER,
        from_state=from_state,
        transition="take_back",
        note=note,
        data={
            "label": label,
            "unit": unit.name,
            "unit_id": unit.pk,
            "outcome": outcome,
            "results": results,
        },
    )


# -- assignment (workflows/services/assignment.py) -------------------------------------------------


def dossier_assigned_event(
    *,
    dossier: Dossier,
    user: Any,
    assignee: Any,
    role: str,
    step: str,
    previous: Any = None,
    note: str = "",
) -> DossierEvent:
    """`user` assigned the dossier at `step` to `assignee` (in `role`); `previous` is the
    assignee it was taken from (a reassignment), if any. The state does not change."""
    data: dict[str, Any] = {
        "assignee_id": assignee.pk,
        "assignee_name": _actor_name(assignee),
        "role": role,
        "step": step,
        "label": _actor_name(assignee),
    }
    if previous is not None:
        data |= {
            "previous_id": previous.pk,
            "previous_name": _actor_name(previous),
            "label": f"{_actor_name(previous)} → {_actor_name(assignee)}",
        }
    return _record(
        dossier=dossier,
        type=EventType.REASSIGNED if previous is not None else EventType.ASSIGNED,
        user=user,
        role=OFFICER,
        from_state=dossier.state,
        transition="reassign" if previous is not None else "assign",
        note=note,
        data=data,
    )
