"""Step deadlines and the intake deadline, as pure functions of the legal clock.

`workflows.calendar` stays the clock (working days, sessions, appointments); this module shares
a procedure's legal time between the desk's steps and dates each step. Conventions (background
to check against the texts in force, like the calendar's):

* **legal working time** of a procedure: N working days are N × the locality's working day
  (07:30-11:30 and 13:30-17:00: 7 h 30 min); H working hours are H hours; a same-day procedure
  has one working day. The remainder of the receiving day is not counted, so the steps' dates
  fall at or before the appointment.
* **a step's allowance**: its share (percent, `StepShares`) of the legal working time, in whole
  minutes. 3 working days (22 h 30 min), processing 60% → 13 h 30 min.
* **a step's due moment**: the allowance counted in working time from the moment the step
  started (the previous step's end): a step finished early leaves the next one its whole share.
  Time while the citizen completes the dossier (a `DossierPause`) does not count: the allowance
  left at the pause carries over from the resubmission, as `calendar.appointment_after_pauses`
  does for working hours.
* **a step's timeliness**: `calendar.timeliness` against its due moment (early: finished on a
  day before the due day; on time: the due day, by the due moment; late: after it).
* **intake deadline** (Decree 118/2025: an online dossier is received, sent back for a
  supplement or refused within 1 working day): the end of the first working day after the day
  the submission counts as received, i.e. `calendar.add_working_days(start=submitted_at,
  days=1)`. Submitted Monday 10:00 → Tuesday 17:00; Friday 18:00 (counts as Monday 07:30) →
  Tuesday 17:00. Acting after it is "chậm tiếp nhận".

Example::

    >>> step_allowance(processing_time=ProcessingTime("working_days", 3),
    ...                share=60, desk_settings=DeskSettings())
    datetime.timedelta(seconds=48600)                   # 13 h 30 min
    >>> step_due(started_at=at(2026, 3, 9, 9, 0),       # Monday 09:00
    ...          allowance=timedelta(hours=13, minutes=30), pauses=[],
    ...          desk_settings=DeskSettings())
    at(2026, 3, 10, 17, 0)        # Monday 6 h + Tuesday 7 h 30 min: Tuesday 17:00
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from ..calendar import (
    Pause,
    add_working_days,
    add_working_hours,
    end_of_working_day,
    is_working_day,
    to_local,
    working_time_between,
)
from ..models import DeskSettings
from ..states import END_STATES, DossierState
from ..timing import ProcessingKind, ProcessingTime
from .shares import Step

__all__ = [
    "intake_due",
    "intake_is_late",
    "intake_late_threshold",
    "legal_working_time",
    "step_allowance",
    "step_due",
    "step_for_state",
    "working_day_length",
]

#: Which step a dossier in each state of the base lifecycle is in. A plugin's own states that
#: are not end states count as processing (a field inspection); drafts and end states: none.
STEP_OF_STATE: dict[str, Step] = {
    DossierState.SUBMITTED: Step.RECEIVE,
    DossierState.SUPPLEMENT_REQUESTED: Step.RECEIVE,  # the clock is stopped, the step goes on
    DossierState.RECEIVED: Step.RECEIVE,  # received, not yet forwarded: still at the desk
    DossierState.IN_PROCESSING: Step.PROCESS,
    DossierState.TRANSFERRED: Step.PROCESS,
    DossierState.AWAITING_APPROVAL: Step.APPROVE,
    DossierState.RESULT_READY: Step.RETURN,
}


def step_for_state(state: str, *, end_states: Iterable[str] = END_STATES) -> Step | None:
    """The step a dossier in `state` is in: `submitted` → receive, `awaiting_approval` →
    approve, `field_inspection` (a plugin's) → process, `draft` or `returned` → None."""
    if state == DossierState.DRAFT or state in set(end_states) | set(END_STATES):
        return None
    return STEP_OF_STATE.get(state, Step.PROCESS)


def working_day_length(*, desk_settings: DeskSettings) -> datetime.timedelta:
    """The working time of one full working day: 07:30-11:30 + 13:30-17:00 → 7 h 30 min."""
    day = datetime.date(2000, 1, 1)

    def span(start: datetime.time, end: datetime.time) -> datetime.timedelta:
        return datetime.datetime.combine(day, end) - datetime.datetime.combine(day, start)

    return span(desk_settings.morning_start, desk_settings.morning_end) + span(
        desk_settings.afternoon_start, desk_settings.afternoon_end
    )


def legal_working_time(
    *, processing_time: ProcessingTime, desk_settings: DeskSettings
) -> datetime.timedelta:
    """The working time a procedure's legal time stands for.

    Examples (default hours): 3 working days → 22 h 30 min; 8 working hours → 8 h; 1.5 working
    hours → 1 h 30 min; same day → 7 h 30 min.
    """
    if processing_time.kind == ProcessingKind.WORKING_HOURS:
        return datetime.timedelta(seconds=int(processing_time.amount * 3600))
    days = 1 if processing_time.kind == ProcessingKind.SAME_DAY else int(processing_time.amount)
    return days * working_day_length(desk_settings=desk_settings)


def step_allowance(
    *, processing_time: ProcessingTime, share: int, desk_settings: DeskSettings
) -> datetime.timedelta:
    """A step's working time: `share` percent of the legal working time, in whole minutes
    (rounded down, at least one minute for a non-zero share).

    Examples: 3 working days, processing 60% → 13 h 30 min; receive 10% → 2 h 15 min;
    8 working hours, approve 20% → 1 h 36 min; same day, return 10% → 45 min.
    """
    total = legal_working_time(processing_time=processing_time, desk_settings=desk_settings)
    minutes = int(total.total_seconds() // 60) * share // 100
    if share and minutes == 0:
        minutes = 1
    return datetime.timedelta(minutes=minutes)


def step_due(
    *,
    started_at: datetime.datetime,
    allowance: datetime.timedelta,
    pauses: Sequence[Pause],
    desk_settings: DeskSettings,
) -> datetime.datetime | None:
    """When a step that started at `started_at` with `allowance` of working time is due, once
    the clock's pauses (paused_at, resumed_at) are skipped; None while a pause is open.

    Pauses that ended before the step started, or began after its due moment, change nothing.
    Examples, allowance 2 h 15 min (receive, 3 working days):

    - started Monday 09/03/2026 09:00, no pause → Monday 11:15;
    - the same, paused Monday 10:00 (1 h used), resumed Wednesday 11/03 14:00 → 1 h 15 min
      left → Wednesday 15:15;
    - paused Monday 10:00 and not resumed → None (the citizen is completing the dossier).
    """
    due = add_working_hours(start=started_at, hours=allowance, desk_settings=desk_settings)
    for paused_at, resumed_at in sorted(pauses, key=lambda pause: pause[0]):
        if resumed_at is not None and to_local(resumed_at) <= to_local(started_at):
            continue
        if to_local(paused_at) >= due:
            break
        if resumed_at is None:
            return None
        begin = max(to_local(paused_at), to_local(started_at))
        left = working_time_between(start=begin, end=due, desk_settings=desk_settings)
        due = add_working_hours(start=resumed_at, hours=left, desk_settings=desk_settings)
    return due


# -- the intake deadline (chậm tiếp nhận) ----------------------------------------------------------


def intake_due(
    *, submitted_at: datetime.datetime, desk_settings: DeskSettings
) -> datetime.datetime:
    """By when the desk must receive, send back or refuse an online dossier: the end of the
    first working day after the day its submission counts as received.

    Examples: Monday 09/03/2026 10:00 → Tuesday 10/03 17:00; Friday 13/03 18:00 (counts as
    Monday 16/03) → Tuesday 17/03 17:00; Friday 13/02/2026 (before Tết) → Monday 23/02 17:00.
    """
    return add_working_days(start=submitted_at, days=1, desk_settings=desk_settings)


def intake_is_late(
    *, submitted_at: datetime.datetime, acted_at: datetime.datetime, desk_settings: DeskSettings
) -> bool:
    """Whether the desk acted after the intake deadline: submitted Monday 10:00, received
    Tuesday 16:59 → False; Wednesday 07:30 → True."""
    return to_local(acted_at) > intake_due(submitted_at=submitted_at, desk_settings=desk_settings)


def _working_day_on_or_before(day: datetime.date) -> datetime.date:
    while not is_working_day(day=day):
        day -= datetime.timedelta(days=1)
    return day


def intake_late_threshold(
    *, now: datetime.datetime, desk_settings: DeskSettings
) -> datetime.datetime:
    """Dossiers submitted strictly before this moment are past their intake deadline at `now`
    (a bound an inbox can filter on in SQL; `intake_is_late` is the rule it stands for).

    Let E be the last working day whose end is before `now`; a submission is late when it
    counts as received on a day before E, i.e. it was sent before the end of the working day
    before E. Examples: now Wednesday 11/03/2026 10:00 → E Tuesday 10/03 → Monday 09/03 17:00
    (Monday 16:59 is late, Monday 17:30 counts as Tuesday: not yet); now Tuesday 10/03 17:00
    → E Monday → Friday 06/03 17:00 (Monday's dossiers are due at this very moment).
    """
    local = to_local(now)
    last_ended = _working_day_on_or_before(local.date())
    if end_of_working_day(day=last_ended, desk_settings=desk_settings) >= local:
        last_ended = _working_day_on_or_before(last_ended - datetime.timedelta(days=1))
    before = _working_day_on_or_before(last_ended - datetime.timedelta(days=1))
    return end_of_working_day(day=before, desk_settings=desk_settings)
