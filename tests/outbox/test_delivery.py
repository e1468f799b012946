"""The outbox in-process (eager, as `make run` sends): every event's e-mail arrives at a real SMTP
server in Vietnamese, failures are recorded with their reason and retried, nothing is sent twice."""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from outbox.channels import message_id
from outbox.choices import Channel, MessageState
from outbox.models import Message
from outbox.services import message_enqueue
from outbox.tasks import deliver
from workflows import clock, services
from workflows.notifications import notify_applicant, notify_officers
from workflows.tests.factories import make_dossier
from workflows.tests.helpers import APPROVAL, AT_DESK, HOUSEHOLD_BUSINESS, at

pytestmark = pytest.mark.django_db


def _walk_to_returned(dossier, officers):
    desk, specialist = officers["receiving_officer"], officers["specialist"]
    dossier = services.dossier_receive(dossier=dossier, user=desk)
    dossier = services.dossier_forward(dossier=dossier, user=desk)
    dossier = services.dossier_submit_for_approval(dossier=dossier, user=specialist)
    dossier = services.dossier_approve(dossier=dossier, user=officers["leader"], **APPROVAL)
    return services.dossier_return_result(
        dossier=dossier, user=officers["returning_officer"], **AT_DESK
    )


def test_every_event_reaches_the_mail_server_in_vietnamese_with_the_locality_as_sender(
    tu_ky, offered, citizen, officers, mailbox, dossier_media, django_capture_on_commit_callbacks
):
    with clock.frozen_at(at(2026, 3, 9, 9, 0)), django_capture_on_commit_callbacks(execute=True):
        copy = make_dossier(applicant=citizen)
        notify_applicant(dossier=copy, kind="submitted")
        copy = services.dossier_request_supplement(
            dossier=copy,
            user=officers["receiving_officer"],
            reason="Thiếu bản sao giấy chứng nhận quyền sử dụng đất.",
        )
        services.dossier_resubmit(dossier=copy, user=citizen, note="Đã nộp bản sao.")
        dossier = make_dossier(applicant=citizen, procedure_code=HOUSEHOLD_BUSINESS)
        dossier = _walk_to_returned(dossier, officers)
        refused = make_dossier(applicant=citizen, procedure_code=HOUSEHOLD_BUSINESS)
        services.dossier_refuse_reception(
            dossier=refused, user=officers["receiving_officer"], reason="Không thuộc thẩm quyền."
        )
    subjects = [str(message["Subject"]).strip() for message in mailbox.messages]
    expected = [
        "Đã nhận hồ sơ nộp trực tuyến",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ",
        "Đã nhận hồ sơ nộp bổ sung",
        "Hồ sơ đã được tiếp nhận",
        "Đã có kết quả giải quyết",
        "Đã trả kết quả",
        "Hồ sơ bị từ chối tiếp nhận",
    ]
    assert len(subjects) == len(expected), subjects
    for subject, words in zip(subjects, expected, strict=True):
        assert subject.startswith(f"[Xã Tứ Kỳ] {words}"), subject
    by_subject = {
        str(m["Subject"]).strip().split("] ")[1].split(" – ")[0]: m for m in mailbox.messages
    }
    supplement = by_subject["Yêu cầu bổ sung, hoàn thiện hồ sơ"].get_body(("plain",)).get_content()
    assert "Kính gửi Nguyễn Văn An," in supplement
    assert "Nội dung cần bổ sung: Thiếu bản sao giấy chứng nhận quyền sử dụng đất." in supplement
    received = by_subject["Hồ sơ đã được tiếp nhận"].get_body(("plain",)).get_content()
    assert "Ngày hẹn trả kết quả:" in received and dossier.code in received
    ready = by_subject["Đã có kết quả giải quyết"].get_body(("plain",)).get_content()
    assert "Mời bạn mang giấy tờ tùy thân đến Bộ phận Một cửa để nhận kết quả." in ready
    refusal = by_subject["Hồ sơ bị từ chối tiếp nhận"].get_body(("plain",)).get_content()
    assert "Lý do: Không thuộc thẩm quyền." in refusal
    assert all("Xã Tứ Kỳ" in str(m["From"]) for m in mailbox.messages)
    assert all(m["To"] == "an.nguyen@example.com" for m in mailbox.messages)
    rows = Message.objects.filter(channel=Channel.EMAIL)
    assert {row.state for row in rows} == {MessageState.SENT}
    assert {row.attempts for row in rows} == {1}
    # The Message-ID is the row's key: the same at every attempt, for receivers to de-duplicate.
    assert sorted(mailbox.message_ids()) == sorted(message_id(row.key) for row in rows)


def test_a_refusing_mail_server_is_recorded_retried_and_delivered_once(
    tu_ky, offered, citizen, mailbox, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_RETRY_BASE_SECONDS = 0  # the retry is due at once, for the sweep below
    mailbox.refuse = 1
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(applicant=citizen)
        notify_applicant(dossier=dossier, kind="submitted")
    message = Message.objects.get(dossier=dossier, channel=Channel.EMAIL)
    assert message.state == MessageState.FAILED and message.attempts == 1
    assert "451" in message.last_error and "try again later" in message.last_error
    assert mailbox.messages == []
    call_command("outbox_sweep", stdout=open("/dev/null", "w"))  # noqa: SIM115
    message.refresh_from_db()
    assert (message.state, message.attempts, message.retries) == (MessageState.SENT, 2, 1)
    assert len(mailbox.messages) == 1
    # Delivering a sent message again (a task redelivered by the broker) sends nothing.
    assert deliver(message.pk) == "skipped"
    call_command("outbox_sweep", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mailbox.messages) == 1


def test_a_rejected_address_stops_at_once_and_other_messages_still_leave(
    tu_ky, citizen, mailbox, django_capture_on_commit_callbacks
):
    mailbox.reject = {"khong-ton-tai@example.com"}
    with django_capture_on_commit_callbacks(execute=True):
        bad = message_enqueue(
            channel=Channel.EMAIL, kind="test", recipient="khong-ton-tai@example.com",
            key="t:bad", subject="Thử", body="Nội dung",
        )  # fmt: skip
        good = message_enqueue(
            channel=Channel.EMAIL, kind="test", recipient="an@example.com",
            key="t:good", subject="Thử", body="Nội dung",
        )  # fmt: skip
    bad.refresh_from_db(), good.refresh_from_db()
    assert bad.state == MessageState.GIVEN_UP and "550" in bad.last_error
    assert good.state == MessageState.SENT
    assert [m["To"] for m in mailbox.messages] == ["an@example.com"]


def test_the_same_key_is_one_message_sent_once(tu_ky, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            message_enqueue(
                channel=Channel.EMAIL, kind="test", recipient="an@example.com", key="t:once",
                subject="Một lần", body="Chỉ một thư",
            )  # fmt: skip
    assert Message.objects.filter(key="t:once").count() == 1
    assert len(mailbox.messages) == 1


def test_a_rolled_back_change_sends_nothing(tu_ky, mailbox, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        message_enqueue(
            channel=Channel.EMAIL, kind="test", recipient="an@example.com", key="t:rb",
            subject="Không gửi", body="…",
        )  # fmt: skip
        raise RuntimeError("the dossier change failed")
    assert not Message.objects.filter(key="t:rb").exists()
    assert mailbox.messages == []


def test_sms_through_the_http_gateway_500_then_recovers_and_400_is_given_up(
    tu_ky, citizen, sms_gateway, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    citizen.phone = "0912345678"
    citizen.save()
    sms_gateway.answers = [500]
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(applicant=citizen)
        notify_applicant(dossier=dossier, kind="submitted")
    sms = Message.objects.get(dossier=dossier, channel=Channel.SMS)
    assert sms.state == MessageState.FAILED and "HTTP 500" in sms.last_error
    call_command("outbox_sweep", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sms.refresh_from_db()
    assert sms.state == MessageState.SENT and sms.attempts == 2
    first, second = sms_gateway.requests
    assert first["json"] == second["json"]  # the same request id both times
    assert second["json"]["to"] == "0912345678"
    assert second["json"]["request_id"] == sms.key
    assert dossier.code in second["json"]["content"]
    assert second["headers"]["Authorization"] == "Bearer khoa-thu"
    sms_gateway.answers = [400]
    with django_capture_on_commit_callbacks(execute=True):
        notify_applicant(dossier=dossier, kind="withdrawn")
    refused = Message.objects.get(dossier=dossier, channel=Channel.SMS, kind="withdrawn")
    assert refused.state == MessageState.GIVEN_UP and "HTTP 400" in refused.last_error


def test_officers_are_warned_once_per_occasion(
    tu_ky, citizen, officers, mailbox, django_capture_on_commit_callbacks
):
    dossier = make_dossier(applicant=citizen)
    specialist = officers["specialist"]
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):  # the daily job running twice
            notify_officers(
                officers=[specialist], dossier=dossier, kind="due_tomorrow", once_per="2026-03-12"
            )
    (warning,) = mailbox.messages
    assert "Hồ sơ đến hạn giải quyết vào ngày mai" in str(warning["Subject"])
    text = warning.get_body(("plain",)).get_content()
    assert f"Kính gửi {specialist.full_name}," in text
    assert "Mở hồ sơ tại bàn làm việc:" in text and "/ho-so/can-bo/" in text


def test_a_citizen_who_turned_email_off_in_the_profile_gets_none(
    tu_ky, citizen, host_client, mailbox, django_capture_on_commit_callbacks
):
    client = host_client(tu_ky)
    client.force_login(citizen)
    page = client.get("/tai-khoan/thong-tin-ca-nhan/").content.decode()
    assert "Nhận thông báo về hồ sơ qua thư điện tử" in page
    answer = client.post(
        "/tai-khoan/thong-tin-ca-nhan/",
        {
            "full_name": citizen.full_name,
            "id_number": citizen.id_number,
            "date_of_birth": citizen.date_of_birth.strftime("%d/%m/%Y"),
            "address": citizen.address,
            "phone": citizen.phone,
            "email": citizen.email,
            "notify_by_sms": "on",  # e-mail left unticked
        },
    )
    assert answer.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.notify_by_email, citizen.notify_by_sms) == (False, True)
    connection.set_tenant(tu_ky)
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(applicant=citizen)
        notify_applicant(dossier=dossier, kind="submitted")
    assert not Message.objects.filter(dossier=dossier, channel=Channel.EMAIL).exists()
    assert mailbox.messages == []


def test_a_silent_mail_server_times_out_and_is_recorded_not_waited_for(
    tu_ky, mailbox, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_TIMEOUT = 1
    mailbox.delay = 3  # answers DATA only after three seconds
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        message = message_enqueue(
            channel=Channel.EMAIL, kind="test", recipient="an@example.com", key="t:slow",
            subject="Chậm", body="Máy chủ thư trả lời chậm",
        )  # fmt: skip
    assert time.monotonic() - started < 2.5
    message.refresh_from_db()
    assert message.state == MessageState.FAILED and "timed out" in message.last_error
