"""The same journey in a real browser: Chromium registers on Xã Tứ Kỳ's portal, the confirmation
arrives at a loopback SMTP server, the link is opened, and Xã Chư Pưh's portal (Gia Lai) greets
the citizen by name without another login: the browser itself decided to send the cookie."""

from __future__ import annotations

import re
import secrets

import pytest

from tests.support import forget_sessions

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TU_KY = "tu-ky.hai-phong.dichvucong.localhost"
CHU_PUH = "chu-puh.gia-lai.dichvucong.localhost"


def test_register_confirm_and_be_recognised_on_another_province(
    live_portal_with_mail, chromium, django_db_blocker
):
    from captcha.models import CaptchaStore
    from django.contrib.auth import get_user_model
    from django.db import connection

    url, mailbox = live_portal_with_mail
    # Not `random`: pytest-randomly seeds it alike for every test of a run (and a repeated seed).
    serial = 100000 + secrets.randbelow(900000)  # a test's unique ID number
    email, id_number = f"hanh.{serial}@example.com", f"031195{serial}"
    context = chromium.new_context(locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(url(TU_KY, "/tai-khoan/dang-ky/"))
        # Every field is found by its visible label, as a screen reader would announce it.
        page.get_by_label("Họ và tên").fill("Phạm Thị Hạnh")
        page.get_by_label("Số CCCD/CMND").fill(id_number)
        page.get_by_label("Ngày sinh").fill("20/10/1995")
        page.get_by_label("Địa chỉ").fill("Thôn Bắc, xã Tứ Kỳ, Hải Phòng")
        page.get_by_label("Thư điện tử").fill(email)
        page.get_by_label("Số điện thoại").fill("+84 912 000 111")
        page.get_by_label(re.compile(r"^Mật khẩu")).fill("Hoa-Mai-2026")
        page.get_by_label("Nhập lại mật khẩu").fill("Hoa-Mai-2026")
        page.get_by_label("Tôi đã đọc và đồng ý").check()
        key = page.locator("input[name=captcha_0]").get_attribute("value")
        with django_db_blocker.unblock():
            answer = CaptchaStore.objects.get(hashkey=key).response
        page.get_by_label("Mã xác nhận").fill(answer)
        # Enter registers (not the captcha's "Đổi mã khác", the first button after the fields).
        page.get_by_label("Mã xác nhận").press("Enter")
        page.wait_for_url("**/tai-khoan/dang-ky/kiem-tra-thu/")
        assert email in page.locator("main").inner_text()

        message = mailbox.wait_for(email)
        body = message.get_body(preferencelist=("plain",)).get_content()
        link = re.search(r"http://\S+/tai-khoan/xac-nhan/\S+", body).group(0)
        assert link.startswith(url(TU_KY, "/tai-khoan/xac-nhan/"))
        page.goto(link)
        assert "Đã xác nhận thư điện tử" in page.locator("h1").inner_text()

        page.goto(url(CHU_PUH, "/"))
        account = page.locator("nav.account").inner_text()
        assert "Phạm Thị Hạnh" in account
        assert "đang ở cổng Xã Chư Pưh" in account
        cookie = next(c for c in context.cookies() if c["name"] == "sessionid")
        assert cookie["domain"] == ".dichvucong.localhost"
    finally:
        context.close()
        with django_db_blocker.unblock():
            user = get_user_model().objects.filter(email=email).first()
            if user is not None:
                forget_sessions([user])
                # Raw SQL: the ORM's cascade would look for related rows of tenant-only apps
                # (Wagtail) in the public schema, where those tables do not exist.
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM identity_user WHERE id = %s", [user.pk])
