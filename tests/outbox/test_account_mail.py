"""The account e-mails (identity, public schema) leave through the locality's outbox when the
citizen registers on a locality's portal: a refusing mail server does not lose them."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from identity.tests.test_registration import post_registration
from outbox.choices import Channel, MessageState
from outbox.models import Message

pytestmark = pytest.mark.django_db


def test_a_confirmation_refused_by_the_mail_server_is_delivered_once_when_it_recovers(
    host_client, demo_localities, mailbox, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OUTBOX_RETRY_BASE_SECONDS = 0  # the retry is due at once, for the sweep below
    mailbox.refuse = 1
    client = host_client(demo_localities["tu_ky"])
    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(client, email="binh.tran@example.com")
    assert response.status_code == 302  # the registration stands, whatever the mail server says
    message = Message.objects.get(channel=Channel.EMAIL, kind="email_confirmation")
    assert message.state == MessageState.FAILED and "451" in message.last_error
    assert mailbox.messages == []
    call_command("outbox_sweep", stdout=io.StringIO())
    call_command("outbox_sweep", stdout=io.StringIO())  # a second sweep sends nothing more
    assert len(mailbox.messages) == 1
    arrived = mailbox.messages[0]
    assert arrived["To"] == "binh.tran@example.com" and "Xã Tứ Kỳ" in str(arrived["From"])
    assert "Xác nhận địa chỉ thư điện tử" in str(arrived["Subject"])
    assert "/tai-khoan/xac-nhan/" in arrived.get_body(("plain",)).get_content()
    message.refresh_from_db()
    assert (message.state, message.attempts) == (MessageState.SENT, 2)
