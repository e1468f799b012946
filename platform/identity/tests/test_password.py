"""Password reset by e-mail (link on the portal where it was asked for) and password change."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def reset_link_path(message) -> str:
    return re.search(r"http://[^/\s]+(/tai-khoan/dat-lai-mat-khau/\S+)", message.body).group(1)


def test_reset_link_uses_the_host_of_the_portal_where_it_was_requested(
    chu_puh_client, tu_ky_client
):
    user = make_user(email="quen@example.com", full_name="Lê Hay Quên")
    response = chu_puh_client.post("/tai-khoan/quen-mat-khau/", {"email": "QUEN@example.com"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["quen@example.com"]
    assert "Chư Pưh" in message.subject
    assert "http://chu-puh.gia-lai.dichvucong.localhost/tai-khoan/dat-lai-mat-khau/" in message.body
    path = reset_link_path(message)

    form_page = chu_puh_client.get(path, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = chu_puh_client.post(
        set_url, {"new_password1": "Moi-Hon-2026", "new_password2": "Moi-Hon-2026"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Moi-Hon-2026")
    # The new password works on any portal.
    login = tu_ky_client.post(
        "/tai-khoan/dang-nhap/", {"username": "quen@example.com", "password": "Moi-Hon-2026"}
    )
    assert login.status_code == 302


def test_unknown_email_gets_the_same_answer_and_no_mail(tu_ky_client):
    response = tu_ky_client.post("/tai-khoan/quen-mat-khau/", {"email": "khong-co@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_bad_email_is_explained(tu_ky_client):
    response = tu_ky_client.post("/tai-khoan/quen-mat-khau/", {"email": "khong-phai-email"})
    assert response.status_code == 200
    assert "Địa chỉ thư điện tử không hợp lệ" in response.content.decode()
    assert 'value="khong-phai-email"' in response.content.decode()


def test_expired_reset_link_says_so_and_offers_a_new_one(tu_ky_client, settings):
    make_user(email="het-han@example.com")
    tu_ky_client.post("/tai-khoan/quen-mat-khau/", {"email": "het-han@example.com"})
    path = reset_link_path(mail.outbox[0])
    settings.PASSWORD_RESET_TIMEOUT = -1  # the link's time has passed
    page = tu_ky_client.get(path, follow=True)
    assert page.status_code == 200
    text = page.content.decode()
    assert "đã hết hạn hoặc đã được dùng" in text
    assert "/tai-khoan/quen-mat-khau/" in text


def test_reset_link_also_confirms_an_unconfirmed_address(tu_ky_client):
    user = make_user(email="chua@example.com", confirmed=False)
    tu_ky_client.post("/tai-khoan/quen-mat-khau/", {"email": "chua@example.com"})
    page = tu_ky_client.get(reset_link_path(mail.outbox[0]), follow=True)
    tu_ky_client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Moi-Hon-2026", "new_password2": "Moi-Hon-2026"},
    )
    user.refresh_from_db()
    assert user.email_confirmed_at is not None


def test_weak_new_password_is_refused_at_the_field(tu_ky_client):
    user = make_user(email="yeu@example.com")
    tu_ky_client.force_login(user)
    response = tu_ky_client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "quá phổ biến" in page
    assert 'aria-describedby="id_new_password2_errors' in page


def test_password_change_keeps_the_citizen_logged_in(tu_ky_client):
    user = make_user(full_name="Võ Đổi Mật")
    tu_ky_client.force_login(user)
    wrong = tu_ky_client.post(
        "/tai-khoan/doi-mat-khau/",
        {
            "old_password": "sai1234x",
            "new_password1": "Moi-Hon-2026",
            "new_password2": "Moi-Hon-2026",
        },
    )
    assert wrong.status_code == 200
    assert "không đúng" in wrong.content.decode() or "không chính xác" in wrong.content.decode()
    ok = tu_ky_client.post(
        "/tai-khoan/doi-mat-khau/",
        {
            "old_password": PASSWORD,
            "new_password1": "Moi-Hon-2026",
            "new_password2": "Moi-Hon-2026",
        },
    )
    assert ok.status_code == 302
    page = tu_ky_client.get(ok["Location"]).content.decode()
    assert "Đã đổi mật khẩu" in page
    assert "Võ Đổi Mật" in page
