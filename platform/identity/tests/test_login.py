"""Logging in by ID number, e-mail or user name; logout; the lockout after repeated failures."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"


@pytest.mark.parametrize("identifier", ["id_number", "email", "username"])
def test_login_by_id_number_email_or_username(tu_ky_client, identifier):
    user = make_user(username="an.nguyen", email="An.Nguyen@example.com", full_name="Nguyễn An")
    typed = {
        "id_number": user.id_number,
        "email": "an.nguyen@EXAMPLE.com",
        "username": "an.nguyen",
    }[identifier]
    response = tu_ky_client.post(LOGIN, {"username": typed, "password": PASSWORD})
    assert response.status_code == 302
    home = tu_ky_client.get("/").content.decode()
    assert "Nguyễn An" in home
    assert "Xã Tứ Kỳ" in home


def test_old_cmnd_number_logs_in(tu_ky_client):
    make_user(id_number="142345678", full_name="Trần Cũ")
    response = tu_ky_client.post(LOGIN, {"username": "142 345 678", "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_says_so_in_vietnamese_and_keeps_the_identifier(tu_ky_client):
    user = make_user()
    response = tu_ky_client.post(LOGIN, {"username": user.id_number, "password": "sai-mat-khau1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "hoặc mật khẩu không đúng" in page
    assert f'value="{user.id_number}"' in page


def test_empty_login_fields_are_explained(tu_ky_client):
    response = tu_ky_client.post(LOGIN, {"username": "", "password": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vui lòng nhập tên đăng nhập" in page
    assert "Vui lòng nhập mật khẩu" in page


def test_inactive_account_cannot_log_in(tu_ky_client):
    user = make_user(is_active=False)
    response = tu_ky_client.post(LOGIN, {"username": user.id_number, "password": PASSWORD})
    assert response.status_code == 200
    assert "không đúng" in response.content.decode()


def test_logout_is_a_post_and_ends_the_session_on_every_portal(tu_ky_client, chu_puh_client):
    user = make_user(full_name="Đặng Ra Về")
    tu_ky_client.post(LOGIN, {"username": user.id_number, "password": PASSWORD})
    assert tu_ky_client.get("/tai-khoan/dang-xuat/").status_code == 405
    response = tu_ky_client.post("/tai-khoan/dang-xuat/")
    assert response.status_code == 302
    assert "Đặng Ra Về" not in tu_ky_client.get("/").content.decode()
    chu_puh_client.cookies = tu_ky_client.cookies
    assert "Đặng Ra Về" not in chu_puh_client.get("/").content.decode()


def test_login_redirects_to_next_on_the_same_portal_only(tu_ky_client):
    user = make_user()
    ok = tu_ky_client.post(
        LOGIN + "?next=/tai-khoan/thong-tin-ca-nhan/",
        {"username": user.id_number, "password": PASSWORD, "next": "/tai-khoan/thong-tin-ca-nhan/"},
    )
    assert ok["Location"] == "/tai-khoan/thong-tin-ca-nhan/"
    tu_ky_client.post("/tai-khoan/dang-xuat/")
    evil = tu_ky_client.post(
        LOGIN, {"username": user.id_number, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert evil["Location"] == "/"


@pytest.mark.slow
def test_lockout_triggers_after_repeated_failures_says_when_and_releases(
    tu_ky_client, chu_puh_client, settings
):
    """Five failures lock the account (whatever identifier is typed); the page says until when;
    after the cool-off (shortened here to 2 s) the right password works again."""
    settings.AXES_COOLOFF_TIME = timedelta(seconds=2)
    user = make_user(username="khoa.thu", email="khoa@example.com", full_name="Khoá Thử")
    identifiers = [user.id_number, "khoa@example.com", "khoa.thu", user.id_number]
    for typed in identifiers:
        response = tu_ky_client.post(LOGIN, {"username": typed, "password": "sai-mat-khau1"})
        assert response.status_code == 200
    locked = tu_ky_client.post(LOGIN, {"username": "khoa.thu", "password": "sai-mat-khau1"})
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "tạm bị khoá" in page
    assert "Vui lòng thử lại sau" in page
    assert 'value="khoa.thu"' in page

    # Even the right password is refused while locked, on any portal.
    chu_puh_client.defaults["REMOTE_ADDR"] = "127.0.0.2"
    refused = chu_puh_client.post(LOGIN, {"username": "khoa@example.com", "password": PASSWORD})
    assert refused.status_code == 429

    time.sleep(2.2)
    released = tu_ky_client.post(LOGIN, {"username": user.id_number, "password": PASSWORD})
    assert released.status_code == 302
    assert "Khoá Thử" in tu_ky_client.get("/").content.decode()


def test_lockout_by_address_covers_attempts_on_different_accounts(tu_ky_client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    users = [make_user() for _ in range(3)]
    for user in users:
        tu_ky_client.post(LOGIN, {"username": user.id_number, "password": "sai-mat-khau1"})
    fresh = make_user()
    response = tu_ky_client.post(LOGIN, {"username": fresh.id_number, "password": PASSWORD})
    assert response.status_code == 429
    assert "tạm bị khoá" in response.content.decode()
