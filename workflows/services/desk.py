"""What the one-stop desk and the processing unit do with a submitted dossier.

One service per state change (STYLE.md): each locks the dossier, refuses a stale view of it
(`DossierChanged`), checks the officer's role in this locality through the transition's
`permission`, runs the transition, saves, writes its history entry, issues the slip the law
asks for, and queues the applicant's e-mail for after the commit. Keyword arguments beyond the
named ones are the transition form's own fields (a plugin may add some); they reach the FSM
method and the history entry.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from staff.roles import Role
from staff.selectors import user_has_any_role

from .. import clock, events, slips
from ..calendar import appointment_for, supplement_stops_clock, timeliness, to_local
from ..choices import EventType, IssuedKind
from ..errors import TransitionNotAvailable
from ..models import Dossier, DossierEvent, DossierPause
from ..notifications import notify_applicant
from ..states import AFTER_RECEPTION_BEFORE_RESULT
from ..timing import Timeliness
from .citizen import close_open_pause
from .common import at_step, check_transition, lock, run_transition
from .results import signed_results


def late_supplement_warning(round_number: int) -> str:
    return _(
        "Đây là lần yêu cầu bổ sung thứ %(n)s của hồ sơ này: theo Quyết định 766/QĐ-TTg, hồ sơ "
        "có từ hai lần yêu cầu bổ sung trở lên bị tính là trễ hạn. Hãy xác nhận trước khi gửi."
    ) % {"n": round_number}


def _items(text: str) -> list[str]:
    """One item per line of what the officer typed (Mẫu 02 lists them one by one)."""
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


def supplement_requests_made(*, dossier: Dossier) -> int:
    """How many supplement requests the dossier has had so far."""
    return DossierEvent.objects.filter(dossier=dossier, type=EventType.SUPPLEMENT_REQUESTED).count()


def supplement_round(*, dossier: Dossier) -> int:
    """Which round a supplement request made now would be: 1 for the first. From round 2 on
    the dossier counts as late (Decision 766: more than one supplement request is late); the
    desk warns the officer on the form and the service asks for the acknowledgement."""
    return supplement_requests_made(dossier=dossier) + 1


def _finish(workflow: Dossier, *, at: datetime.datetime) -> None:
    """Classed against the original appointment (an apology does not make a late dossier on
    time: Decision 766's indicator counts it late), and late whatever the date after more than
    one supplement request (Decision 766 again)."""
    workflow.finished_at = at
    if workflow.appointment_at is not None:
        workflow.timeliness = timeliness(due_at=workflow.appointment_at, finished_at=at)
    if supplement_requests_made(dossier=workflow) > 1:
        workflow.timeliness = Timeliness.LATE


# -- the receiving officer ------------------------------------------------------------------------


@transaction.atomic
def dossier_receive(
    *,
    dossier: Dossier,
    user: Any,
    note: str = "",
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    """Complete and valid: received; the appointment becomes the later of the date promised at
    submission and the date counted from now; a receipt (Mẫu 01) with the officer's name."""
    workflow = lock(dossier=dossier, expected_state=expected_state)
    now = clock.now()
    from_state = workflow.state
    run_transition(workflow=workflow, name="receive", user=user, **details)
    workflow.received_at = now
    processing_time = workflow.processing_time
    if processing_time is not None:
        counted = appointment_for(received_at=now, processing_time=processing_time)
        workflow.appointment_at = max(workflow.appointment_at or counted, counted)
    workflow.save(update_fields=["received_at", "appointment_at", "updated_at"])
    event = events.dossier_received_event(
        dossier=workflow, user=user, from_state=from_state, note=note
    )
    slips.issue_slip(dossier=workflow, kind=IssuedKind.RECEIPT, event=event, officer=user)
    notify_applicant(dossier=workflow, kind="received", note=note)
    return workflow


@transaction.atomic
def dossier_request_supplement(
    *,
    dossier: Dossier,
    user: Any,
    reason: str,
    acknowledge_late: bool = False,
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    """Incomplete: the citizen is told in one go what to add (Mẫu 02); the clock stops, if it
    has started: a dossier that arrived out of hours and is answered before its first working
    session has no running clock to stop (calendar.supplement_stops_clock). A second (or later)
    request needs `acknowledge_late`: it makes the dossier count as late; its round is kept."""
    if not reason.strip():
        raise ValidationError({"reason": _("Vui lòng ghi rõ giấy tờ, nội dung cần bổ sung.")})
    workflow = lock(dossier=dossier, expected_state=expected_state)
    round_number = supplement_round(dossier=workflow)
    if round_number > 1 and not acknowledge_late:
        raise ValidationError({"acknowledge_late": late_supplement_warning(round_number)})
    now = clock.now()
    from_state = run_transition(workflow=workflow, name="request_supplement", user=user, **details)
    if workflow.counted_from is None or supplement_stops_clock(
        clock_start=workflow.counted_from, requested_at=now
    ):
        DossierPause.objects.create(dossier=workflow, paused_at=now, reason=reason)
    workflow.appointment_at = None  # no date while the citizen completes the dossier
    workflow.save(update_fields=["appointment_at", "updated_at"])
    items = _items(reason)
    event = events.supplement_requested_event(
        dossier=workflow,
        user=user,
        from_state=from_state,
        reason=reason,
        missing_items=items,
        round_number=round_number,
    )
    slips.issue_slip(
        dossier=workflow,
        kind=IssuedKind.SUPPLEMENT_REQUEST,
        event=event,
        officer=user,
        reason=reason,
        missing_items=items,
    )
    notify_applicant(dossier=workflow, kind="supplement_requested", note=reason)
    return workflow


@transaction.atomic
def dossier_refuse_reception(
    *,
    dossier: Dossier,
    user: Any,
    reason: str,
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    """Not within the unit's competence or not eligible: refused with reasons (Mẫu 03)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Vui lòng ghi rõ lý do.")})
    workflow = lock(dossier=dossier, expected_state=expected_state)
    from_state = run_transition(workflow=workflow, name="refuse_reception", user=user, **details)
    close_open_pause(dossier=workflow, at=clock.now())
    event = events.reception_refused_event(
        dossier=workflow, user=user, from_state=from_state, reason=reason
    )
    slips.issue_slip(
        dossier=workflow, kind=IssuedKind.REFUSAL, event=event, officer=user, reason=reason
    )
    notify_applicant(dossier=workflow, kind="reception_refused", note=reason)
    return workflow


@transaction.atomic
def dossier_forward(
    *,
    dossier: Dossier,
    user: Any,
    note: str = "",
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    """To the specialist department, with the control slip (Mẫu 05/06)."""
    workflow = lock(dossier=dossier, expected_state=expected_state)
    from_state = run_transition(
        workflow=workflow, name="forward_for_processing", user=user, **details
    )
    event = events.dossier_forwarded_event(
        dossier=workflow, user=user, from_state=from_state, note=note
    )
    slips.issue_slip(dossier=workflow, kind=IssuedKind.CONTROL_SLIP, event=event, officer=user)
    return workflow


# -- the specialist -------------------------------------------------------------------------------


@transaction.atomic
def dossier_hand_over(
    *,
    dossier: Dossier,
    user: Any,
    unit: str,
    note: str = "",
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    """Inter-unit hand-over (liên thông) to `unit`."""
    if not unit.strip():
        raise ValidationError({"unit": _("Vui lòng ghi cơ quan, đơn vị nhận hồ sơ.")})
    workflow = lock(dossier=dossier, expected_state=expected_state)
    from_state = run_transition(workflow=workflow, name="hand_over", user=user, **details)
    events.dossier_handed_over_event(
        dossier=workflow, user=user, from_state=from_state, unit=unit, note=note
    )
    return workflow


@transaction.atomic
def dossier_take_back(
    *,
    dossier: Dossier,
    user: Any,
    note: str = "",
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    workflow = lock(dossier=dossier, expected_state=expected_state)
    from_state = run_transition(workflow=workflow, name="take_back", user=user, **details)
    events.dossier_taken_back_event(dossier=workflow, user=user, from_state=from_state, note=note)
    return workflow


@transaction.atomic
def dossier_submit_for_approval(
    *,
    dossier: Dossier,
    user: Any,
    note: str = "",
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    workflow = lock(dossier=dossier, expected_state=expected_state)
    from_state = run_transition(workflow=workflow, name="submit_for_approval", user=user, **details)
    events.submitted_for_approval_event(
        dossier=workflow, user=user, from_state=from_state, note=note
    )
    return workflow


# -- the leader -----------------------------------------------------------------------------------


@transaction.atomic
def dossier_approve(
    *,
    dossier: Dossier,
    user: Any,
    note: str = "",
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    """Signed, with the leader's opinion (`note`, required): the result is ready; the dossier is
    classed early / on time / late; the electronic result is rendered from the plugin's result
    templates and kept (a signed file may replace it: services.results.dossier_attach_result)."""
    workflow = lock(dossier=dossier, expected_state=expected_state)
    check_transition(workflow=workflow, name="approve", user=user)  # 403 / 409 before 400
    if not note.strip():
        raise ValidationError({"note": _("Vui lòng ghi ý kiến phê duyệt.")})
    from_state = run_transition(workflow=workflow, name="approve", user=user, **details)
    _finish(workflow, at=clock.now())
    workflow.save(update_fields=["finished_at", "timeliness", "updated_at"])
    event = events.dossier_approved_event(
        dossier=workflow, user=user, from_state=from_state, note=note
    )
    if not signed_results(dossier=workflow):  # the signed file attached is the result
        slips.issue_results(dossier=workflow, event=event)
    notify_applicant(dossier=workflow, kind="result_ready")
    return workflow


@transaction.atomic
def dossier_send_back(
    *,
    dossier: Dossier,
    user: Any,
    reason: str,
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    if not reason.strip():
        raise ValidationError({"reason": _("Vui lòng ghi rõ lý do.")})
    workflow = lock(dossier=dossier, expected_state=expected_state)
    from_state = run_transition(workflow=workflow, name="send_back", user=user, **details)
    events.dossier_sent_back_event(
        dossier=workflow, user=user, from_state=from_state, reason=reason
    )
    return workflow


@transaction.atomic
def dossier_refuse(
    *,
    dossier: Dossier,
    user: Any,
    reason: str,
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    """Refused with reasons after reception; counts as finished for the on-time indicator."""
    if not reason.strip():
        raise ValidationError({"reason": _("Vui lòng ghi rõ lý do.")})
    return _end_with_reason(
        dossier=dossier,
        user=user,
        reason=reason,
        expected_state=expected_state,
        name="refuse",
        record=events.dossier_refused_event,
        slip=IssuedKind.REFUSAL,
        notice="refused",
        details=details,
    )


@transaction.atomic
def dossier_stop(
    *,
    dossier: Dossier,
    user: Any,
    reason: str,
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    """Processing stopped with a notice (Mẫu 05, national status 8); an end like a refusal for
    the on-time indicator (Decision 766: the end is the first of done, returned, stopped)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Vui lòng ghi rõ lý do dừng giải quyết hồ sơ.")})
    return _end_with_reason(
        dossier=dossier,
        user=user,
        reason=reason,
        expected_state=expected_state,
        name="stop_processing",
        record=events.dossier_stopped_event,
        slip=IssuedKind.STOP_NOTICE,
        notice="stopped",
        details=details,
    )


def _end_with_reason(
    *,
    dossier: Dossier,
    user: Any,
    reason: str,
    expected_state: str | None,
    name: str,
    record: Callable[..., DossierEvent],
    slip: IssuedKind,
    notice: str,
    details: dict[str, Any],
) -> Dossier:
    """What a refusal and a stop share: the end (classed on time or late), its history entry
    (`record`), its slip with the reason, the applicant's e-mail (`notice`)."""
    workflow = lock(dossier=dossier, expected_state=expected_state)
    from_state = run_transition(workflow=workflow, name=name, user=user, **details)
    _finish(workflow, at=clock.now())
    workflow.save(update_fields=["finished_at", "timeliness", "updated_at"])
    event = record(dossier=workflow, user=user, from_state=from_state, reason=reason)
    slips.issue_slip(dossier=workflow, kind=slip, event=event, officer=user, reason=reason)
    notify_applicant(dossier=workflow, kind=notice, note=reason)
    return workflow


# -- late dossiers --------------------------------------------------------------------------------

APOLOGY_ROLES = (Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER)


def apology_check(*, dossier: Dossier, actor: Any) -> None:
    """May `actor` send the apology and new date (Mẫu 04) for `dossier` now? PermissionDenied
    for a role that may not, TransitionNotAvailable for a dossier not being processed. The desk
    page shows the form only when `may_apologise` says so; the service asks the same."""
    if not user_has_any_role(actor, APOLOGY_ROLES):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này với hồ sơ."))
    # The plugin's own in-between states (a field inspection) count as "being processed".
    if not at_step(dossier.as_workflow(), AFTER_RECEPTION_BEFORE_RESULT):
        raise TransitionNotAvailable()


def may_apologise(*, dossier: Dossier, actor: Any) -> bool:
    try:
        apology_check(dossier=dossier, actor=actor)
    except (PermissionDenied, TransitionNotAvailable):
        return False
    return True


@transaction.atomic
def dossier_apologise(
    *,
    dossier: Dossier,
    user: Any,
    new_appointment_at: datetime.datetime,
    reason: str,
    expected_state: str | None = None,
) -> Dossier:
    """A late (or soon late) dossier: an apology with a new date (Mẫu 04); the state stays."""
    apology_check(dossier=dossier, actor=user)
    workflow = lock(dossier=dossier, expected_state=expected_state)
    apology_check(dossier=workflow, actor=user)  # the state as locked, not as the page saw it
    current = workflow.due_at
    if current is not None and new_appointment_at <= current:
        raise ValidationError(
            {
                "new_appointment_at": _("Ngày hẹn mới phải sau ngày hẹn hiện tại (%(date)s).")
                % {"date": to_local(current).strftime("%H:%M %d/%m/%Y")}
            }
        )
    workflow.extended_appointment_at = new_appointment_at
    workflow.save(update_fields=["extended_appointment_at", "updated_at"])
    event = events.apology_issued_event(
        dossier=workflow, user=user, reason=reason, new_appointment_at=new_appointment_at
    )
    slips.issue_slip(
        dossier=workflow,
        kind=IssuedKind.APOLOGY,
        event=event,
        officer=user,
        reason=reason,
        new_appointment_at=new_appointment_at,
    )
    notify_applicant(dossier=workflow, kind="apology", note=reason)
    return workflow
