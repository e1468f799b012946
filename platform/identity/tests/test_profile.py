"""The profile page: what a citizen may change, and what is fixed once confirmed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from .factories import make_user

pytestmark = pytest.mark.django_db

PROFILE = "/tai-khoan/thong-tin-ca-nhan/"


def profile_data(user, **overrides):
    data = {
        "full_name": user.full_name,
        "id_number": user.id_number,
        "date_of_birth": user.date_of_birth.strftime("%d/%m/%Y"),
        "address": user.address,
        "phone": user.phone,
        "email": user.email,
    }
    data.update(overrides)
    return data


def test_profile_needs_login(tu_ky_client):
    response = tu_ky_client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=")


def test_confirmed_account_edits_details_but_not_the_id_number(tu_ky_client):
    user = make_user(date_of_birth=dt.date(1990, 3, 1))
    original_id = user.id_number
    tu_ky_client.force_login(user)
    page = tu_ky_client.get(PROFILE).content.decode()
    assert re.search(r'name="id_number"[^>]*disabled', page)
    response = tu_ky_client.post(
        PROFILE,
        profile_data(user, full_name="Tên  Mới", address="Số 5 phố Mới", id_number="031090999999"),
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Tên Mới"
    assert user.address == "Số 5 phố Mới"
    assert user.id_number == original_id


def test_unconfirmed_account_may_still_correct_its_id_number(tu_ky_client):
    user = make_user(confirmed=False, date_of_birth=dt.date(1990, 3, 1))
    tu_ky_client.force_login(user)
    response = tu_ky_client.post(PROFILE, profile_data(user, id_number="031090777777"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.id_number == "031090777777"


def test_new_email_waits_for_confirmation_and_the_old_one_stays(
    tu_ky_client, django_capture_on_commit_callbacks
):
    user = make_user(email="cu@example.com")
    tu_ky_client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = tu_ky_client.post(PROFILE, profile_data(user, email="moi@example.com"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.email, user.pending_email) == ("cu@example.com", "moi@example.com")
    (message,) = mail.outbox
    assert message.to == ["moi@example.com"]
    path = re.search(r"http://[^/\s]+(/\S+)", message.body).group(1)
    assert tu_ky_client.get(path).status_code == 200
    user.refresh_from_db()
    assert (user.email, user.pending_email) == ("moi@example.com", "")
    assert user.email_confirmed_at is not None


def test_bad_profile_input_is_explained_and_kept(tu_ky_client):
    other = make_user(email="da-co@example.com")
    user = make_user()
    tu_ky_client.force_login(user)
    response = tu_ky_client.post(
        PROFILE,
        profile_data(user, email=other.email, phone="0123", date_of_birth="30/02/1990"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "đã được một tài khoản khác sử dụng" in page
    assert "10 chữ số" in page
    assert "không có trên lịch" in page
    assert 'value="30/02/1990"' in page
    assert 'value="0123"' in page


def test_birth_date_must_match_the_fixed_cccd(tu_ky_client):
    user = make_user(date_of_birth=dt.date(1990, 3, 1))
    tu_ky_client.force_login(user)
    response = tu_ky_client.post(PROFILE, profile_data(user, date_of_birth="01/03/1991"))
    assert response.status_code == 200
    assert "không khớp với năm sinh 1991" in response.content.decode()
