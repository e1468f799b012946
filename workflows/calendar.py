"""The legal clock of a locality: working days, working hours and appointment dates.

Working days are Monday to Friday, minus Vietnam's public holidays, plus the Saturdays the
Government declares as make-up working days, all from the `holidays` package (country "VN":
`is_working_day` and `get_nth_working_day` know the make-up Saturdays, e.g. Saturday 26/04/2025
and Saturday 22/08/2026). Working hours come from the locality's `DeskSettings` (by default
07:30-11:30 and 13:30-17:00, the same on a make-up Saturday). Every moment is read in
Asia/Ho_Chi_Minh, and every function refuses naive datetimes.

The conventions used for appointment dates (ngày hẹn trả) follow how the Civil Code 2015 counts
a time limit in days (arts. 147-148: the day of the event is not counted; a limit ends with the
last day's working hours, moved to the next working day if that day is off) and the desks' usual
rule for online submissions (one that arrives outside working hours counts as received at the
start of the next working session). They are background to check against the texts in force:

* **received moment**: `next_working_moment(received_at)`; its date is the receiving day.
* **N working days**: due at the end of the N-th working day after the receiving day. Received
  Monday 09:00 with 3 days: due Thursday 17:00. Received Friday 18:00 (counts as Monday 07:30):
  due Thursday 17:00.
* **H working hours**: H hours of working time from the received moment, walking the sessions
  (lunch breaks, evenings, weekends and holidays do not count). Received 10:30 with 4 hours:
  1 hour until 11:30, 3 hours from 13:30, due 16:30 the same day.
* **same day**: received at or before the cut-off (15:00 unless the procedure says otherwise)
  of a working day: due at the end of that day; after it (15:05): the end of the next working day.
* **pauses** (yêu cầu bổ sung): the clock stops while the citizen completes the dossier. On
  resubmission it either resumes, with the remaining time carried over, or restarts from zero
  when the procedure says so; see `appointment_after_pauses`.
* **supplement before the clock starts**: a dossier sent at 19:00, at a weekend or before
  07:30 counts from the next working session; a supplement asked for before then stops nothing
  (no working time has run). The time limit counts, in full, from the complete dossier: the
  clock starts at the resubmission's next working moment, whether the procedure resumes or
  restarts its clock; see `supplement_stops_clock` and `clock_start_after_supplement`.

Example::

    >>> appointment_for(received_at=aware(2026, 2, 13, 9, 0),          # Friday before Tết
    ...                 processing_time=ProcessingTime("working_days", 3),
    ...                 desk_settings=DeskSettings())
    datetime(2026, 2, 25, 17, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))  # Tết break skipped
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from .models import DeskSettings
from .timing import ProcessingKind, ProcessingTime, Timeliness

__all__ = [
    "VIETNAM_TZ",
    "ProcessingKind",
    "ProcessingTime",
    "Timeliness",
    "add_working_days",
    "add_working_hours",
    "appointment_after_pauses",
    "appointment_for",
    "clock_start_after_supplement",
    "end_of_working_day",
    "holiday_name",
    "is_working_day",
    "is_working_time",
    "next_working_day",
    "next_working_moment",
    "same_day_due",
    "supplement_stops_clock",
    "timeliness",
    "to_local",
    "working_sessions",
    "working_time_between",
]

#: Vietnam has one time zone; the legal clock never depends on the active display time zone.
VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# A clock that finds no working time for ten years is misconfigured, not slow.
_MAX_DAYS_SCANNED = 3660

Pause = tuple[datetime.datetime, datetime.datetime | None]


# --- the calendar ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _vietnam_holidays() -> holidays.HolidayBase:
    # Built once for a wide range (about 15 ms) so that request threads only read it; a year
    # outside the range is still computed on demand by the package.
    return holidays.country_holidays("VN", years=range(2000, 2101), language="vi")


def to_local(moment: datetime.datetime) -> datetime.datetime:
    """`moment` in Vietnam's time zone; naive datetimes are refused (their zone is a guess)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"The legal clock needs a timezone-aware datetime, got {moment!r}")
    return moment.astimezone(VIETNAM_TZ)


def is_working_day(*, day: datetime.date) -> bool:
    """Monday-Friday minus public holidays, plus make-up Saturdays.

    Example: `is_working_day(day=date(2026, 2, 16))` is False (Tết), and
    `is_working_day(day=date(2025, 4, 26))` is True (a Saturday worked for the 30/4 bridge).
    """
    return _vietnam_holidays().is_working_day(day)


def holiday_name(*, day: datetime.date) -> str | None:
    """The public holiday on `day`, in Vietnamese, e.g. `Tết Nguyên Đán`; None on other days."""
    return _vietnam_holidays().get(day)


def next_working_day(*, day: datetime.date) -> datetime.date:
    """The first working day strictly after `day`: after Friday 13/02/2026 comes Monday 23/02."""
    return _vietnam_holidays().get_nth_working_day(day, 1)


def _settings(desk_settings: DeskSettings | None) -> DeskSettings:
    return desk_settings if desk_settings is not None else DeskSettings.for_current_locality()


def working_sessions(
    *, day: datetime.date, desk_settings: DeskSettings | None = None
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The working sessions of `day` as aware (start, end) pairs; empty on a day off."""
    if not is_working_day(day=day):
        return []
    settings = _settings(desk_settings)

    def at(clock: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(day, clock, tzinfo=VIETNAM_TZ)

    return [
        (at(settings.morning_start), at(settings.morning_end)),
        (at(settings.afternoon_start), at(settings.afternoon_end)),
    ]


def end_of_working_day(
    *, day: datetime.date, desk_settings: DeskSettings | None = None
) -> datetime.datetime:
    """The end of `day`'s afternoon session, e.g. 17:00 (used for due dates counted in days)."""
    settings = _settings(desk_settings)
    return datetime.datetime.combine(day, settings.afternoon_end, tzinfo=VIETNAM_TZ)


def is_working_time(*, at: datetime.datetime, desk_settings: DeskSettings | None = None) -> bool:
    """Whether `at` falls inside a working session (start included, end excluded).

    Example: Monday 09:00 is; 12:00 (lunch), 17:00, Saturday 09:00 (unless a make-up
    Saturday) are not.
    """
    local = to_local(at)
    return any(
        start <= local < end
        for start, end in working_sessions(day=local.date(), desk_settings=desk_settings)
    )


def next_working_moment(
    *, at: datetime.datetime, desk_settings: DeskSettings | None = None
) -> datetime.datetime:
    """`at` itself during working time, else the start of the next working session.

    Example: Monday 12:00 → Monday 13:30; Friday 17:30 → Monday 07:30; the eve of Tết 2026
    (Monday 16/02 09:00) → Monday 23/02 07:30.
    """
    settings = _settings(desk_settings)
    local = to_local(at)
    day = local.date()
    for _attempt in range(_MAX_DAYS_SCANNED):
        for start, end in working_sessions(day=day, desk_settings=settings):
            if local < end:
                return max(start, local)
        day += datetime.timedelta(days=1)
    raise RuntimeError("No working time found within ten years: check the desk settings")


# --- due dates ------------------------------------------------------------------------------------


def add_working_days(
    *, start: datetime.datetime, days: int, desk_settings: DeskSettings | None = None
) -> datetime.datetime:
    """The end of the `days`-th working day after the day `start` counts as received.

    The receiving day itself is not counted; `days=0` means the end of the receiving day.
    Example: received Monday 09:00, 3 days → Thursday 17:00; received Friday 13/02/2026 (last
    working day before Tết), 3 days → Wednesday 25/02/2026 17:00.
    """
    if days < 0:
        raise ValueError("A number of working days cannot be negative")
    settings = _settings(desk_settings)
    received_day = next_working_moment(at=start, desk_settings=settings).date()
    due_day = _vietnam_holidays().get_nth_working_day(received_day, days)
    return end_of_working_day(day=due_day, desk_settings=settings)


def _as_duration(hours: int | Decimal | datetime.timedelta) -> datetime.timedelta:
    if isinstance(hours, datetime.timedelta):
        return hours
    return datetime.timedelta(seconds=int(Decimal(hours) * 3600))


def add_working_hours(
    *,
    start: datetime.datetime,
    hours: int | Decimal | datetime.timedelta,
    desk_settings: DeskSettings | None = None,
) -> datetime.datetime:
    """The moment `hours` of working time after `start`, skipping breaks, nights and days off.

    Example: Monday 10:30 + 4 hours → Monday 16:30 (lunch skipped); Monday 16:00 + 4 hours →
    Tuesday 10:30 (evening skipped). A due time that lands on a session's end stays there
    (11:30, not 13:30).
    """
    remaining = _as_duration(hours)
    if remaining < datetime.timedelta(0):
        raise ValueError("A number of working hours cannot be negative")
    settings = _settings(desk_settings)
    moment = next_working_moment(at=start, desk_settings=settings)
    day = moment.date()
    for _attempt in range(_MAX_DAYS_SCANNED):
        for session_start, session_end in working_sessions(day=day, desk_settings=settings):
            if session_end <= moment:
                continue
            begin = max(session_start, moment)
            if remaining <= session_end - begin:
                return begin + remaining
            remaining -= session_end - begin
        day += datetime.timedelta(days=1)
    raise RuntimeError("No working time found within ten years: check the desk settings")


def working_time_between(
    *, start: datetime.datetime, end: datetime.datetime, desk_settings: DeskSettings | None = None
) -> datetime.timedelta:
    """The working time between two moments (zero if `end` is not after `start`).

    Example: Monday 10:00 → Tuesday 10:00 is 7 h 30 min (a full working day).
    """
    settings = _settings(desk_settings)
    start, end = to_local(start), to_local(end)
    total = datetime.timedelta(0)
    day = start.date()
    while day <= end.date():
        for session_start, session_end in working_sessions(day=day, desk_settings=settings):
            overlap = min(session_end, end) - max(session_start, start)
            total += max(overlap, datetime.timedelta(0))
        day += datetime.timedelta(days=1)
    return total


def same_day_due(
    *,
    received_at: datetime.datetime,
    cutoff: datetime.time | None = None,
    desk_settings: DeskSettings | None = None,
) -> datetime.datetime:
    """Due for a same-day procedure: received by the cut-off → that day's end, after → next day's.

    `cutoff` defaults to the locality's `same_day_cutoff` (15:00); a dossier received at 15:00:00
    is still on time for the day. Example: Monday 14:55 → Monday 17:00; Monday 15:05 → Tuesday
    17:00; Saturday 09:00 (not a make-up Saturday) counts as Monday 07:30 → Monday 17:00.
    """
    settings = _settings(desk_settings)
    cutoff = cutoff if cutoff is not None else settings.same_day_cutoff
    received = next_working_moment(at=received_at, desk_settings=settings)
    due_day = received.date()
    if received.time() > cutoff:
        due_day = next_working_day(day=due_day)
    return end_of_working_day(day=due_day, desk_settings=settings)


def appointment_for(
    *,
    received_at: datetime.datetime,
    processing_time: ProcessingTime,
    desk_settings: DeskSettings | None = None,
) -> datetime.datetime:
    """The appointment (ngày hẹn trả kết quả) of a dossier received at `received_at`.

    Example: `appointment_for(received_at=<Mon 14:55>, processing_time=ProcessingTime("same_day"),
    desk_settings=settings)` → Monday 17:00 (in Asia/Ho_Chi_Minh).
    """
    settings = _settings(desk_settings)
    if processing_time.kind == ProcessingKind.SAME_DAY:
        return same_day_due(
            received_at=received_at, cutoff=processing_time.cutoff, desk_settings=settings
        )
    if processing_time.kind == ProcessingKind.WORKING_HOURS:
        return add_working_hours(
            start=received_at, hours=processing_time.amount, desk_settings=settings
        )
    return add_working_days(start=received_at, days=processing_time.amount, desk_settings=settings)


def supplement_stops_clock(
    *, clock_start: datetime.datetime, requested_at: datetime.datetime
) -> bool:
    """Whether a supplement request sent at `requested_at` stops a clock started at `clock_start`.

    Only a running clock can stop. A dossier submitted outside working hours counts from the next
    working session (`clock_start` is `next_working_moment(at=<submission>)`); an officer who asks
    for a supplement before then stops nothing, and no pause is recorded.

    Example: submitted Friday 06/03/2026 18:00, so counted from Monday 09/03 07:30; a request on
    Saturday 07/03 09:00 or on Monday 09/03 07:10 → False; on Monday 09/03 08:00 → True (one
    half-hour of the first working day has run and the clock stops).
    """
    return to_local(requested_at) >= to_local(clock_start)


def clock_start_after_supplement(
    *,
    clock_start: datetime.datetime,
    requested_at: datetime.datetime,
    resubmitted_at: datetime.datetime,
    desk_settings: DeskSettings | None = None,
) -> datetime.datetime:
    """When the legal clock counts from once the citizen has answered a supplement request.

    A request that stopped the clock (`supplement_stops_clock`) leaves the start where it was: the
    pause is handled by `appointment_after_pauses`. A request sent before the clock started
    stopped nothing: the time limit counts in full from the complete dossier, i.e. from the
    resubmission's next working moment (an online resubmission is received like a submission).
    Resuming and restarting clocks agree here: no working time had run.

    Examples, 3 working days, submitted Friday 06/03/2026 18:00 (counts from Monday 09/03 07:30),
    supplement asked Saturday 07/03 09:00:

    - answered Sunday 08/03 20:00 → Monday 09/03 07:30 (due Thursday 12/03 17:00);
    - answered Tuesday 10/03 10:00 → Tuesday 10/03 10:00 (due Friday 13/03 17:00).

    Submitted on the eve of Tết 2026 (Monday 16/02 09:00, counts from Monday 23/02 07:30), asked
    Tuesday 17/02, answered Tuesday 24/02 09:00 → Tuesday 24/02 09:00 (due Friday 27/02 17:00).
    """
    if supplement_stops_clock(clock_start=clock_start, requested_at=requested_at):
        return clock_start
    if to_local(resubmitted_at) < to_local(requested_at):
        raise ValueError("A supplement cannot be answered before it is asked for")
    return next_working_moment(at=resubmitted_at, desk_settings=desk_settings)


def _check_pauses(
    received_at: datetime.datetime, pauses: Sequence[Pause], desk_settings: DeskSettings
) -> None:
    # A pause before the clock's start would count a day that was never used (a Saturday
    # request on a dossier counted from Monday): such a request stops nothing and is not a pause.
    previous_end = next_working_moment(at=received_at, desk_settings=desk_settings)
    for index, (paused_at, resumed_at) in enumerate(pauses):
        if to_local(paused_at) < previous_end:
            raise ValueError(
                "Pauses must follow the clock's start and each other, without overlap "
                "(a supplement asked for before the clock starts is not a pause: "
                "see supplement_stops_clock)"
            )
        if resumed_at is None:
            if index != len(pauses) - 1:
                raise ValueError("Only the last pause can still be open")
            continue
        if to_local(resumed_at) < to_local(paused_at):
            raise ValueError("A pause cannot end before it starts")
        previous_end = to_local(resumed_at)


def appointment_after_pauses(
    *,
    received_at: datetime.datetime,
    processing_time: ProcessingTime,
    pauses: Sequence[Pause],
    restart: bool = False,
    desk_settings: DeskSettings | None = None,
) -> datetime.datetime | None:
    """The appointment once the clock has stopped for supplements (pauses) and started again.

    `pauses` are (paused_at, resumed_at) pairs in order: paused when the supplement request was
    sent, resumed when the citizen resubmitted; the last may be open (None): then there is no
    appointment (None) while the citizen is completing. On each resubmission:

    - `restart=False` (the clock resumes): the time left at the pause is carried over and counted
      from the resubmission, which counts as a new receipt. For working days, the day the clock
      stopped counts as used and the resubmission day is, like the receiving day, not counted:
      received Monday, 3 days (due Thursday), paused Tuesday, resubmitted Friday → 2 days left
      → due the following Tuesday 17:00. For working hours, the exact working time left carries
      over. A same-day dossier is due the day it comes back (cut-off applies).
    - `restart=True` (the procedure says the time limit runs again from zero): the full
      processing time is counted from the resubmission.

    A pause that starts after the due moment changes nothing: the dossier was already late.
    Every pause starts at or after the clock's start (`next_working_moment(at=received_at)`): a
    supplement asked for earlier stopped nothing (`supplement_stops_clock`) and moves the start
    instead (`clock_start_after_supplement`); a pause before the start is refused (ValueError).
    """
    settings = _settings(desk_settings)
    _check_pauses(received_at, pauses, settings)
    due = appointment_for(
        received_at=received_at, processing_time=processing_time, desk_settings=settings
    )
    for paused_at, resumed_at in pauses:
        if to_local(paused_at) >= due:
            break
        if resumed_at is None:
            return None
        if restart or processing_time.kind == ProcessingKind.SAME_DAY:
            due = appointment_for(
                received_at=resumed_at, processing_time=processing_time, desk_settings=settings
            )
        elif processing_time.kind == ProcessingKind.WORKING_HOURS:
            left = working_time_between(start=paused_at, end=due, desk_settings=settings)
            due = add_working_hours(start=resumed_at, hours=left, desk_settings=settings)
        else:
            paused_day, due_day = to_local(paused_at).date(), due.date()
            days_left = 0
            day = next_working_day(day=paused_day)
            while day <= due_day:
                days_left += 1
                day = next_working_day(day=day)
            due = add_working_days(start=resumed_at, days=days_left, desk_settings=settings)
    return due


def timeliness(*, due_at: datetime.datetime, finished_at: datetime.datetime) -> Timeliness:
    """How a finished dossier is classed (Decision 766/QĐ-TTg's on-time indicator).

    - `late` (Quá hạn): finished after the due moment, even on the due day (due 17:00,
      finished 17:10) or, for hour-based procedures, after the due hour;
    - `early` (Trước hạn): finished on a calendar day before the due day;
    - `on_time` (Đúng hạn): finished on the due day, by the due moment.

    Example: due Thursday 17:00; finished Wednesday 16:00 → early; Thursday 09:00 → on_time;
    Friday 08:00 → late. `Timeliness(...).label` is the Vietnamese label.
    """
    due_local, finished_local = to_local(due_at), to_local(finished_at)
    if finished_local > due_local:
        return Timeliness.LATE
    if finished_local.date() < due_local.date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME
