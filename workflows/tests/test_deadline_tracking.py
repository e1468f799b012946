"""Step records written as a dossier goes through the desk, the intake-late mark, and the desk
page's steps table (workflows/deadlines/tracking.py, selectors.py, the `dossier_deadlines` tag)."""

from __future__ import annotations

import datetime

import pytest

from procedure_plugins.models import ProcedureOffering
from procedure_plugins.services import offering_set_step_shares
from workflows import clock, services
from workflows.choices import Intake
from workflows.deadlines.selectors import (
    dossier_steps,
    intake_late_dossiers,
    intake_late_recorded,
)
from workflows.models import DossierDeadline

from .factories import make_dossier
from .helpers import (
    APPROVAL,
    AT_DESK,
    HOUSEHOLD_BUSINESS,
    answers_from_post,
    at,
    household_business_post,
    text_of,
)

pytestmark = pytest.mark.usefixtures("dossier_media")


def household_business(citizen, **fields):
    """A household-business registration (3 working days) submitted now on the clock."""
    answers = answers_from_post(HOUSEHOLD_BUSINESS, household_business_post())
    return make_dossier(
        applicant=citizen, procedure_code=HOUSEHOLD_BUSINESS, answers=answers, **fields
    )


def rows(dossier):
    return [
        (s.step, s.started_at, s.due_at, s.finished_at, s.timeliness, s.officer_name)
        for s in dossier_steps(dossier)
    ]


def walk_household_business(officers, citizen):
    """3 working days (22 h 30 min), default shares 10/60/20/10: receive 2 h 15 min, process
    13 h 30 min, approve 4 h 30 min, return 2 h 15 min."""
    with clock.frozen_at(at(2026, 3, 9, 9, 0)):  # Monday
        dossier = household_business(citizen)
    with clock.frozen_at(at(2026, 3, 9, 10, 0)):
        dossier = services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
    with clock.frozen_at(at(2026, 3, 9, 11, 0)):
        dossier = services.dossier_forward(dossier=dossier, user=officers["receiving_officer"])
    with clock.frozen_at(at(2026, 3, 10, 15, 0)):  # Tuesday
        dossier = services.dossier_submit_for_approval(dossier=dossier, user=officers["specialist"])
    with clock.frozen_at(at(2026, 3, 11, 14, 0)):  # Wednesday
        dossier = services.dossier_approve(dossier=dossier, user=officers["leader"], **APPROVAL)
    with clock.frozen_at(at(2026, 3, 11, 16, 0)):
        dossier = services.dossier_return_result(
            dossier=dossier, user=officers["returning_officer"], **AT_DESK
        )
    return dossier


def test_each_step_is_recorded_early_on_time_or_late(tu_ky, offered, citizen, officers):
    dossier = walk_household_business(officers, citizen)
    assert rows(dossier) == [
        # due Monday 11:15, forwarded 11:00 the same day
        ("receive", at(2026, 3, 9, 9, 0), at(2026, 3, 9, 11, 15), at(2026, 3, 9, 11, 0),
         "on_time", "Trần Thị Bình"),
        # Monday 11:00 + 13 h 30 min → Wednesday 09:30; done Tuesday
        ("process", at(2026, 3, 9, 11, 0), at(2026, 3, 11, 9, 30), at(2026, 3, 10, 15, 0),
         "early", "Phạm Thị Dung"),
        # Tuesday 15:00 + 4 h 30 min → Wednesday 10:00; approved 14:00
        ("approve", at(2026, 3, 10, 15, 0), at(2026, 3, 11, 10, 0), at(2026, 3, 11, 14, 0),
         "late", "Lê Văn Cường"),
        # Wednesday 14:00 + 2 h 15 min → 16:15; returned 16:00
        ("return_result", at(2026, 3, 11, 14, 0), at(2026, 3, 11, 16, 15),
         at(2026, 3, 11, 16, 0), "on_time", "Vũ Thị Lan"),
    ]  # fmt: skip
    assert dossier.steps.get(step="approve").officer == officers["leader"]


def test_a_dossier_sent_back_opens_a_new_processing_step(tu_ky, offered, citizen, officers):
    with clock.frozen_at(at(2026, 3, 9, 9, 0)):
        dossier = household_business(citizen)
        dossier = services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
        dossier = services.dossier_forward(dossier=dossier, user=officers["receiving_officer"])
    with clock.frozen_at(at(2026, 3, 9, 14, 0)):
        dossier = services.dossier_submit_for_approval(dossier=dossier, user=officers["specialist"])
    with clock.frozen_at(at(2026, 3, 9, 15, 0)):
        dossier = services.dossier_send_back(
            dossier=dossier, user=officers["leader"], reason="Bổ sung ngành nghề"
        )
    steps = dossier_steps(dossier)
    assert [(s.step, s.finished_at is None) for s in steps] == [
        ("receive", False),
        ("process", False),
        ("approve", False),
        ("process", True),
    ]
    assert steps[-1].started_at == at(2026, 3, 9, 15, 0)
    # Monday 2 h + Tuesday 7 h 30 min + Wednesday 4 h: due at the morning's end, 11:30
    assert steps[-1].due_at == at(2026, 3, 11, 11, 30)


def test_supplement_waiting_does_not_count_against_the_receive_step(
    tu_ky, offered, citizen, officers
):
    with clock.frozen_at(at(2026, 3, 9, 9, 0)):
        dossier = household_business(citizen)
    (receive,) = dossier_steps(dossier)
    assert receive.due_at == at(2026, 3, 9, 11, 15)
    with clock.frozen_at(at(2026, 3, 9, 10, 0)):  # 1 h of the 2 h 15 min used
        dossier = services.dossier_request_supplement(
            dossier=dossier, user=officers["receiving_officer"], reason="Thiếu biên bản họp"
        )
    (receive,) = dossier_steps(dossier)
    assert receive.due_at is None and receive.finished_at is None  # the clock is stopped
    with clock.frozen_at(at(2026, 3, 11, 14, 0)):  # Wednesday: 1 h 15 min left
        dossier = services.dossier_resubmit(dossier=dossier, user=citizen, note="Đã bổ sung")
    (receive,) = dossier_steps(dossier)
    assert receive.due_at == at(2026, 3, 11, 15, 15)
    with clock.frozen_at(at(2026, 3, 11, 14, 30)):
        dossier = services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
    with clock.frozen_at(at(2026, 3, 11, 15, 0)):
        dossier = services.dossier_forward(dossier=dossier, user=officers["receiving_officer"])
    receive, process = dossier_steps(dossier)
    # Without the pause it would have been due Monday 11:15 and be two days late.
    assert (receive.due_at, receive.timeliness) == (at(2026, 3, 11, 15, 15), "on_time")
    assert process.finished_at is None and process.step == "process"


def test_a_supplement_asked_before_the_clock_started_counts_from_the_complete_dossier(
    tu_ky, offered, citizen, officers
):
    """Submitted Saturday (the clock would start Monday 07:30), supplement asked the same
    Saturday (it stops nothing, no pause), answered Tuesday 10:00: the clock, and the receive
    step's 2 h 15 min, count from then → due Tuesday 14:15, not Monday 09:45."""
    with clock.frozen_at(at(2026, 3, 7, 10, 0)):
        dossier = household_business(citizen)
    with clock.frozen_at(at(2026, 3, 7, 11, 0)):
        dossier = services.dossier_request_supplement(
            dossier=dossier, user=officers["receiving_officer"], reason="Thiếu giấy tờ"
        )
    assert not dossier.pauses.exists()
    with clock.frozen_at(at(2026, 3, 10, 10, 0)):
        dossier = services.dossier_resubmit(dossier=dossier, user=citizen, note="Đã bổ sung")
    (receive,) = dossier_steps(dossier)
    assert receive.due_at == at(2026, 3, 10, 14, 15)
    with clock.frozen_at(at(2026, 3, 10, 14, 0)):
        dossier = services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
        dossier = services.dossier_forward(dossier=dossier, user=officers["receiving_officer"])
    receive, _process = dossier_steps(dossier)
    assert (receive.due_at, receive.timeliness) == (at(2026, 3, 10, 14, 15), "on_time")


def test_a_refusal_at_the_desk_closes_the_receive_step(tu_ky, offered, citizen, officers):
    with clock.frozen_at(at(2026, 3, 9, 9, 0)):
        dossier = household_business(citizen)
    with clock.frozen_at(at(2026, 3, 10, 9, 0)):
        dossier = services.dossier_refuse_reception(
            dossier=dossier, user=officers["receiving_officer"], reason="Không thuộc thẩm quyền"
        )
    (receive,) = dossier_steps(dossier)
    assert (receive.finished_at, receive.timeliness) == (at(2026, 3, 10, 9, 0), "late")


def test_a_locality_s_own_shares_give_the_steps_their_time(
    tu_ky, demo_localities, offered, citizen, officers
):
    offering = ProcedureOffering.objects.get(locality=tu_ky, procedure_code=HOUSEHOLD_BUSINESS)
    offering_set_step_shares(
        offering=offering,
        shares={"receive": 20, "process": 50, "approve": 20, "return_result": 10},
    )
    with clock.frozen_at(at(2026, 3, 9, 9, 0)):
        dossier = household_business(citizen)
    (receive,) = dossier_steps(dossier)
    # 20% of 22 h 30 min = 4 h 30 min: Monday 09:00-11:30, then 13:30 → 15:30
    assert (receive.share, receive.due_at) == (20, at(2026, 3, 9, 15, 30))


# -- the intake deadline --------------------------------------------------------------------------


def test_an_online_dossier_received_after_a_working_day_is_marked_late(
    tu_ky, offered, citizen, officers
):
    with clock.frozen_at(at(2026, 3, 9, 10, 0)):  # Monday: due Tuesday 17:00
        late = household_business(citizen)
        in_time = household_business(citizen)
        counter = household_business(citizen, intake=Intake.COUNTER)
        national = household_business(citizen, intake=Intake.NATIONAL_PORTAL)
    with clock.frozen_at(at(2026, 3, 10, 16, 30)):
        services.dossier_receive(dossier=in_time, user=officers["receiving_officer"])
    with clock.frozen_at(at(2026, 3, 11, 10, 0)):  # Wednesday
        # Still waiting: the inbox's selector finds the online ones, not the counter dossier.
        assert set(intake_late_dossiers()) == {late, national}
        services.dossier_receive(dossier=late, user=officers["receiving_officer"])
        services.dossier_request_supplement(
            dossier=national, user=officers["receiving_officer"], reason="Thiếu giấy tờ"
        )
        services.dossier_receive(dossier=counter, user=officers["receiving_officer"])
        assert not intake_late_dossiers().exists()
    assert set(intake_late_recorded()) == {late, national}
    assert DossierDeadline.objects.get(dossier=late).intake_late_at == at(2026, 3, 11, 10, 0)


def test_the_intake_deadline_counts_from_the_resubmission(tu_ky, offered, citizen, officers):
    with clock.frozen_at(at(2026, 3, 9, 10, 0)):
        dossier = household_business(citizen)
        dossier = services.dossier_request_supplement(
            dossier=dossier, user=officers["receiving_officer"], reason="Thiếu giấy tờ"
        )
    with clock.frozen_at(at(2026, 3, 12, 9, 0)):  # Thursday: the desk has until Friday 17:00
        dossier = services.dossier_resubmit(dossier=dossier, user=citizen, note="Đã bổ sung")
    with clock.frozen_at(at(2026, 3, 13, 16, 0)):
        assert not intake_late_dossiers().exists()
        services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
    assert not intake_late_recorded().exists()


# -- the desk page --------------------------------------------------------------------------------


def test_the_desk_page_shows_each_step_s_timeliness(
    tu_ky, offered, citizen, officers, host_client, chu_puh
):
    dossier = walk_household_business(officers, citizen)
    DossierDeadline.objects.create(dossier=dossier, intake_late_at=at(2026, 3, 11, 10, 0))
    client = host_client(tu_ky)
    client.force_login(officers["leader"])
    page = client.get(f"/ho-so/can-bo/{dossier.reference}/")
    assert page.status_code == 200
    text = text_of(page)
    assert "Thời hạn từng bước" in text
    for words in ("Tiếp nhận (10%)", "Xử lý (60%)", "Phê duyệt (20%)", "Trả kết quả (10%)"):
        assert words in text
    assert "Trước hạn" in text and "Đúng hạn" in text and "Quá hạn" in text
    assert "10:00 ngày 11/03/2026" in text  # the approval step's due moment
    assert "Chậm tiếp nhận" in text
    # Another locality's host does not know the dossier.
    other = host_client(chu_puh)
    other.force_login(officers["leader"])
    assert other.get(f"/ho-so/can-bo/{dossier.reference}/").status_code in (403, 404)


def test_step_due_moments_are_timezone_aware(tu_ky, offered, citizen, officers):
    with clock.frozen_at(at(2026, 3, 9, 9, 0)):
        dossier = household_business(citizen)
    (receive,) = dossier_steps(dossier)
    assert receive.allowance == datetime.timedelta(hours=2, minutes=15)
    assert receive.due_at.utcoffset() is not None
