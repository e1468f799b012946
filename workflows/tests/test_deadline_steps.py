"""Step deadlines and the intake deadline as pure functions (workflows/deadlines/steps.py):
the worked examples of the docstrings, checked."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from tests.architecture.imports import import_graph
from workflows.deadlines.shares import DEFAULT_STEP_SHARES, Step, StepShares, share_problems
from workflows.deadlines.steps import (
    intake_due,
    intake_is_late,
    intake_late_threshold,
    legal_working_time,
    step_allowance,
    step_due,
    step_for_state,
    working_day_length,
)
from workflows.models import DeskSettings
from workflows.timing import ProcessingTime

from .helpers import at

DESK = DeskSettings()
THREE_DAYS = ProcessingTime("working_days", 3)
EIGHT_HOURS = ProcessingTime("working_hours", 8)
SAME_DAY = ProcessingTime("same_day")


def minutes(value: int) -> datetime.timedelta:
    return datetime.timedelta(minutes=value)


def test_a_working_day_is_the_two_sessions():
    assert working_day_length(desk_settings=DESK) == minutes(450)  # 4 h + 3 h 30 min
    short = DeskSettings(afternoon_end=datetime.time(16, 30))
    assert working_day_length(desk_settings=short) == minutes(420)


@pytest.mark.parametrize(
    ("processing_time", "expected"),
    [
        (THREE_DAYS, minutes(22 * 60 + 30)),
        (EIGHT_HOURS, minutes(8 * 60)),
        (ProcessingTime("working_hours", Decimal("1.5")), minutes(90)),
        (SAME_DAY, minutes(450)),
    ],
)
def test_legal_working_time(processing_time, expected):
    assert legal_working_time(processing_time=processing_time, desk_settings=DESK) == expected


@pytest.mark.parametrize(
    ("processing_time", "share", "expected"),
    [
        (THREE_DAYS, 60, minutes(13 * 60 + 30)),  # processing
        (THREE_DAYS, 10, minutes(2 * 60 + 15)),  # receive
        (THREE_DAYS, 20, minutes(4 * 60 + 30)),  # approve
        (EIGHT_HOURS, 20, minutes(96)),  # 1 h 36 min
        (SAME_DAY, 10, minutes(45)),
        (ProcessingTime("working_hours", Decimal("1.5")), 10, minutes(9)),
        (ProcessingTime("working_hours", Decimal("1.5")), 1, minutes(1)),  # never zero
        (THREE_DAYS, 0, minutes(0)),
    ],
)
def test_a_steps_allowance_is_its_share_of_the_legal_time(processing_time, share, expected):
    assert (
        step_allowance(processing_time=processing_time, share=share, desk_settings=DESK) == expected
    )


def test_the_default_shares_of_a_three_day_procedure_fit_in_its_legal_time():
    allowances = [
        step_allowance(processing_time=THREE_DAYS, share=share, desk_settings=DESK)
        for share in DEFAULT_STEP_SHARES.as_dict().values()
    ]
    assert sum(allowances, datetime.timedelta()) == minutes(22 * 60 + 30)


def test_a_step_is_due_after_its_allowance_of_working_time():
    monday_9 = at(2026, 3, 9, 9, 0)
    # Monday 09:00-11:30 and 13:30-17:00 (6 h) + Tuesday 7 h 30 min = 13 h 30 min.
    assert step_due(
        started_at=monday_9, allowance=minutes(810), pauses=[], desk_settings=DESK
    ) == at(2026, 3, 10, 17, 0)
    assert step_due(
        started_at=monday_9, allowance=minutes(135), pauses=[], desk_settings=DESK
    ) == at(2026, 3, 9, 11, 15)


def test_a_working_hours_procedure_step_skips_the_weekend():
    # 8 working hours, approval 20% = 1 h 36 min, from Friday 13/03/2026 16:30: 30 min on
    # Friday, 1 h 06 min from Monday 07:30.
    assert step_due(
        started_at=at(2026, 3, 13, 16, 30), allowance=minutes(96), pauses=[], desk_settings=DESK
    ) == at(2026, 3, 16, 8, 36)


def test_supplement_waiting_does_not_count():
    started, allowance = at(2026, 3, 9, 9, 0), minutes(135)
    paused = at(2026, 3, 9, 10, 0)  # 1 h used, 1 h 15 min left
    assert step_due(
        started_at=started,
        allowance=allowance,
        pauses=[(paused, at(2026, 3, 11, 14, 0))],
        desk_settings=DESK,
    ) == at(2026, 3, 11, 15, 15)
    # While the citizen completes the dossier the step has no due moment.
    assert (
        step_due(
            started_at=started, allowance=allowance, pauses=[(paused, None)], desk_settings=DESK
        )
        is None
    )
    # A pause over before the step started, or after it was due, changes nothing.
    earlier = (at(2026, 3, 6, 9, 0), at(2026, 3, 6, 10, 0))
    later = (at(2026, 3, 9, 14, 0), at(2026, 3, 12, 9, 0))
    assert step_due(
        started_at=started, allowance=allowance, pauses=[earlier, later], desk_settings=DESK
    ) == at(2026, 3, 9, 11, 15)


def test_two_pauses_each_carry_the_time_left():
    # 4 h 30 min from Monday 09:00: 1 h used, paused until Tuesday 09:00; 1 h more, paused
    # until Wednesday 13:30; 2 h 30 min left → Wednesday 16:00.
    pauses = [
        (at(2026, 3, 9, 10, 0), at(2026, 3, 10, 9, 0)),
        (at(2026, 3, 10, 10, 0), at(2026, 3, 11, 13, 30)),
    ]
    assert step_due(
        started_at=at(2026, 3, 9, 9, 0), allowance=minutes(270), pauses=pauses, desk_settings=DESK
    ) == at(2026, 3, 11, 16, 0)


@pytest.mark.parametrize(
    ("state", "step"),
    [
        ("draft", None),
        ("submitted", Step.RECEIVE),
        ("supplement_requested", Step.RECEIVE),
        ("received", Step.RECEIVE),
        ("in_processing", Step.PROCESS),
        ("transferred", Step.PROCESS),
        ("field_inspection", Step.PROCESS),  # a plugin's own state
        ("awaiting_approval", Step.APPROVE),
        ("result_ready", Step.RETURN),
        ("returned", None),
        ("refused", None),
        ("withdrawn", None),
    ],
)
def test_the_step_of_each_state(state, step):
    assert step_for_state(state) == step


# -- the intake deadline --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        (at(2026, 3, 9, 10, 0), at(2026, 3, 10, 17, 0)),  # Monday → Tuesday
        (at(2026, 3, 13, 18, 0), at(2026, 3, 17, 17, 0)),  # Friday evening counts as Monday
        (at(2026, 2, 13, 10, 0), at(2026, 2, 23, 17, 0)),  # before Tết → after it
    ],
)
def test_intake_due_is_the_end_of_the_next_working_day(submitted, due):
    assert intake_due(submitted_at=submitted, desk_settings=DESK) == due


def test_intake_is_late_after_its_due_moment():
    monday = at(2026, 3, 9, 10, 0)
    assert not intake_is_late(
        submitted_at=monday, acted_at=at(2026, 3, 10, 16, 59), desk_settings=DESK
    )
    assert not intake_is_late(
        submitted_at=monday, acted_at=at(2026, 3, 10, 17, 0), desk_settings=DESK
    )
    assert intake_is_late(submitted_at=monday, acted_at=at(2026, 3, 11, 7, 30), desk_settings=DESK)


def test_intake_late_threshold_examples():
    assert intake_late_threshold(now=at(2026, 3, 11, 10, 0), desk_settings=DESK) == at(
        2026, 3, 9, 17, 0
    )
    assert intake_late_threshold(now=at(2026, 3, 10, 17, 0), desk_settings=DESK) == at(
        2026, 3, 6, 17, 0
    )


def test_intake_late_threshold_agrees_with_the_rule_everywhere():
    """The SQL bound and the rule it stands for give the same answer for every pair of moments
    over three weeks around a weekend and Tết's eve (lunch breaks, evenings, Saturdays)."""
    start = at(2026, 2, 5, 6, 0)
    submissions = [start + datetime.timedelta(minutes=133 * i) for i in range(150)]
    nows = [start + datetime.timedelta(minutes=197 * i) for i in range(140)]
    for now in nows:
        threshold = intake_late_threshold(now=now, desk_settings=DESK)
        for submitted in submissions:
            if submitted > now:
                continue
            rule = intake_is_late(submitted_at=submitted, acted_at=now, desk_settings=DESK)
            assert (submitted < threshold) == rule, (submitted, now)


# -- the shares -----------------------------------------------------------------------------------


def test_share_problems_examples():
    assert share_problems(DEFAULT_STEP_SHARES.as_dict(), (5, 80)) == []
    four = {"receive": 10, "process": 60, "approve": 20, "return_result": 5}
    assert share_problems(four, (5, 80)) == ["the step shares add up to 95%, not 100%"]
    assert share_problems({**four, "return_result": 10, "receive": 2, "process": 68}, (5, 80)) == [
        "the share of 'receive' (2%) is outside 5–80%"
    ]
    assert "no share for step(s) return_result" in share_problems(
        {"receive": 10, "process": 70, "approve": 20}, None
    )


def test_step_shares_refuse_an_inconsistent_declaration():
    with pytest.raises(ValueError, match="add up to 90%"):
        StepShares(receive=10, process=50, approve=20, return_result=10)
    with pytest.raises(ValueError, match="outside 5–80%"):
        StepShares(receive=2, process=68, approve=20, return_result=10)
    fixed = StepShares(receive=2, process=68, approve=20, return_result=10, limits=None)
    assert fixed.share_of(Step.RECEIVE) == 2


def test_a_locality_s_own_shares_replace_the_declared_ones():
    local = {"receive": 5, "process": 50, "approve": 30, "return_result": 15}
    assert DEFAULT_STEP_SHARES.with_local(local).as_dict() == local
    assert DEFAULT_STEP_SHARES.with_local(None) is DEFAULT_STEP_SHARES


def test_the_shares_are_a_leaf_the_plugin_contract_can_import():
    """`procedure_plugins.contract` imports `StepShares`; the models import the contract's
    registry: the shares must import nothing of the project, or the layers would cycle."""
    graph = import_graph()
    assert graph["workflows.deadlines.shares"] == set()
    assert graph["workflows.deadlines"] == set()
