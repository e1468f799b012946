"""Optional login through a national identity provider: real OpenID Connect against panva's
oidc-provider, started on loopback by the test session (see conftest.py)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model

from identity.selectors import can_submit_dossiers
from identity.tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROOT = "dichvucong.localhost"
CHU_PUH = "chu-puh.gia-lai.dichvucong.localhost"


def log_in_at_provider(authorize_url: str, subject: str) -> str:
    """What the person does at the provider: sign in as `subject`, consent. Returns the URL the
    provider sends the browser back to (our callback, with the code)."""
    browser = requests.Session()
    provider = "{0.scheme}://{0.netloc}".format(urlsplit(authorize_url))
    url, method, data = authorize_url, "get", None
    for _step in range(12):
        response = browser.request(method, url, data=data, allow_redirects=False, timeout=10)
        location = response.headers.get("Location")
        if location:
            target = urljoin(url, location)
            if not target.startswith(provider):
                return target
            url, method, data = target, "get", None
            continue
        assert response.status_code == 200, response.text
        page = response.text
        form_action = urljoin(url, page.split('action="', 1)[1].split('"', 1)[0])
        if 'name="login"' in page:
            url, method, data = (
                form_action,
                "post",
                {"prompt": "login", "login": subject, "password": "x"},
            )
        else:
            url, method, data = form_action, "post", {"prompt": "consent"}
    raise AssertionError("the provider never sent the browser back")


def oidc_login(client, subject: str, *, start_host: str = CHU_PUH, next_path: str = "/thu-tuc/"):
    """The whole round trip from a locality's portal; returns the portal's final redirect."""
    hop = client.get(f"/tai-khoan/oidc/dang-nhap/?next={next_path}", HTTP_HOST=start_host)
    assert hop.status_code == 302
    central = urlsplit(hop["Location"])
    assert central.hostname == ROOT  # one registered redirect URI, whatever the locality
    to_provider = client.get(f"{central.path}?{central.query}", HTTP_HOST=ROOT)
    assert to_provider.status_code == 302
    back = urlsplit(log_in_at_provider(to_provider["Location"], subject))
    assert back.hostname == ROOT and back.path == "/tai-khoan/oidc/callback/"
    return client.get(f"{back.path}?{back.query}", HTTP_HOST=ROOT)


def header_of(client, host: str) -> str:
    return client.get("/", HTTP_HOST=host).content.decode().split('<nav class="account"')[1]


def test_existing_account_is_matched_by_id_number_and_returns_to_the_starting_portal(
    client, demo_localities, oidc_settings
):
    user = make_user(id_number="031090004455", email="khac@example.com", full_name="Nguyễn Văn An")
    done = oidc_login(client, "vneid-an")
    assert done.status_code == 302
    assert done["Location"] == f"http://{CHU_PUH}/thu-tuc/"
    assert "Nguyễn Văn An" in header_of(client, CHU_PUH)
    assert int(client.session["_auth_user_id"]) == user.pk
    assert get_user_model().objects.filter(email="an.oidc@example.com").count() == 0


def test_existing_account_is_matched_by_verified_email(client, demo_localities, oidc_settings):
    user = make_user(email="Binh.OIDC@example.com", full_name="Trần Thị Bình")
    oidc_login(client, "vneid-binh")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_unknown_person_gets_a_confirmed_national_account(client, demo_localities, oidc_settings):
    oidc_login(client, "vneid-moi", start_host="tu-ky.hai-phong.dichvucong.localhost")
    user = get_user_model().objects.get(id_number="052095001357")
    assert user.full_name == "Lê Văn Mới"
    assert user.email == "moi.oidc@example.com"
    assert user.date_of_birth == dt.date(1995, 2, 3)
    assert can_submit_dossiers(user)
    assert not user.has_usable_password()
    assert "Lê Văn Mới" in header_of(client, CHU_PUH)


def test_provider_without_id_number_or_verified_email_is_refused(
    client, demo_localities, oidc_settings
):
    make_user(email="chua.oidc@example.com")  # must not be taken over by an unverified claim
    done = oidc_login(client, "vneid-chua")
    assert done["Location"] == "/tai-khoan/dang-nhap/"
    page = client.get("/tai-khoan/dang-nhap/", HTTP_HOST=ROOT).content.decode()
    assert "Không đăng nhập được qua VNeID (thử)" in page
    assert "_auth_user_id" not in client.session


def test_login_page_offers_the_provider_only_when_enabled(client, demo_localities, oidc_settings):
    page = client.get("/tai-khoan/dang-nhap/", HTTP_HOST=CHU_PUH).content.decode()
    assert "Đăng nhập bằng VNeID (thử)" in page
    oidc_settings.OIDC_ENABLED = False
    page = client.get("/tai-khoan/dang-nhap/", HTTP_HOST=CHU_PUH).content.decode()
    assert "Đăng nhập bằng" not in page
    assert client.get("/tai-khoan/oidc/dang-nhap/", HTTP_HOST=ROOT).status_code == 404
    assert client.get("/tai-khoan/oidc/callback/?code=x&state=y", HTTP_HOST=ROOT).status_code == 404


def test_next_outside_the_portals_is_ignored(client, demo_localities, oidc_settings):
    make_user(id_number="031090004455")
    hop = client.get("/tai-khoan/oidc/dang-nhap/?next=https://evil.example/", HTTP_HOST=ROOT)
    back = urlsplit(log_in_at_provider(hop["Location"], "vneid-an"))
    done = client.get(f"{back.path}?{back.query}", HTTP_HOST=ROOT)
    assert done["Location"] == "/"
