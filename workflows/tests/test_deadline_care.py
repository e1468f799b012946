"""The daily deadline care (workflows/deadlines/care.py, tasks.py, `manage.py deadline_care`):
who is warned of what, marks given once, escalation configured or not, one locality's run
never touching another's dossiers."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django_tenants.utils import tenant_context

from cms.tests.conftest import eager_celery  # noqa: F401 - the fixture, shared
from identity.tests.factories import make_user
from outbox.choices import Channel, MessageState
from outbox.models import Message
from staff.object_access import grant_dossier_access
from staff.roles import Role, role_group
from tests.outbox.conftest import mailbox  # noqa: F401 - the fixture: a real SMTP server
from workflows import clock, services
from workflows.deadlines.care import care_run
from workflows.deadlines.selectors import (
    escalated_dossiers,
    overdue_marked_dossiers,
    step_over_share_dossiers,
)
from workflows.deadlines.services import deadline_care_configure
from workflows.deadlines.tasks import deadline_care_batch, deadline_care_dispatch
from workflows.deadlines.warnings import DeadlineWarning, WarningKind, warn_officers
from workflows.models import DeadlineCareSettings, Dossier, DossierDeadline, DossierStep

from .factories import make_dossier
from .helpers import (
    APPROVAL,
    AT_DESK,
    HOUSEHOLD_BUSINESS,
    answers_from_post,
    as_if_committed,
    at,
    household_business_post,
    text_of,
)

pytestmark = pytest.mark.usefixtures("dossier_media")

#: Wednesday 11/03/2026 06:30, before the desk opens: the next working day is Thursday 12/03.
CARE_AT = at(2026, 3, 11, 6, 30)


def household_business(citizen, *, submitted):
    answers = answers_from_post(HOUSEHOLD_BUSINESS, household_business_post())
    with clock.frozen_at(submitted):
        return make_dossier(applicant=citizen, procedure_code=HOUSEHOLD_BUSINESS, answers=answers)


@pytest.fixture
def desk(tu_ky, offered, citizen, officers):
    """Tứ Kỳ's dossiers on Wednesday morning (3 working days each, default step shares):

    - `due_tomorrow`: submitted and received Monday 09/03 09:00 (due Thursday 12/03 17:00),
      forwarded at once and assigned to the specialist; its processing step (13 h 30 min) was
      due Tuesday 17:00;
    - `overdue`: submitted and received Thursday 05/03 09:00 (due Tuesday 10/03 17:00), not
      forwarded, assigned to no one (its receive step was due that Thursday 11:15);
    - `done`: an old dossier returned long ago.
    """
    received = officers["receiving_officer"]
    due_tomorrow = household_business(citizen, submitted=at(2026, 3, 9, 9, 0))
    with clock.frozen_at(at(2026, 3, 9, 9, 0)):
        due_tomorrow = services.dossier_receive(dossier=due_tomorrow, user=received)
        due_tomorrow = services.dossier_forward(dossier=due_tomorrow, user=received)
    # An assignment is an object permission on the dossier row (not on a plugin's proxy).
    grant_dossier_access(
        specialist=officers["specialist"], dossier=Dossier.objects.get(pk=due_tomorrow.pk)
    )
    overdue = household_business(citizen, submitted=at(2026, 3, 5, 9, 0))
    with clock.frozen_at(at(2026, 3, 5, 9, 0)):
        overdue = services.dossier_receive(dossier=overdue, user=received)
    done = household_business(citizen, submitted=at(2026, 2, 2, 9, 0))
    with clock.frozen_at(at(2026, 2, 2, 9, 0)):
        done = services.dossier_receive(dossier=done, user=received)
        done = services.dossier_forward(dossier=done, user=received)
        done = services.dossier_submit_for_approval(dossier=done, user=officers["specialist"])
        done = services.dossier_approve(dossier=done, user=officers["leader"], **APPROVAL)
        done = services.dossier_return_result(
            dossier=done, user=officers["returning_officer"], **AT_DESK
        )
    mail.outbox.clear()
    return {"due_tomorrow": due_tomorrow, "overdue": overdue, "done": done}


@pytest.fixture
def chu_puh_desk(chu_puh, offered, citizen, desk, use_locality, tu_ky):
    """An overdue dossier in Chư Pưh with its own receiving officer (then back in Tứ Kỳ)."""
    use_locality(chu_puh)
    officer = make_user(full_name="Rơ Châm Hiếu", email="hieu@chupuh.example")
    officer.groups.add(role_group(Role.RECEIVING_OFFICER))
    dossier = household_business(citizen, submitted=at(2026, 3, 5, 9, 0))
    with clock.frozen_at(at(2026, 3, 5, 9, 0)):
        dossier = services.dossier_receive(dossier=dossier, user=officer)
    mail.outbox.clear()
    use_locality(tu_ky)
    return {"officer": officer, "dossier": dossier}


def sent() -> dict[tuple[str, str], str]:
    """(recipient, subject without the locality) → body, for every e-mail sent."""
    return {
        (message.to[0], message.subject.split("] ", 1)[1]): message.body for message in mail.outbox
    }


def run_care(locality) -> object:
    with clock.frozen_at(CARE_AT), as_if_committed(locality):
        return care_run()


def test_the_inbox_finds_the_dossiers_whose_step_ran_over(tu_ky, desk):
    assert set(step_over_share_dossiers(now=CARE_AT)) == {desk["due_tomorrow"], desk["overdue"]}
    # Monday 10:00: the Thursday dossier's receive step was due Thursday 11:15 already; the
    # Monday dossier's processing step (due Tuesday 17:00) has time left.
    assert list(step_over_share_dossiers(now=at(2026, 3, 9, 10, 0))) == [desk["overdue"]]


def test_the_care_job_warns_the_officers_concerned(tu_ky, desk, officers):
    report = run_care(tu_ky)
    assert report.as_dict() == {
        "due_tomorrow": 1,
        "step_overruns": 2,
        "overdue_marked": 1,
        "escalated": 0,
        "messages": 4,
    }
    specialist = officers["specialist"].email
    receiving = officers["receiving_officer"].email
    messages = sent()
    assert set(messages) == {
        # assigned: only the specialist holding the dossier hears of it
        (specialist, "Hồ sơ đến hạn trả kết quả vào ngày làm việc tiếp theo"),
        (specialist, "Hồ sơ quá thời gian của bước xử lý"),
        # assigned to no one: the receiving officers, whose step it is
        (receiving, "Hồ sơ quá thời gian của bước xử lý"),
        (receiving, "Hồ sơ đã quá hạn trả kết quả"),
    }
    due_code, overdue_code = desk["due_tomorrow"].code, desk["overdue"].code
    body = messages[(specialist, "Hồ sơ đến hạn trả kết quả vào ngày làm việc tiếp theo")]
    assert due_code in body and "17:00 12/03/2026" in body and "Phạm Thị Dung" in body
    assert f"/ho-so/can-bo/{desk['due_tomorrow'].reference}/" in body
    assert "tu-ky" in body  # the link is on Tứ Kỳ's own host
    overrun = messages[(specialist, "Hồ sơ quá thời gian của bước xử lý")]
    assert "bước xử lý quá hạn từ 17:00 10/03/2026" in overrun and overdue_code not in overrun
    assert overdue_code in messages[(receiving, "Hồ sơ đã quá hạn trả kết quả")]
    assert list(overdue_marked_dossiers()) == [desk["overdue"]]
    assert not DossierDeadline.objects.filter(dossier=desk["done"]).exists()
    assert DossierStep.objects.filter(overrun_warned_at=CARE_AT).count() == 2
    # No escalation configured: the leader hears nothing and nothing shows as escalated.
    assert officers["leader"].email not in {message.to[0] for message in mail.outbox}
    assert not escalated_dossiers().exists()


def test_a_second_run_warns_no_one_again(tu_ky, desk):
    run_care(tu_ky)
    mail.outbox.clear()
    report = run_care(tu_ky)
    assert (report.step_overruns, report.overdue_marked, report.messages) == (0, 0, 0)
    assert mail.outbox == []


def test_escalation_offers_an_unassigned_dossier_to_the_leaders(
    tu_ky, desk, officers, citizen, host_client
):
    DeadlineCareSettings.objects.create(escalate_unassigned_after_hours=4)
    # Received Tuesday 15:00: 2 h of working time by Wednesday 06:30, not yet escalated.
    recent = household_business(citizen, submitted=at(2026, 3, 10, 15, 0))
    with clock.frozen_at(at(2026, 3, 10, 15, 0)):
        recent = services.dossier_receive(dossier=recent, user=officers["receiving_officer"])
    mail.outbox.clear()
    report = run_care(tu_ky)
    assert report.escalated == 1
    assert list(escalated_dossiers()) == [desk["overdue"]]  # assigned and recent ones are not
    marks = DossierDeadline.objects.get(dossier=desk["overdue"])
    assert marks.escalated_at == CARE_AT and marks.escalated_to == "Lê Văn Cường"
    body = sent()[(officers["leader"].email, "Hồ sơ chưa được phân công xử lý, chuyển lãnh đạo")]
    assert desk["overdue"].code in body and "chưa phân công sau 4 giờ làm việc" in body
    assert desk["due_tomorrow"].code not in body and recent.code not in body
    # The desk page shows it as escalated.
    client = host_client(tu_ky)
    client.force_login(officers["leader"])
    page = text_of(client.get(f"/ho-so/can-bo/{desk['overdue'].reference}/"))
    assert "Đã chuyển lãnh đạo" in page and "Lê Văn Cường" in page
    # Once only.
    mail.outbox.clear()
    assert run_care(tu_ky).escalated == 0


def test_one_locality_s_run_leaves_another_locality_alone(tu_ky, chu_puh, desk, chu_puh_desk):
    with clock.frozen_at(CARE_AT), as_if_committed():
        outcome = deadline_care_batch.apply(args=([tu_ky.schema_name],)).get()
    assert outcome[tu_ky.schema_name]["overdue_marked"] == 1
    assert chu_puh.schema_name not in outcome
    assert "hieu@chupuh.example" not in {message.to[0] for message in mail.outbox}
    with tenant_context(chu_puh):
        assert not DossierDeadline.objects.exists()
        assert not DossierStep.objects.filter(overrun_warned_at__isnull=False).exists()


def test_the_dispatcher_runs_every_locality_in_batches(
    tu_ky,
    chu_puh,
    desk,
    chu_puh_desk,
    eager_celery,  # noqa: F811 - the imported fixture
):
    connection.set_schema_to_public()
    with clock.frozen_at(CARE_AT), as_if_committed():
        batches = deadline_care_dispatch.apply(kwargs={"batch_size": 3}).get()
    assert batches == 2  # four demo localities, three per batch
    recipients = {message.to[0] for message in mail.outbox}
    assert "hieu@chupuh.example" in recipients
    for locality, dossier in ((tu_ky, desk["overdue"]), (chu_puh, chu_puh_desk["dossier"])):
        with tenant_context(locality):
            assert DossierDeadline.objects.get(dossier=dossier).overdue_marked_at == CARE_AT


def test_the_command_runs_the_care_job_now(tu_ky, chu_puh, desk, chu_puh_desk):
    out = io.StringIO()
    with clock.frozen_at(CARE_AT), as_if_committed():
        call_command("deadline_care", "--locality", tu_ky.schema_name, stdout=out)
    assert f"{tu_ky.schema_name}: due tomorrow 1, steps over their share 2" in out.getvalue()
    assert chu_puh.schema_name not in out.getvalue()
    assert len(mail.outbox) == 4


def test_a_locality_administrator_configures_escalation(tu_ky, chu_puh, officers, use_locality):
    admin = make_user(full_name="Đỗ Minh Quân")
    admin.groups.add(role_group(Role.LOCALITY_ADMIN))
    with pytest.raises(ValidationError) as refused:
        deadline_care_configure(actor=admin, escalate_unassigned_after_hours=0)
    assert "từ 1 đến 160" in refused.value.message_dict["escalate_unassigned_after_hours"][0]
    deadline_care_configure(actor=admin, escalate_unassigned_after_hours=8)
    assert DeadlineCareSettings.for_current_locality().escalate_unassigned_after_hours == 8
    # A desk officer of Tứ Kỳ may not; Tứ Kỳ's administrator is nobody in Chư Pưh.
    with pytest.raises(PermissionDenied):
        deadline_care_configure(actor=officers["leader"], escalate_unassigned_after_hours=None)
    use_locality(chu_puh)
    with pytest.raises(PermissionDenied):
        deadline_care_configure(actor=admin, escalate_unassigned_after_hours=2)
    assert DeadlineCareSettings.for_current_locality().escalate_unassigned_after_hours is None
    use_locality(tu_ky)
    deadline_care_configure(actor=admin, escalate_unassigned_after_hours=None)
    assert DeadlineCareSettings.for_current_locality().escalate_unassigned_after_hours is None
    assert DeadlineCareSettings.objects.count() == 1


def test_friday_s_warning_for_monday_is_not_repeated_at_the_weekend(tu_ky, offered, citizen):
    # Submitted Wednesday 11/03/2026, 3 working days: due Monday 16/03 17:00.
    dossier = household_business(citizen, submitted=at(2026, 3, 11, 9, 0))
    assert dossier.appointment_at == at(2026, 3, 16, 17, 0)
    days = {}
    for day in (13, 14, 15):  # Friday, Saturday, Sunday
        mail.outbox.clear()
        with clock.frozen_at(at(2026, 3, day, 6, 30)), as_if_committed(tu_ky):
            days[day] = care_run().due_tomorrow
    assert days == {13: 1, 14: 0, 15: 0}


def test_the_warnings_reach_a_real_mail_server_through_the_outbox(
    tu_ky,
    desk,
    officers,
    settings,
    mailbox,  # noqa: F811 - the imported fixture
):
    settings.OUTBOX_RETRY_BASE_SECONDS = 0  # the retry is due at once, for the sweep below
    mailbox.refuse = 1  # the mail server is busy at first: the care run is not disturbed
    report = run_care(tu_ky)
    assert report.messages == 4
    failed = Message.objects.get(state=MessageState.FAILED)
    assert failed.channel == Channel.EMAIL and "451" in failed.last_error
    assert len(mailbox.messages) == 3
    call_command("outbox_sweep", stdout=io.StringIO())  # what the beat's sweeper does
    arrived = {
        (str(m["To"]), str(m["Subject"]).strip()): m.get_body(("plain",)).get_content()
        for m in mailbox.messages
    }
    specialist = officers["specialist"].email
    assert set(arrived) == {
        (specialist, "[Xã Tứ Kỳ] Hồ sơ đến hạn trả kết quả vào ngày làm việc tiếp theo"),
        (specialist, "[Xã Tứ Kỳ] Hồ sơ quá thời gian của bước xử lý"),
        (officers["receiving_officer"].email, "[Xã Tứ Kỳ] Hồ sơ quá thời gian của bước xử lý"),
        (officers["receiving_officer"].email, "[Xã Tứ Kỳ] Hồ sơ đã quá hạn trả kết quả"),
    }
    body = arrived[(specialist, "[Xã Tứ Kỳ] Hồ sơ đến hạn trả kết quả vào ngày làm việc tiếp theo")]
    assert "Kính gửi Phạm Thị Dung," in body
    assert "Các hồ sơ dưới đây đến hạn trả kết quả vào ngày làm việc tiếp theo." in body
    assert f"- {desk['due_tomorrow'].code} · " in body and "hẹn trả: 17:00 12/03/2026" in body
    assert all("Xã Tứ Kỳ" in str(m["From"]) for m in mailbox.messages)
    assert len(set(mailbox.message_ids())) == 4  # each once, the refused one included
    emails = Message.objects.filter(channel=Channel.EMAIL, kind__startswith="care_")
    assert {m.kind for m in emails} == {"care_due_tomorrow", "care_step_overrun", "care_overdue"}
    assert all(m.state == MessageState.SENT for m in emails)
    # Each digest is also a notification on the portal, under the officer's header count.
    shown = Message.objects.filter(
        channel=Channel.PORTAL, kind__startswith="care_", recipient=str(officers["specialist"].pk)
    )
    assert shown.count() == 2 and all(m.state == MessageState.SENT for m in shown)


def test_a_digest_is_queued_once_per_officer_kind_and_day(tu_ky, desk, officers):
    warnings = [DeadlineWarning(dossier=desk["overdue"], detail="")]
    specialist = officers["specialist"]

    def warn(day):
        with clock.frozen_at(at(2026, 3, day, 6, 30)), as_if_committed(tu_ky):
            return warn_officers(officers=[specialist], kind=WarningKind.OVERDUE, warnings=warnings)

    assert (warn(11), warn(11), warn(12)) == (1, 0, 1)  # a second run that day warns no one
    assert len(mail.outbox) == 2
    assert Message.objects.filter(channel=Channel.EMAIL, kind="care_overdue").count() == 2
    # An officer without an address: the portal notification only.
    specialist.email = ""
    assert warn(13) == 0
    assert Message.objects.filter(channel=Channel.PORTAL, kind="care_overdue").count() == 3
