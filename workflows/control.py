"""The control slip's rows (Mẫu 06, Phiếu kiểm soát quá trình giải quyết hồ sơ), from the history.

Every hand-over of a dossier is a history entry (workflows/events.py); this module reads them in
order and says, for each, who handed the dossier to whom, when, who gave and who took it, and
whether that step finished early, on time or late. Nothing is stored: the slip can be printed
at any time and always matches the history.

    rows = handover_rows(dossier)   # [HandoverRow(sender="Người nộp hồ sơ", receiver=...), ...]

Deadlines per step: `step_due` is the one place that says when a step was due. Until per-step
deadline records exist it uses what every dossier has: the reception of an online dossier is
due one working day after its clock started (Decree 118/2025: later is "chậm tiếp nhận"), every
later step the dossier's original appointment (an apology's new date does not make a step on
time, as for the dossier itself). When step records exist, read them first in `step_due`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from documents.slips import HandoverOutcome, HandoverRow

from .calendar import add_working_days, timeliness
from .choices import EventType, Intake
from .models import Dossier, DossierEvent
from .timing import Timeliness

DESK = _("Bộ phận Một cửa")
PROCESSING_UNIT = _("Công chức chuyên môn")
LEADERSHIP = _("Lãnh đạo Ủy ban nhân dân")
CITIZEN = _("Người nộp hồ sơ")
COORDINATING_UNIT = _("Cơ quan phối hợp")
POST_OFFICE = _("Bưu chính công ích")

#: Working days the desk has to receive an online dossier (Decree 118/2025, Art. 17-18).
RECEPTION_DAYS = 1

#: Each hand-over in the history: (who gives, who takes) as a function of the entry.
STEPS: dict[str, Callable[[DossierEvent], tuple[str, str]]] = {
    EventType.RECEIVED: lambda e: (CITIZEN, DESK),
    EventType.SUPPLEMENT_REQUESTED: lambda e: (DESK, CITIZEN),
    EventType.RESUBMITTED: lambda e: (CITIZEN, DESK),
    EventType.RECEPTION_REFUSED: lambda e: (DESK, CITIZEN),
    EventType.FORWARDED: lambda e: (DESK, PROCESSING_UNIT),
    EventType.HANDED_OVER: lambda e: (PROCESSING_UNIT, e.data.get("unit") or COORDINATING_UNIT),
    EventType.TAKEN_BACK: lambda e: (COORDINATING_UNIT, PROCESSING_UNIT),
    EventType.SUBMITTED_FOR_APPROVAL: lambda e: (PROCESSING_UNIT, LEADERSHIP),
    EventType.SENT_BACK: lambda e: (LEADERSHIP, PROCESSING_UNIT),
    EventType.APPROVED: lambda e: (LEADERSHIP, DESK),
    EventType.REFUSED: lambda e: (LEADERSHIP, DESK),
    EventType.RESULT_RETURNED: lambda e: (DESK, CITIZEN),
}

#: Steps whose deadline is the reception's (the others run against the appointment).
RECEPTION_STEPS = frozenset(
    {EventType.RECEIVED, EventType.SUPPLEMENT_REQUESTED, EventType.RECEPTION_REFUSED}
)

#: The hand-over ends with the citizen: nobody at the unit takes it.
TO_CITIZEN = frozenset(
    {EventType.SUPPLEMENT_REQUESTED, EventType.RECEPTION_REFUSED, EventType.RESULT_RETURNED}
)


def step_due(*, dossier: Dossier, event: DossierEvent) -> datetime.datetime | None:
    """When the step that `event` ends was due (None: no deadline known, e.g. the appointment
    is empty while the citizen completes the dossier)."""
    if event.type in RECEPTION_STEPS:
        if dossier.counted_from is None:
            return None
        return add_working_days(start=dossier.counted_from, days=RECEPTION_DAYS)
    if event.type == EventType.RESUBMITTED:
        return None  # the citizen's step: the clock was stopped
    return dossier.appointment_at


def step_outcome(*, dossier: Dossier, event: DossierEvent) -> str:
    """Early / on time / late (`HandoverOutcome`) of the step `event` ends; "" when unknown."""
    due = step_due(dossier=dossier, event=event)
    if due is None:
        return ""
    return {
        Timeliness.EARLY: HandoverOutcome.EARLY,
        Timeliness.ON_TIME: HandoverOutcome.ON_TIME,
        Timeliness.LATE: HandoverOutcome.LATE,
    }[timeliness(due_at=due, finished_at=event.at)]


def _first_sender(dossier: Dossier, sender: str) -> str:
    return str(POST_OFFICE) if dossier.intake == Intake.POST else sender


def handover_rows(dossier: Dossier) -> list[HandoverRow]:
    """Every hand-over of `dossier` so far, oldest first. The person who took a hand-over is
    the one who made the next (the specialist who submits for approval took the dossier from
    the desk); the citizen takes what is handed to them."""
    events = list(
        DossierEvent.objects.filter(dossier=dossier, type__in=list(STEPS)).order_by("at", "pk")
    )
    rows = []
    for index, event in enumerate(events):
        sender, receiver = STEPS[event.type](event)
        if index == 0 and event.type == EventType.RECEIVED:
            sender = _first_sender(dossier, str(sender))
        following = events[index + 1] if index + 1 < len(events) else None
        rows.append(
            HandoverRow(
                sender=str(sender),
                receiver=str(receiver),
                at=event.at,
                sender_person=_giver(dossier, event),
                receiver_person=_taker(dossier, event, following),
                outcome=step_outcome(dossier=dossier, event=event),
                note=event.note[:200],
            )
        )
    return rows


def _taker(dossier: Dossier, event: DossierEvent, following: DossierEvent | None) -> str:
    if event.type in TO_CITIZEN:
        return dossier.applicant.full_name or ""
    if event.type == EventType.RECEIVED:
        return event.actor_name
    return following.actor_name if following is not None else ""


def _giver(dossier: Dossier, event: DossierEvent) -> str:
    """Who handed it over: the citizen for their own steps, else the officer who acted (for a
    reception, the officer received it from the citizen)."""
    if event.type in (EventType.RECEIVED, EventType.RESUBMITTED):
        return dossier.applicant.full_name or ""
    return event.actor_name
