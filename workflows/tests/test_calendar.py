"""The legal clock against the real Vietnamese calendar of the `holidays` package.

Expected dates were checked by hand against the package's VN data (holidays 0.109):
Tết 2026 = Mon 16/02-Fri 20/02 off (break Sat 14/02-Sun 22/02), Tết 2027 = Thu 04/02-Wed 10/02,
make-up Saturdays 26/04/2025 (for Fri 02/05/2025) and 22/08/2026 (for Mon 31/08/2026).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from workflows.calendar import (
    VIETNAM_TZ,
    ProcessingTime,
    Timeliness,
    add_working_days,
    add_working_hours,
    appointment_after_pauses,
    appointment_for,
    clock_start_after_supplement,
    holiday_name,
    is_working_day,
    is_working_time,
    next_working_moment,
    same_day_due,
    supplement_stops_clock,
    timeliness,
    working_time_between,
)
from workflows.models import DeskSettings

DEFAULTS = DeskSettings()  # 07:30-11:30, 13:30-17:00, cut-off 15:00; never saved
DAYS_3 = ProcessingTime("working_days", 3)
SAME_DAY = ProcessingTime("same_day")


def vn(year, month, day, hour=0, minute=0, second=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=VIETNAM_TZ)


def seen(moment: datetime.datetime) -> str:
    """The appointment as the receipt slip prints it."""
    return moment.astimezone(VIETNAM_TZ).strftime("%H:%M %d/%m/%Y")


def appointment(received_at, processing_time=DAYS_3) -> str:
    return seen(
        appointment_for(
            received_at=received_at, processing_time=processing_time, desk_settings=DEFAULTS
        )
    )


# --- the calendar data ----------------------------------------------------------------------------


def test_holiday_package_knows_the_tet_breaks_and_make_up_saturdays():
    tet_2026 = [datetime.date(2026, 2, day) for day in range(16, 21)]
    tet_2027 = [datetime.date(2027, 2, day) for day in range(4, 11)]
    assert not any(is_working_day(day=day) for day in tet_2026 + tet_2027)
    assert holiday_name(day=datetime.date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert is_working_day(day=datetime.date(2026, 2, 13))  # Friday before Tết 2026
    assert is_working_day(day=datetime.date(2026, 2, 23))  # Monday after
    assert is_working_day(day=datetime.date(2027, 2, 3))  # Wednesday before Tết 2027
    assert is_working_day(day=datetime.date(2027, 2, 11))
    # Make-up Saturdays are working days; an ordinary Saturday is not.
    assert is_working_day(day=datetime.date(2025, 4, 26))
    assert is_working_day(day=datetime.date(2026, 8, 22))
    assert not is_working_day(day=datetime.date(2025, 4, 19))
    assert not is_working_day(day=datetime.date(2025, 5, 2))  # the day it made up for
    assert not is_working_day(day=datetime.date(2026, 8, 31))


# --- working days around Tết ----------------------------------------------------------------------


def test_dossier_received_on_the_eve_of_tet_2026_is_due_after_the_break():
    # Friday 13/02/2026 is the last working day before the Tết break (14/02-22/02).
    assert appointment(vn(2026, 2, 13, 9, 0)) == "17:00 25/02/2026"
    assert appointment(vn(2026, 2, 13, 16, 59), ProcessingTime("working_days", 1)) == (
        "17:00 23/02/2026"
    )


def test_dossier_received_on_the_eve_of_tet_2027_is_due_after_the_break():
    # Wednesday 03/02/2027, then Tết from Thursday 04/02 to Wednesday 10/02.
    assert appointment(vn(2027, 2, 3, 10, 0), ProcessingTime("working_days", 1)) == (
        "17:00 11/02/2027"
    )
    assert appointment(vn(2027, 2, 3, 10, 0)) == "17:00 15/02/2027"


def test_online_submission_during_tet_counts_from_the_first_working_morning():
    received = vn(2026, 2, 17, 10, 0)  # mùng 1 Tết
    assert seen(next_working_moment(at=received, desk_settings=DEFAULTS)) == "07:30 23/02/2026"
    assert appointment(received, ProcessingTime("working_days", 1)) == "17:00 24/02/2026"
    assert appointment(received, SAME_DAY) == "17:00 23/02/2026"


# --- make-up Saturdays ----------------------------------------------------------------------------


def test_make_up_saturday_2025_counts_as_a_working_day():
    saturday = vn(2025, 4, 26, 9, 0)
    assert is_working_time(at=saturday, desk_settings=DEFAULTS)
    assert appointment(saturday, ProcessingTime("working_days", 1)) == "17:00 28/04/2025"
    # Mon 28, Tue 29, then 30/4, 1/5, the 2/5 day off and the weekend: Monday 05/05.
    assert appointment(saturday) == "17:00 05/05/2025"
    assert appointment(vn(2025, 4, 26, 14, 55), SAME_DAY) == "17:00 26/04/2025"
    assert appointment(vn(2025, 4, 26, 15, 5), SAME_DAY) == "17:00 28/04/2025"


def test_make_up_saturday_2026_versus_an_ordinary_saturday():
    assert appointment(vn(2026, 8, 22, 10, 0), SAME_DAY) == "17:00 22/08/2026"
    assert appointment(vn(2026, 8, 22, 10, 0), ProcessingTime("working_days", 2)) == (
        "17:00 25/08/2026"
    )
    ordinary = vn(2026, 8, 15, 10, 0)
    assert not is_working_time(at=ordinary, desk_settings=DEFAULTS)
    assert appointment(ordinary, SAME_DAY) == "17:00 17/08/2026"
    # From Fri 28/08: Mon 31/08 (day off), 1/9 and 2/9 (National Day) are skipped.
    assert appointment(vn(2026, 8, 28, 9, 0), ProcessingTime("working_days", 1)) == (
        "17:00 03/09/2026"
    )


# --- working days convention ----------------------------------------------------------------------


def test_working_days_count_from_the_day_after_the_receiving_day():
    assert appointment(vn(2026, 3, 2, 9, 0)) == "17:00 05/03/2026"  # Mon → Thu
    assert appointment(vn(2026, 3, 2, 6, 0)) == "17:00 05/03/2026"  # before opening: still Mon
    assert appointment(vn(2026, 3, 2, 12, 0)) == "17:00 05/03/2026"  # lunch: Mon afternoon
    assert appointment(vn(2026, 3, 2, 17, 0)) == "17:00 06/03/2026"  # closed: Tue is day 0
    assert appointment(vn(2026, 3, 6, 18, 0)) == "17:00 12/03/2026"  # Fri evening → from Mon
    assert seen(add_working_days(start=vn(2026, 3, 2, 9, 0), days=0, desk_settings=DEFAULTS)) == (
        "17:00 02/03/2026"
    )


def test_working_time_boundaries():
    assert is_working_time(at=vn(2026, 3, 2, 7, 30), desk_settings=DEFAULTS)
    assert not is_working_time(at=vn(2026, 3, 2, 11, 30), desk_settings=DEFAULTS)
    assert is_working_time(at=vn(2026, 3, 2, 13, 30), desk_settings=DEFAULTS)
    assert not is_working_time(at=vn(2026, 3, 2, 17, 0), desk_settings=DEFAULTS)
    # 02:00 UTC is 09:00 in Hà Nội: the clock reads Vietnam time whatever the input zone.
    assert is_working_time(
        at=datetime.datetime(2026, 3, 2, 2, 0, tzinfo=datetime.UTC), desk_settings=DEFAULTS
    )
    assert seen(next_working_moment(at=vn(2026, 3, 2, 12, 0), desk_settings=DEFAULTS)) == (
        "13:30 02/03/2026"
    )
    with pytest.raises(ValueError, match="timezone-aware"):
        is_working_time(at=datetime.datetime(2026, 3, 2, 9, 0), desk_settings=DEFAULTS)


# --- same day, 15:00 cut-off ----------------------------------------------------------------------


def test_same_day_procedure_cut_off_at_15_00():
    assert appointment(vn(2026, 3, 2, 14, 55), SAME_DAY) == "17:00 02/03/2026"
    assert appointment(vn(2026, 3, 2, 15, 0), SAME_DAY) == "17:00 02/03/2026"
    assert appointment(vn(2026, 3, 2, 15, 5), SAME_DAY) == "17:00 03/03/2026"
    assert appointment(vn(2026, 3, 6, 15, 5), SAME_DAY) == "17:00 09/03/2026"  # Fri → Mon
    assert appointment(vn(2026, 2, 13, 15, 5), SAME_DAY) == "17:00 23/02/2026"  # eve of Tết
    # A procedure may declare its own cut-off.
    late_cutoff = ProcessingTime("same_day", cutoff=datetime.time(16, 0))
    assert appointment(vn(2026, 3, 2, 15, 5), late_cutoff) == "17:00 02/03/2026"
    assert seen(
        same_day_due(
            received_at=vn(2026, 3, 2, 15, 5),
            cutoff=datetime.time(16, 0),
            desk_settings=DEFAULTS,
        )
    ) == ("17:00 02/03/2026")


# --- working hours --------------------------------------------------------------------------------


def test_working_hours_skip_the_lunch_break_and_the_evening():
    four_hours = ProcessingTime("working_hours", 4)
    assert appointment(vn(2026, 3, 2, 10, 30), four_hours) == "16:30 02/03/2026"
    assert appointment(vn(2026, 3, 2, 16, 0), four_hours) == "10:30 03/03/2026"
    assert appointment(vn(2026, 3, 6, 16, 0), four_hours) == "10:30 09/03/2026"  # weekend
    assert appointment(vn(2026, 3, 2, 12, 0), ProcessingTime("working_hours", 1)) == (
        "14:30 02/03/2026"
    )
    # Ends exactly at the end of the morning: 11:30, not 13:30.
    assert appointment(vn(2026, 3, 2, 9, 30), ProcessingTime("working_hours", 2)) == (
        "11:30 02/03/2026"
    )
    assert appointment(vn(2026, 3, 2, 10, 0), ProcessingTime("working_hours", Decimal("1.5"))) == (
        "11:30 02/03/2026"
    )
    # 8 hours from Friday 13/02/2026 16:00: 1 h that day, 7 h on Monday 23/02 after Tết.
    assert seen(
        add_working_hours(start=vn(2026, 2, 13, 16, 0), hours=8, desk_settings=DEFAULTS)
    ) == ("16:30 23/02/2026")
    assert working_time_between(
        start=vn(2026, 3, 2, 10, 0), end=vn(2026, 3, 3, 10, 0), desk_settings=DEFAULTS
    ) == datetime.timedelta(hours=7, minutes=30)


# --- pauses for supplements -----------------------------------------------------------------------


def due_after(pauses, processing_time=DAYS_3, restart=False, received_at=None):
    due = appointment_after_pauses(
        received_at=received_at or vn(2026, 3, 2, 9, 0),  # Monday; due Thursday 05/03 17:00
        processing_time=processing_time,
        pauses=pauses,
        restart=restart,
        desk_settings=DEFAULTS,
    )
    return None if due is None else seen(due)


def test_resume_carries_the_remaining_working_days_over():
    # Paused Tuesday (Wed and Thu left), resubmitted Friday: due Monday+Tuesday → Tue 10/03.
    pause = [(vn(2026, 3, 3, 10, 0), vn(2026, 3, 6, 14, 0))]
    assert due_after([]) == "17:00 05/03/2026"
    assert due_after(pause) == "17:00 10/03/2026"
    # Paused on the receiving day itself: the whole 3 days are left.
    assert due_after([(vn(2026, 3, 2, 14, 0), vn(2026, 3, 4, 9, 0))]) == "17:00 09/03/2026"
    # Two supplements: Tue→Fri (2 left: Tue 10/03), then Mon 09/03→Thu 12/03 (1 left: Fri 13/03).
    twice = pause + [(vn(2026, 3, 9, 9, 0), vn(2026, 3, 12, 9, 0))]
    assert due_after(twice) == "17:00 13/03/2026"


def test_restart_counts_the_full_time_again_from_resubmission():
    pause = [(vn(2026, 3, 3, 10, 0), vn(2026, 3, 6, 14, 0))]
    assert due_after(pause, restart=True) == "17:00 11/03/2026"  # Fri + 3 days → Wed


def test_clock_stands_still_while_the_citizen_completes():
    assert due_after([(vn(2026, 3, 3, 10, 0), None)]) is None
    # A supplement asked for after the due date does not erase the delay.
    assert due_after([(vn(2026, 3, 6, 9, 0), vn(2026, 3, 9, 9, 0))]) == "17:00 05/03/2026"
    assert due_after([(vn(2026, 3, 6, 9, 0), None)]) == "17:00 05/03/2026"


def test_resume_of_working_hours_and_same_day_procedures():
    four_hours = ProcessingTime("working_hours", 4)
    # Received 09:00, due 15:00 (2.5 h before lunch, 1.5 h after); paused 10:00 with 3 h left,
    # resumed Wednesday 16:00: 1 h on Wednesday, 2 h on Thursday morning → 09:30.
    pause = [(vn(2026, 3, 2, 10, 0), vn(2026, 3, 4, 16, 0))]
    assert due_after([], four_hours) == "15:00 02/03/2026"
    assert due_after(pause, four_hours) == "09:30 05/03/2026"
    assert due_after(pause, four_hours, restart=True) == "10:30 05/03/2026"
    # Same-day: due the day it comes back, with the cut-off.
    assert due_after([(vn(2026, 3, 2, 10, 0), vn(2026, 3, 4, 14, 55))], SAME_DAY) == (
        "17:00 04/03/2026"
    )
    assert due_after([(vn(2026, 3, 2, 10, 0), vn(2026, 3, 4, 15, 5))], SAME_DAY) == (
        "17:00 05/03/2026"
    )


def test_inconsistent_pauses_are_refused():
    with pytest.raises(ValueError, match="open"):
        due_after([(vn(2026, 3, 3, 10, 0), None), (vn(2026, 3, 4, 10, 0), None)])
    with pytest.raises(ValueError, match="overlap"):
        due_after([(vn(2026, 3, 1, 10, 0), vn(2026, 3, 3, 10, 0))])  # before the receipt
    with pytest.raises(ValueError, match="before it starts"):
        due_after([(vn(2026, 3, 3, 10, 0), vn(2026, 3, 3, 9, 0))])


def test_a_supplement_asked_before_the_clock_starts_stops_nothing():
    """Submitted Friday 06/03/2026 18:00: counted from Monday 09/03 07:30."""
    start = next_working_moment(at=vn(2026, 3, 6, 18, 0), desk_settings=DEFAULTS)
    assert seen(start) == "07:30 09/03/2026"
    assert not supplement_stops_clock(clock_start=start, requested_at=vn(2026, 3, 6, 19, 0))
    assert not supplement_stops_clock(clock_start=start, requested_at=vn(2026, 3, 7, 9, 0))
    assert not supplement_stops_clock(clock_start=start, requested_at=vn(2026, 3, 9, 7, 10))
    assert supplement_stops_clock(clock_start=start, requested_at=vn(2026, 3, 9, 7, 30))
    assert supplement_stops_clock(clock_start=start, requested_at=vn(2026, 3, 9, 8, 0))


def restarted(submitted, requested, answered, processing_time=DAYS_3):
    """(clock start, appointment) once the citizen answers, as the services compute them."""
    start = clock_start_after_supplement(
        clock_start=next_working_moment(at=submitted, desk_settings=DEFAULTS),
        requested_at=requested,
        resubmitted_at=answered,
        desk_settings=DEFAULTS,
    )
    due = appointment_after_pauses(
        received_at=start, processing_time=processing_time, pauses=[], desk_settings=DEFAULTS
    )
    return seen(start), seen(due)


def test_the_clock_starts_with_the_complete_dossier_after_an_early_supplement():
    friday_evening = vn(2026, 3, 6, 18, 0)
    # Asked Saturday, answered Sunday evening: the clock starts Monday 07:30, full 3 days.
    assert restarted(friday_evening, vn(2026, 3, 7, 9, 0), vn(2026, 3, 8, 20, 0)) == (
        "07:30 09/03/2026",
        "17:00 12/03/2026",
    )
    # Answered Tuesday 10:00: counted from then (Wed, Thu, Fri).
    assert restarted(friday_evening, vn(2026, 3, 7, 9, 0), vn(2026, 3, 10, 10, 0)) == (
        "10:00 10/03/2026",
        "17:00 13/03/2026",
    )
    # Before 07:30: submitted Monday 06:45, asked 07:10, answered 07:20 → starts 07:30.
    assert restarted(vn(2026, 3, 9, 6, 45), vn(2026, 3, 9, 7, 10), vn(2026, 3, 9, 7, 20)) == (
        "07:30 09/03/2026",
        "17:00 12/03/2026",
    )
    # The eve of Tết 2026 (counted from Mon 23/02), asked Tue 17/02, answered Tue 24/02 09:00.
    assert restarted(vn(2026, 2, 16, 9, 0), vn(2026, 2, 17, 10, 0), vn(2026, 2, 24, 9, 0)) == (
        "09:00 24/02/2026",
        "17:00 27/02/2026",
    )
    # Working hours count in full from the answer: 4 h from Tuesday 10:00 → 16:00.
    four_hours = ProcessingTime("working_hours", 4)
    assert restarted(friday_evening, vn(2026, 3, 7, 9, 0), vn(2026, 3, 10, 10, 0), four_hours)[
        1
    ] == ("16:00 10/03/2026")
    # A request once the clock runs keeps the start (the pause carries the rest).
    start = vn(2026, 3, 9, 7, 30)
    assert (
        clock_start_after_supplement(
            clock_start=start,
            requested_at=vn(2026, 3, 9, 8, 0),
            resubmitted_at=vn(2026, 3, 10, 8, 0),
            desk_settings=DEFAULTS,
        )
        == start
    )
    with pytest.raises(ValueError, match="answered before"):
        clock_start_after_supplement(
            clock_start=start,
            requested_at=vn(2026, 3, 7, 9, 0),
            resubmitted_at=vn(2026, 3, 6, 20, 0),
            desk_settings=DEFAULTS,
        )


def test_a_pause_before_the_clock_starts_is_refused_not_miscounted():
    # Received Friday 18:00 (counts from Monday): a Saturday pause would have counted Monday to
    # Thursday as 4 days left of 3. It is refused: such a request is not a pause.
    with pytest.raises(ValueError, match="clock's start"):
        due_after([(vn(2026, 3, 7, 9, 0), vn(2026, 3, 8, 9, 0))], received_at=vn(2026, 3, 6, 18))


# --- timeliness -----------------------------------------------------------------------------------


def test_timeliness_classes_and_their_vietnamese_labels():
    due = vn(2026, 3, 5, 17, 0)
    assert timeliness(due_at=due, finished_at=vn(2026, 3, 4, 16, 0)) == Timeliness.EARLY
    assert timeliness(due_at=due, finished_at=vn(2026, 3, 5, 9, 0)) == Timeliness.ON_TIME
    assert timeliness(due_at=due, finished_at=vn(2026, 3, 5, 17, 0)) == Timeliness.ON_TIME
    assert timeliness(due_at=due, finished_at=vn(2026, 3, 5, 17, 10)) == Timeliness.LATE
    assert timeliness(due_at=due, finished_at=vn(2026, 3, 6, 8, 0)) == Timeliness.LATE
    # 23:30 UTC on 04/03 is 06:30 on 05/03 in Vietnam: the due day, so on time.
    utc = datetime.datetime(2026, 3, 4, 23, 30, tzinfo=datetime.UTC)
    assert timeliness(due_at=due, finished_at=utc) == Timeliness.ON_TIME
    assert [label for _value, label in Timeliness.choices] == ["Trước hạn", "Đúng hạn", "Quá hạn"]


# --- processing time value object -----------------------------------------------------------------


def test_processing_time_labels_and_validation():
    assert str(ProcessingTime("working_days", 3)) == "3 ngày làm việc"
    assert str(ProcessingTime("working_hours", Decimal("1.5"))) == "1,5 giờ làm việc"
    assert str(ProcessingTime("same_day", cutoff=datetime.time(15, 0))) == (
        "Trong ngày làm việc (nhận sau 15:00 trả vào ngày làm việc tiếp theo)"
    )
    assert ProcessingTime("working_days", Decimal("2")).amount == 2
    with pytest.raises(ValueError, match="Unknown"):
        ProcessingTime("weeks", 1)
    with pytest.raises(ValueError, match="negative"):
        ProcessingTime("working_days", -1)
    with pytest.raises(ValueError, match="whole days"):
        ProcessingTime("working_days", Decimal("0.5"))
    with pytest.raises(ValueError, match="cut-off"):
        ProcessingTime("working_days", 3, cutoff=datetime.time(15, 0))


# --- the locality's own desk settings -------------------------------------------------------------


@pytest.mark.django_db
def test_locality_working_hours_come_from_its_desk_settings(tu_ky):
    DeskSettings.objects.create(
        afternoon_end=datetime.time(16, 30), same_day_cutoff=datetime.time(14, 0)
    )
    # No desk_settings argument: the clock reads Tứ Kỳ's row.
    due = appointment_for(received_at=vn(2026, 3, 2, 9, 0), processing_time=DAYS_3)
    assert seen(due) == "16:30 05/03/2026"
    due = appointment_for(received_at=vn(2026, 3, 2, 14, 30), processing_time=SAME_DAY)
    assert seen(due) == "16:30 03/03/2026"
    assert not is_working_time(at=vn(2026, 3, 2, 16, 45))


@pytest.mark.django_db
def test_desk_settings_refuse_working_hours_out_of_order(tu_ky):
    bad = DeskSettings(morning_start=datetime.time(12, 0), morning_end=datetime.time(11, 0))
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "Giờ làm việc phải theo thứ tự" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        bad.save()
    with pytest.raises(ValidationError) as error:
        DeskSettings(unit_identifier="H23 14/x").full_clean()
    assert "Chỉ dùng chữ cái không dấu" in str(error.value)
