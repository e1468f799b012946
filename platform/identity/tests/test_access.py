"""`can_submit_dossiers` (the submission pages' refusal is tested over HTTP in tests/dossiers)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail

from identity.selectors import can_submit_dossiers

from .factories import make_user

pytestmark = pytest.mark.django_db


def test_only_confirmed_active_accounts_may_submit():
    assert can_submit_dossiers(make_user())
    assert not can_submit_dossiers(make_user(confirmed=False))
    assert not can_submit_dossiers(make_user(is_active=False))
    assert not can_submit_dossiers(AnonymousUser())
    assert not can_submit_dossiers(None)


def test_resend_confirmation_sends_one_mail_a_minute(
    tu_ky_client, django_capture_on_commit_callbacks
):
    user = make_user(confirmed=False, email="gui-lai@example.com")
    tu_ky_client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        first = tu_ky_client.post("/tai-khoan/gui-lai-thu-xac-nhan/", {"next": "/"}, follow=True)
        second = tu_ky_client.post("/tai-khoan/gui-lai-thu-xac-nhan/", {"next": "/"}, follow=True)
    assert "Đã gửi lại thư xác nhận tới gui-lai@example.com" in first.content.decode()
    assert "vừa được gửi" in second.content.decode()
    assert len(mail.outbox) == 1
    assert "tu-ky.hai-phong.dichvucong.localhost" in mail.outbox[0].body


def test_header_tells_unconfirmed_citizens(tu_ky_client):
    tu_ky_client.force_login(make_user(confirmed=False))
    assert "Chưa xác nhận thư điện tử" in tu_ky_client.get("/").content.decode()


def test_resend_never_redirects_off_the_portal(tu_ky_client):
    tu_ky_client.force_login(make_user(confirmed=False))
    response = tu_ky_client.post("/tai-khoan/gui-lai-thu-xac-nhan/", {"next": "//evil.example/"})
    assert response["Location"] == "/"
