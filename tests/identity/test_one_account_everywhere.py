"""Done when: a citizen registers on one commune's host, confirms through a real e-mail, and is
logged in on another province's commune host, whose header shows who and where."""

from __future__ import annotations

import re
import urllib.request
from email.message import Message
from http.cookiejar import CookieJar

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from identity.selectors import can_submit_dossiers
from identity.tests.factories import registration_data, solve_captcha

pytestmark = pytest.mark.django_db

TU_KY = "tu-ky.hai-phong.dichvucong.localhost"
CHU_PUH = "chu-puh.gia-lai.dichvucong.localhost"


class BrowserCookies:
    """Cookies kept the way a browser keeps them: the standard library's cookie jar decides,
    by each cookie's Domain, which hosts get it back."""

    def __init__(self):
        self.jar = CookieJar()

    def store(self, host: str, path: str, response) -> None:
        headers = Message()
        for morsel in response.cookies.values():
            headers["Set-Cookie"] = morsel.OutputString()

        class Reply:
            def info(self):
                return headers

        self.jar.extract_cookies(Reply(), urllib.request.Request(f"http://{host}{path}"))

    def header_for(self, host: str, path: str = "/") -> str:
        request = urllib.request.Request(f"http://{host}{path}")
        self.jar.add_cookie_header(request)
        return request.get_header("Cookie") or ""


def visit(client, cookies: BrowserCookies, host: str, path: str, data=None):
    """One request from the 'browser' to `host`, sending only cookies that host may see."""
    client.cookies.clear()
    extra = {"HTTP_HOST": host, "HTTP_COOKIE": cookies.header_for(host, path)}
    response = client.post(path, data, **extra) if data is not None else client.get(path, **extra)
    cookies.store(host, path, response)
    return response


def test_register_on_tu_ky_confirm_by_real_email_and_be_logged_in_on_chu_puh(
    client, demo_localities, smtp_mailbox, django_capture_on_commit_callbacks
):
    cookies = BrowserCookies()
    form = visit(client, cookies, TU_KY, "/tai-khoan/dang-ky/")
    with django_capture_on_commit_callbacks(execute=True):
        registered = visit(
            client,
            cookies,
            TU_KY,
            "/tai-khoan/dang-ky/",
            {**registration_data(), **solve_captcha(form)},
        )
    assert registered.status_code == 302
    session_cookie = registered.cookies[settings.SESSION_COOKIE_NAME]
    assert session_cookie["domain"] == ".dichvucong.localhost"

    user = get_user_model().objects.get(email="hoa.nguyen@example.com")
    assert not can_submit_dossiers(user)

    # The confirmation arrived by SMTP, addressed to the citizen, with a link to Tứ Kỳ's portal.
    (message,) = smtp_mailbox.messages
    assert message["To"] == "hoa.nguyen@example.com"
    assert "Xã Tứ Kỳ" in message["Subject"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://(\S+?)(/tai-khoan/xac-nhan/\S+)", body)
    assert link.group(1) == TU_KY
    confirmed = visit(client, cookies, TU_KY, link.group(2))
    assert "Đã xác nhận thư điện tử" in confirmed.content.decode()
    user.refresh_from_db()
    assert can_submit_dossiers(user)

    # Another province's commune: the browser sends the same session cookie, so no new login.
    assert settings.SESSION_COOKIE_NAME in cookies.header_for(CHU_PUH)
    home = visit(client, cookies, CHU_PUH, "/")
    page = home.content.decode()
    header = re.search(r'<nav class="account".*?</nav>', page, re.S).group(0)
    assert "Nguyễn Thị Hoa" in header
    assert "đang ở cổng Xã Chư Pưh" in header
    assert "Đăng xuất" in header
    # …and the same account works there: the profile page opens without logging in again.
    profile = visit(client, cookies, CHU_PUH, "/tai-khoan/thong-tin-ca-nhan/")
    assert profile.status_code == 200
    assert "Tài khoản đã xác nhận" in profile.content.decode()


def test_a_host_outside_the_base_domain_never_gets_the_session_cookie(
    client, demo_localities, django_capture_on_commit_callbacks
):
    cookies = BrowserCookies()
    form = visit(client, cookies, TU_KY, "/tai-khoan/dang-ky/")
    with django_capture_on_commit_callbacks(execute=True):
        visit(
            client,
            cookies,
            TU_KY,
            "/tai-khoan/dang-ky/",
            {**registration_data(), **solve_captcha(form)},
        )
    assert settings.SESSION_COOKIE_NAME in cookies.header_for(CHU_PUH)
    assert settings.SESSION_COOKIE_NAME not in cookies.header_for("dichvucong.example.org")
