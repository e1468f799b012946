"""Rate limits on login, registration, password reset and the API: per client address and per
account, each refusing with 429 and a Vietnamese explanation; another address or another
account is not held up by someone else's count."""

from __future__ import annotations

import json

import pytest
from django.core.cache import caches

from identity.tests.factories import PASSWORD, make_user

REFUSAL = "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn"


@pytest.fixture(autouse=True)
def fresh_limits():
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def limit(settings, group: str, per_client: str, per_account: str) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, group: (per_client, per_account)}


def refused(response) -> bool:
    text = response.content.decode()
    if response.status_code == 429:
        assert REFUSAL in text, text[:500]
        assert "Quá nhiều yêu cầu" in text
        assert response["Retry-After"] == "60"
        return True
    assert REFUSAL not in text
    return False


def test_login_is_limited_per_account_whatever_the_address(tu_ky, host_client, settings):
    limit(settings, "login", "100/m", "3/m")
    victim = make_user(full_name="Trần Văn Khoa")
    tries = [
        host_client(tu_ky, REMOTE_ADDR=f"10.0.0.{n}").post(
            "/tai-khoan/dang-nhap/", {"username": victim.email, "password": "doan-sai-1"}
        )
        for n in range(4)
    ]
    assert [refused(response) for response in tries] == [False, False, False, True]
    # Another account from the same address still gets the login form's own answer.
    other = make_user()
    answer = host_client(tu_ky, REMOTE_ADDR="10.0.0.3").post(
        "/tai-khoan/dang-nhap/", {"username": other.email, "password": "doan-sai-1"}
    )
    assert not refused(answer) and answer.status_code == 200


def test_login_is_limited_per_address_whatever_the_account(tu_ky, chu_puh, host_client, settings):
    limit(settings, "login", "2/m", "100/m")
    people = [make_user() for _ in range(3)]
    # One budget across every locality's host.
    answers = [
        host_client(locality, REMOTE_ADDR="10.1.1.1").post(
            "/tai-khoan/dang-nhap/", {"username": person.email, "password": "doan-sai-1"}
        )
        for locality, person in zip((tu_ky, chu_puh, tu_ky), people, strict=True)
    ]
    assert [refused(response) for response in answers] == [False, False, True]
    # The right password from a fresh address logs in at once.
    person = people[2]
    answer = host_client(tu_ky, REMOTE_ADDR="10.1.1.2").post(
        "/tai-khoan/dang-nhap/", {"username": person.email, "password": PASSWORD}
    )
    assert answer.status_code == 302


def test_registration_is_limited_per_id_number_and_per_address(tu_ky, host_client, settings):
    limit(settings, "register", "3/h", "2/h")
    form = {"full_name": "Lê Thị Mai", "id_number": "001190000123", "email": "mai@example.com"}
    answers = [
        host_client(tu_ky, REMOTE_ADDR=f"10.2.0.{n}").post("/tai-khoan/dang-ky/", form)
        for n in range(3)
    ]
    assert [refused(response) for response in answers] == [False, False, True]
    # The form's own checks still speak for a new number from a new address.
    answer = host_client(tu_ky, REMOTE_ADDR="10.2.1.1").post(
        "/tai-khoan/dang-ky/", {**form, "id_number": "001190000999"}
    )
    assert answer.status_code == 200 and not refused(answer)
    same_address = [
        host_client(tu_ky, REMOTE_ADDR="10.2.9.9").post(
            "/tai-khoan/dang-ky/", {**form, "id_number": f"00119000077{n}"}
        )
        for n in range(4)
    ]
    assert [refused(response) for response in same_address] == [False, False, False, True]


def test_password_reset_is_limited_per_email_and_sends_no_more_mail(
    tu_ky, host_client, settings, mailoutbox
):
    limit(settings, "password_reset", "100/h", "2/h")
    make_user(email="quen@example.com")
    answers = [
        host_client(tu_ky, REMOTE_ADDR=f"10.3.0.{n}").post(
            "/tai-khoan/quen-mat-khau/", {"email": "QUEN@example.com " if n else "quen@example.com"}
        )
        for n in range(3)
    ]
    assert [refused(response) for response in answers] == [False, False, True]
    assert len(mailoutbox) == 2


def test_the_api_is_limited_per_address_with_a_vietnamese_problem(tu_ky, host_client, settings):
    limit(settings, "api", "3/m", "100/m")
    client = host_client(tu_ky, REMOTE_ADDR="10.4.0.1")
    statuses = [client.get("/api/v1/procedures").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    refusal = client.get("/api/v1/procedures")
    assert refusal.status_code == 429
    assert refusal["Content-Type"] == "application/problem+json"
    assert refusal["Retry-After"] == "60"
    problem = json.loads(refusal.content)
    assert problem["type"].endswith("/rate-limited")
    assert REFUSAL in problem["detail"]
    # Pages are not API requests: the same address still reads the portal.
    assert client.get("/").status_code == 200
    assert host_client(tu_ky, REMOTE_ADDR="10.4.0.2").get("/api/v1/procedures").status_code == 200


def test_the_api_is_limited_per_caller_across_addresses(tu_ky, host_client, settings):
    limit(settings, "api", "100/m", "2/m")
    citizen = make_user()
    statuses = []
    for n in range(3):
        client = host_client(tu_ky, REMOTE_ADDR=f"10.5.0.{n}")
        client.force_login(citizen)
        statuses.append(client.get("/api/v1/procedures").status_code)
    assert statuses == [200, 200, 429]
    partner = [
        host_client(tu_ky, REMOTE_ADDR=f"10.5.1.{n}", HTTP_X_API_KEY="doi-tac-1")
        .get("/api/v1/procedures")
        .status_code
        for n in range(3)
    ]
    assert partner == [200, 200, 429]
    assert host_client(tu_ky, REMOTE_ADDR="10.5.2.1").get("/api/v1/procedures").status_code == 200
