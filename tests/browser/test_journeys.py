"""One dossier's life in Chromium against the real server, on a phone (390×844) and on a desktop.

A citizen registers on Xã Tứ Kỳ's portal, confirms the address from the e-mail the loopback SMTP
server received, logs out and in again with the ID number, finds the procedure typed without
accents, submits it with a PDF and postal delivery and gets the code and the receipt. The officer's
morning: the inbox, the dossier, a supplement request. The citizen answers it. The officer receives,
processes, approves and returns it, opening the register and the statistics on the way. The citizen
looks the dossier up on the province's portal, and Hải Phòng's administrator opens the province's
statistics.

Every page is photographed (var/browser/screenshots/<size>/) and checked by axe-core
(var/browser/axe-report.md): no serious or critical violation, and nothing wider than the screen.
"""

from __future__ import annotations

import base64
import re
import secrets
import shutil
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.browser.audit import SIZES, Walk, new_context
from tests.support import forget_sessions
from workflows.tests.helpers import EXTRACT_COPY, pdf_bytes, pdf_text

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TU_KY = "tu-ky.hai-phong.dichvucong.localhost"
HAI_PHONG = "hai-phong.dichvucong.localhost"
PASSWORD = "Sao-Mai-2025"  # identity.tests.factories.make_user's
CITIZEN_PASSWORD = "Hoa-Mai-2026"
REFLOW_WIDTH = 320
SUPPLEMENT = "Bản quét căn cước bị mờ, vui lòng nộp lại bản rõ nét."


def _in(locality, work):
    connection.set_tenant(locality)
    try:
        return work()
    finally:
        connection.set_schema_to_public()


@pytest.fixture
def desk_officer(demo_localities, django_db_blocker):
    """One officer of Tứ Kỳ holding the four desk roles (a small commune's single clerk), Hải
    Phòng's administrator, and the procedure offered in Tứ Kỳ; committed, since the server runs
    in its own process. Afterwards removes them, the citizen the journey registers and everything
    their dossier made."""
    from django.contrib.auth import get_user_model
    from guardian.models import UserObjectPermission

    from identity.tests.factories import make_user
    from procedure_plugins.models import ProcedureOffering
    from staff.models import GroupMembership
    from staff.roles import Role, role_group
    from workflows.models import Dossier, DossierCodeCounter
    from workflows.public_index.models import DossierIndexEntry

    tu_ky, hai_phong = demo_localities["tu_ky"], demo_localities["hai_phong"]
    tag = uuid.uuid4().hex[:8]
    serial = 100000 + secrets.randbelow(900000)
    with django_db_blocker.unblock():
        offering, created = ProcedureOffering.objects.get_or_create(
            locality=tu_ky, procedure_code=EXTRACT_COPY
        )
        counters_before = set(
            _in(tu_ky, lambda: list(DossierCodeCounter.objects.values_list("period", flat=True)))
        )
        officer = make_user(username=f"van-thu-{tag}", full_name="Trần Thị Bình", id_number=None)

        def roles():
            for role in (Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER):
                officer.groups.add(role_group(role))
            officer.groups.add(role_group(Role.RETURNING_OFFICER))

        _in(tu_ky, roles)
        admin = make_user(username=f"quan-tri-{tag}", full_name="Đỗ Văn Hải", id_number=None)
        _in(hai_phong, lambda: admin.groups.add(role_group(Role.LOCALITY_ADMIN)))
    citizen = {
        "email": f"hanh.{serial}@example.com",
        "id_number": f"031195{serial}",
        "name": "Phạm Thị Hạnh",
    }
    yield {"officer": officer, "admin": admin, "citizen": citizen}
    with django_db_blocker.unblock():
        User = get_user_model()  # noqa: N806 - a class
        people = [officer, admin, *User.objects.filter(email=citizen["email"])]
        references = _in(
            tu_ky,
            lambda: [
                str(r)
                for r in Dossier.objects.filter(applicant__in=people).values_list(
                    "reference", flat=True
                )
            ],
        )

        def clean():
            UserObjectPermission.objects.filter(user__in=people).delete()
            Dossier.objects.filter(applicant__in=people).delete()
            DossierCodeCounter.objects.exclude(period__in=counters_before).delete()
            GroupMembership.objects.filter(user__in=people).delete()

        _in(tu_ky, clean)
        _in(hai_phong, lambda: GroupMembership.objects.filter(user=admin).delete())
        DossierIndexEntry.objects.filter(applicant__in=people).delete()
        forget_sessions(people)
        # Raw: the ORM's cascade would look for tenant-only tables (Wagtail) in the public schema.
        for person in people:
            User.objects.filter(pk=person.pk)._raw_delete(connection.alias)
        if created:
            offering.delete()
    for reference in references:
        shutil.rmtree(
            Path(settings.PRIVATE_FILES_ROOT) / tu_ky.schema_name / "ho-so" / reference,
            ignore_errors=True,
        )


def fits_the_screen(page, limit: int) -> None:
    """Nothing scrolls the whole page sideways: wide tables scroll inside their own box."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > limit:
        wide = page.evaluate(
            """(limit) => [...document.querySelectorAll('body *')]
                .filter((e) => e.getBoundingClientRect().right > limit + 1
                    && !e.closest('.table-scroll'))
                .slice(0, 5).map((e) => e.tagName + '.' + e.className)""",
            limit,
        )
        raise AssertionError(f"{page.url} is {width} px wide on a {limit} px screen: {wide}")


def look(walk: Walk, step: str) -> None:
    """Photograph and audit the page; it fits the screen, and on the phone it also reflows to
    320 px (WCAG 1.4.10: text enlarged 400 % on a 1280 px screen)."""
    walk.look(step)
    viewport = SIZES[walk.size]["viewport"]
    fits_the_screen(walk.page, viewport["width"])
    if walk.size == "phone":
        walk.page.set_viewport_size({"width": REFLOW_WIDTH, "height": viewport["height"]})
        try:
            fits_the_screen(walk.page, REFLOW_WIDTH)
        finally:
            walk.page.set_viewport_size(viewport)


def captcha_answer(page, django_db_blocker) -> str:
    """What a person reads off the captcha image (the store's answer for the form's key)."""
    from captcha.models import CaptchaStore

    key = page.locator("input[name=captcha_0]").get_attribute("value")
    with django_db_blocker.unblock():
        return CaptchaStore.objects.get(hashkey=key).response


def press(page, name: str, scope=None) -> None:
    (scope or page).get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def action(page, name: str):
    """The desk page's form of the action whose button reads `name`."""
    return page.locator("form.action").filter(has=page.get_by_role("button", name=name, exact=True))


def register_and_confirm(walk: Walk, url, mailbox, person, django_db_blocker) -> None:
    page = walk.page
    page.goto(url(TU_KY, "/"))
    look(walk, "trang chủ xã")
    page.goto(url(TU_KY, "/tai-khoan/dang-ky/"))
    look(walk, "đăng ký")
    page.get_by_label("Họ và tên").fill(person["name"])
    page.get_by_label("Số CCCD/CMND").fill(person["id_number"])
    page.get_by_label("Ngày sinh").fill("20/10/1995")
    page.get_by_label("Địa chỉ").fill("Thôn Bắc, xã Tứ Kỳ, Hải Phòng")
    page.get_by_label("Thư điện tử").fill(person["email"])
    page.get_by_label("Số điện thoại").fill("+84 912 000 111")
    page.get_by_label(re.compile(r"^Mật khẩu")).fill(CITIZEN_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(CITIZEN_PASSWORD)
    page.get_by_label("Tôi đã đọc và đồng ý").check()
    page.get_by_label("Mã xác nhận").fill(captcha_answer(page, django_db_blocker))
    press(page, "Đăng ký tài khoản")
    page.wait_for_url("**/tai-khoan/dang-ky/kiem-tra-thu/")
    look(walk, "đã đăng ký, kiểm tra thư")

    body = mailbox.wait_for(person["email"]).get_body(preferencelist=("plain",)).get_content()
    page.goto(re.search(r"http://\S+/tai-khoan/xac-nhan/\S+", body).group(0))
    assert "Đã xác nhận thư điện tử" in page.locator("h1").inner_text()
    look(walk, "đã xác nhận thư")


def log_in(walk: Walk, url, login: str, password: str, step: str, host: str = TU_KY) -> None:
    page = walk.page
    page.goto(url(host, "/tai-khoan/dang-nhap/"))
    look(walk, step)
    page.get_by_label("Tên đăng nhập, số CCCD/CMND hoặc thư điện tử").fill(login)
    page.get_by_label("Mật khẩu").fill(password)
    press(page, "Đăng nhập")


def submit_by_post(walk: Walk, url, person, django_db_blocker, tmp_path) -> str:
    """From the catalogue's search to the confirmation; returns the dossier's code."""
    page = walk.page
    page.goto(url(TU_KY, "/thu-tuc/"))
    look(walk, "danh mục thủ tục")
    page.get_by_label("Tìm thủ tục (gõ có dấu hoặc không dấu)").fill("trich luc ho tich")
    press(page, "Tìm kiếm")
    look(walk, "kết quả tìm không dấu")
    page.locator("a.procedure-name", has_text="Cấp bản sao trích lục hộ tịch").first.click()
    page.wait_for_url(f"**/thu-tuc/{EXTRACT_COPY}/")
    look(walk, "trang thủ tục")
    page.get_by_role("link", name="Nộp hồ sơ").first.click()
    look(walk, "bắt đầu nộp")
    press(page, "Bắt đầu")

    look(walk, "tờ khai")
    assert page.locator('[name="nguoi_yeu_cau.ho_ten"]').input_value() == person["name"]
    page.locator('[name="nguoi_yeu_cau.so_dinh_danh"]').fill(person["id_number"])
    page.locator('[name="nguoi_yeu_cau.noi_cu_tru.province"]').select_option(
        label="Thành phố Hải Phòng"
    )
    commune = page.locator('[name="nguoi_yeu_cau.noi_cu_tru.commune"]')
    commune.locator('option[value="11074"]').wait_for(state="attached")
    commune.select_option("11074")
    page.locator('[name="quan_he"][value="ban_than"]').check()
    page.locator('[name="loai_su_kien"]').select_option("khai_sinh")
    page.locator('[name="nguoi_duoc_cap.ho_ten"]').fill(person["name"])
    page.locator('[name="nguoi_duoc_cap.ngay_sinh"]').fill("20/10/1995")
    page.locator('[name="noi_dang_ky"]').fill("UBND xã Tứ Kỳ")
    page.locator('[name="so_ban_sao"]').fill("1")
    page.locator('[name="muc_dich"][value="hoc_tap"]').check()
    press(page, "Lưu và tiếp tục")

    look(walk, "giấy tờ")
    # A wrong file first: refused at the document, summarised at the top with a link to it.
    wrong = tmp_path / "ghi-chu.txt"
    wrong.write_text("không phải bản quét")
    page.locator("#files-giay_to_tuy_than").set_input_files(str(wrong))
    press(page, "Tải lên", page.locator("#doc-giay_to_tuy_than"))
    look(walk, "lỗi tải lên")
    follow_the_summary(page, "files-giay_to_tuy_than")
    upload(page, tmp_path / "can-cuoc.pdf")
    look(walk, "đã tải lên")
    press(page, "Tiếp tục")

    look(walk, "nhận kết quả")
    page.get_by_label("Qua dịch vụ bưu chính công ích đến địa chỉ của tôi").check()
    page.get_by_label("Tỉnh, thành phố nhận kết quả").select_option(label="Thành phố Hải Phòng")
    press(page, "Lưu và tiếp tục")  # the address forgotten
    look(walk, "lỗi nhận kết quả")
    assert "Vui lòng nhập địa chỉ nhận kết quả." in page.locator("main").inner_text()
    follow_the_summary(page, "id_address")
    page.get_by_label("Địa chỉ nhận kết quả qua bưu chính").fill("Số 5 thôn Bắc, xã Tứ Kỳ")
    press(page, "Lưu và tiếp tục")

    look(walk, "kiểm tra trước khi nộp")
    assert "Số 5 thôn Bắc, xã Tứ Kỳ" in page.locator("main").inner_text()
    page.get_by_label(re.compile("Tôi cam đoan")).check()
    page.get_by_label("Mã xác nhận").fill(captcha_answer(page, django_db_blocker))
    press(page, "Nộp hồ sơ")
    # The fragment of the summary's link followed earlier rides along the redirects.
    page.wait_for_url(re.compile(r"/da-nop/(#.*)?$"))
    look(walk, "đã nộp")
    assert page.locator("h1").inner_text() == "Đã nộp hồ sơ thành công"
    code = page.locator(".code").inner_text()
    assert re.fullmatch(r"11074-\d{6}-\d{4}", code)
    href = page.get_by_role("link", name=re.compile("Tải giấy tiếp nhận")).get_attribute("href")
    assert code in pdf_text(fetch(page, href))
    return code


def follow_the_summary(page, field_id: str) -> None:
    """The error summary at the top links to the field in error; following it lands there."""
    link = page.locator(f'.error-summary a[href="#{field_id}"], .form-errors a[href="#{field_id}"]')
    assert link.count() == 1, page.locator("main").inner_text()[:2000]
    link.click()
    assert page.url.endswith(f"#{field_id}")
    assert page.locator(f"#{field_id}").is_visible()


def upload(page, path: Path, pages: int = 1, document: str = "giay_to_tuy_than") -> None:
    path.write_bytes(pdf_bytes(pages))
    page.locator(f"#files-{document}").set_input_files(str(path))
    press(page, "Tải lên", page.locator(f"#doc-{document}"))
    assert f"Đã tải lên: {path.name}" in page.content(), page.locator("main").inner_text()


def fetch(page, href: str) -> bytes:
    """A PDF fetched by the page itself (its cookies, its host mapping), as the link opens it."""
    answer = page.evaluate(
        """async (url) => {
            const response = await fetch(url);
            const bytes = new Uint8Array(await response.arrayBuffer());
            let text = "";
            for (const byte of bytes) text += String.fromCharCode(byte);
            return {type: response.headers.get("content-type"), body: btoa(text)};
        }""",
        href,
    )
    assert answer["type"] == "application/pdf", answer["type"]
    return base64.b64decode(answer["body"])


def morning(walk: Walk, url, officer, code: str) -> None:
    """The inbox, the new dossier, a supplement request."""
    page = walk.page
    log_in(walk, url, officer.username, PASSWORD, "đăng nhập cán bộ")
    page.locator("a.inbox-link").click()
    page.wait_for_url("**/ho-so/can-bo/")
    look(walk, "hộp hồ sơ")
    page.locator("table.inbox tbody tr", has_text=code).locator("th.sticky a").click()
    look(walk, "hồ sơ mới")
    form = action(page, "Yêu cầu bổ sung hồ sơ")
    form.get_by_label("Nội dung cần bổ sung, hoàn thiện").fill(SUPPLEMENT)
    press(page, "Yêu cầu bổ sung hồ sơ", form)
    look(walk, "đã yêu cầu bổ sung")
    assert "Chờ bổ sung" in page.locator("main").inner_text() or SUPPLEMENT in page.content()


def answer_supplement(walk: Walk, url, code: str, tmp_path) -> None:
    page = walk.page
    page.goto(url(TU_KY, "/ho-so/cua-toi/"))
    look(walk, "hồ sơ của tôi, chờ bổ sung")
    page.get_by_role("link", name=code).click()
    look(walk, "yêu cầu bổ sung")
    assert SUPPLEMENT in page.locator(".notice.supplement").inner_text()
    page.get_by_role("link", name="Bổ sung hồ sơ").click()
    upload(page, tmp_path / "can-cuoc-ro.pdf", pages=2)
    look(walk, "bổ sung giấy tờ")
    press(page, "Tiếp tục")
    look(walk, "kiểm tra và nộp bổ sung")
    page.get_by_label(re.compile("Ghi chú|Lời nhắn")).fill("Đã nộp bản quét rõ nét.")
    press(page, "Nộp bổ sung")
    look(walk, "đã nộp bổ sung")
    assert "Mới nộp, chờ tiếp nhận" in page.locator("main").inner_text()


def finish_and_return(walk: Walk, url, code: str) -> None:
    page = walk.page
    page.goto(url(TU_KY, "/ho-so/can-bo/"))
    page.locator("table.inbox tbody tr", has_text=code).locator("th.sticky a").click()
    look(walk, "hồ sơ đã bổ sung")
    for button, fields in (
        ("Tiếp nhận hồ sơ", {}),
        ("Chuyển xử lý", {}),
        ("Trình lãnh đạo phê duyệt", {"Ghi chú": "Dự thảo trích lục"}),
        ("Phê duyệt, ký kết quả", {"Ý kiến phê duyệt": "Đồng ý"}),
    ):
        form = action(page, button)
        for label, value in fields.items():
            form.get_by_label(label).fill(value)
        press(page, button, form)
        assert "Đã cập nhật hồ sơ" in page.locator(".messages").inner_text(), button
        look(walk, button)
    form = action(page, "Trả kết quả")
    form.get_by_label("Số hiệu bưu gửi (mã vận đơn)").fill("EB123456789VN")
    press(page, "Trả kết quả", form)
    look(walk, "đã trả kết quả")
    assert "Đã cập nhật hồ sơ" in page.locator(".messages").inner_text()

    page.goto(url(TU_KY, "/ho-so/can-bo/so-theo-doi/"))
    look(walk, "sổ theo dõi")
    # Scrolled to its last column, the register still shows which dossier each row is.
    page.locator(".table-scroll").evaluate("(box) => { box.scrollLeft = box.scrollWidth; }")
    cell = page.locator("table.register tbody tr", has_text=code).locator("td").nth(1)
    box = cell.bounding_box()
    assert cell.inner_text() == code and box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= SIZES[walk.size]["viewport"]["width"]
    page.goto(url(TU_KY, "/thong-ke/"))
    look(walk, "thống kê")


def look_up_on_the_province(walk: Walk, url, code: str) -> None:
    page = walk.page
    page.goto(url(HAI_PHONG, "/"))
    look(walk, "cổng tỉnh")
    page.get_by_role("link", name="Tra cứu hồ sơ").first.click()
    look(walk, "tra cứu")
    page.get_by_label(re.compile("Mã hồ sơ")).first.fill(code)
    page.get_by_label(re.compile("Mã hồ sơ")).first.press("Enter")
    page.wait_for_load_state()
    look(walk, "kết quả tra cứu")
    assert "Đã trả kết quả" in page.locator("main").inner_text()


def provincial_statistics(walk: Walk, url, admin) -> None:
    """Hải Phòng's administrator opens the province's statistics: Tứ Kỳ is among its units."""
    page = walk.page
    log_in(walk, url, admin.username, PASSWORD, "đăng nhập quản trị tỉnh", host=HAI_PHONG)
    page.goto(url(HAI_PHONG, "/thong-ke/"))
    look(walk, "thống kê của tỉnh")
    assert "Thống kê tình hình giải quyết hồ sơ" in page.locator("h1").inner_text()
    assert "Xã Tứ Kỳ" in page.locator("main").inner_text()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_dossier_from_registration_to_the_result(
    size, live_portal_with_mail, browser, desk_officer, walks, django_db_blocker, tmp_path
):
    url, mailbox = live_portal_with_mail
    person = desk_officer["citizen"]
    citizen_context = new_context(browser, size)
    officer_context = new_context(browser, size)
    citizen = Walk(citizen_context.new_page(), "cong-dan", size, walks)
    officer = Walk(officer_context.new_page(), "can-bo", size, walks)
    try:
        register_and_confirm(citizen, url, mailbox, person, django_db_blocker)
        press(citizen.page, "Đăng xuất")
        log_in(citizen, url, person["id_number"], CITIZEN_PASSWORD, "đăng nhập bằng số CCCD")
        assert person["name"] in citizen.page.locator("nav.account").inner_text()
        code = submit_by_post(citizen, url, person, django_db_blocker, tmp_path)

        morning(officer, url, desk_officer["officer"], code)
        answer_supplement(citizen, url, code, tmp_path)
        finish_and_return(officer, url, code)
        look_up_on_the_province(citizen, url, code)
        officer_context.clear_cookies()  # the same desk, another person
        admin = Walk(officer.page, "quan-tri-tinh", size, walks)
        provincial_statistics(admin, url, desk_officer["admin"])
    finally:
        citizen_context.close()
        officer_context.close()
    citizen.assert_accessible()
    officer.assert_accessible()
    admin.assert_accessible()
