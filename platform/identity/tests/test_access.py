"""`can_submit_dossiers` and the guards the dossier feature uses."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View

from identity.access import ConfirmedAccountRequiredMixin, confirmed_account_required
from identity.selectors import can_submit_dossiers

from .factories import make_user

pytestmark = pytest.mark.django_db


@confirmed_account_required
def submit(request):
    return HttpResponse("nộp được")


class SubmitView(ConfirmedAccountRequiredMixin, View):
    def get(self, request):
        return HttpResponse("nộp được")


def request_as(user, demo_localities):
    request = RequestFactory().get("/ho-so/nop/", HTTP_HOST="tu-ky.hai-phong.dichvucong.localhost")
    request.user = user
    request.tenant = demo_localities["tu_ky"]
    request.session = {}
    request._messages = []
    return request


def test_only_confirmed_active_accounts_may_submit():
    assert can_submit_dossiers(make_user())
    assert not can_submit_dossiers(make_user(confirmed=False))
    assert not can_submit_dossiers(make_user(is_active=False))
    assert not can_submit_dossiers(AnonymousUser())
    assert not can_submit_dossiers(None)


@pytest.mark.parametrize("view", [submit, SubmitView.as_view()])
def test_guards_let_confirmed_in_refuse_unconfirmed_and_send_anonymous_to_login(
    view, demo_localities
):
    assert view(request_as(make_user(), demo_localities)).content.decode() == "nộp được"
    refused = view(request_as(make_user(confirmed=False, email="cho@example.com"), demo_localities))
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "Tài khoản chưa được xác nhận" in page
    assert "cho@example.com" in page
    assert "Gửi lại thư xác nhận" in page
    anonymous = view(request_as(AnonymousUser(), demo_localities))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/tai-khoan/dang-nhap/")


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
