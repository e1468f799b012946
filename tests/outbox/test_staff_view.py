"""Staff see a dossier's messages with their state and reason, and re-send a failed one; only
officers of the dossier's own locality may."""

from __future__ import annotations

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from identity.tests.factories import make_user
from outbox.choices import Channel, MessageState
from outbox.models import Message
from staff.roles import Role, role_group
from workflows.notifications import notify_applicant
from workflows.tests.factories import make_dossier
from workflows.tests.helpers import as_if_committed, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_message(tu_ky, citizen, mailbox, django_capture_on_commit_callbacks):
    """A Tứ Kỳ dossier whose "submitted" e-mail the mail server refused once."""
    mailbox.refuse = 1
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(applicant=citizen)
        notify_applicant(dossier=dossier, kind="submitted")
    message = Message.objects.get(dossier=dossier, channel=Channel.EMAIL)
    assert message.state == MessageState.FAILED
    return message


def _page(dossier) -> str:
    return f"/thong-bao-gui-di/ho-so/{dossier.reference}/"


def test_an_officer_sees_the_failure_and_resends_it_once(
    failed_message, officers, host_client, tu_ky, mailbox
):
    dossier = failed_message.dossier
    client = host_client(tu_ky)
    client.force_login(officers["receiving_officer"])
    page = client.get(_page(dossier))
    assert page.status_code == 200
    text = text_of(page)
    assert "Gửi lỗi, sẽ gửi lại" in text and "451" in text and "an.nguyen@example.com" in text
    with as_if_committed(tu_ky):
        answer = client.post(_page(dossier) + f"{failed_message.pk}/gui-lai/")
    assert answer.status_code == 302
    connection.set_tenant(tu_ky)
    failed_message.refresh_from_db()
    assert (failed_message.state, failed_message.attempts) == (MessageState.SENT, 2)
    assert len(mailbox.messages) == 1
    text = text_of(client.get(_page(dossier)))
    assert "Đã gửi" in text and "Gửi lại</button>" not in text
    # A sent message is not sent again by a second click.
    with as_if_committed(tu_ky):
        client.post(_page(dossier) + f"{failed_message.pk}/gui-lai/")
    assert len(mailbox.messages) == 1


def test_another_localitys_officer_and_a_citizen_are_refused(
    failed_message, citizen, host_client, demo_localities
):
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    dossier = failed_message.dossier
    stranger = make_user(full_name="Cán Bộ Chư Pưh")
    with tenant_context(chu_puh):
        stranger.groups.add(role_group(Role.RECEIVING_OFFICER))
    for user in (stranger, citizen):
        client = host_client(tu_ky)
        client.force_login(user)
        assert client.get(_page(dossier)).status_code == 403
        assert client.post(_page(dossier) + f"{failed_message.pk}/gui-lai/").status_code == 403
    # On its own host, Chư Pưh's officer does not find Tứ Kỳ's dossier at all.
    there = host_client(chu_puh)
    there.force_login(stranger)
    assert there.get(_page(dossier)).status_code == 404
    connection.set_tenant(tu_ky)
    failed_message.refresh_from_db()
    assert failed_message.state == MessageState.FAILED and failed_message.attempts == 1
