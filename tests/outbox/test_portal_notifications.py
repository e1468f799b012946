"""In-portal notifications: each event of a citizen's dossier shows on the portal, with the
unread count in the header, to that citizen only, in that locality only."""

from __future__ import annotations

import pytest
from django.db import connection

from outbox.choices import Channel, MessageState
from outbox.models import Message
from workflows import services
from workflows.notifications import notify_applicant
from workflows.tests.factories import make_dossier
from workflows.tests.helpers import text_of

pytestmark = pytest.mark.django_db

PAGE = "/thong-bao-gui-di/cua-toi/"


def test_the_citizen_sees_their_notifications_and_the_unread_count(
    tu_ky, citizen, officers, host_client, demo_localities, settings,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(applicant=citizen)
        notify_applicant(dossier=dossier, kind="submitted")
        services.dossier_request_supplement(
            dossier=dossier, user=officers["receiving_officer"], reason="Thiếu tờ khai có chữ ký."
        )
    shown = Message.objects.filter(channel=Channel.PORTAL, dossier=dossier)
    assert {m.state for m in shown} == {MessageState.SENT} and shown.count() == 2
    client = host_client(tu_ky)
    client.force_login(citizen)
    home = client.get(PAGE)
    assert home.status_code == 200
    text = text_of(home)
    assert "Thông báo 2" in text  # the header's link with its count
    assert "Yêu cầu bổ sung, hoàn thiện hồ sơ" in text and "Thiếu tờ khai có chữ ký." in text
    assert client.post(PAGE).status_code == 302
    text = text_of(client.get(PAGE))
    assert "chưa đọc" not in text and "Thông báo 2" not in text
    # Someone else on the same host sees none of them; nor does the citizen on another host.
    connection.set_tenant(tu_ky)
    other = host_client(tu_ky)
    other.force_login(officers["specialist"])
    assert "Thiếu tờ khai có chữ ký." not in text_of(other.get(PAGE))
    there = host_client(demo_localities["chu_puh"])
    there.force_login(citizen)
    assert "Bạn chưa có thông báo nào tại đơn vị này." in text_of(there.get(PAGE))


def test_a_visitor_is_sent_to_the_login_page(tu_ky, host_client):
    answer = host_client(tu_ky).get(PAGE)
    assert answer.status_code == 302 and "/tai-khoan/dang-nhap/" in answer["Location"]
