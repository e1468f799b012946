"""A citizen who cannot use a mouse: Tab, Shift+Tab, arrows, Space and Enter only, from the login
page to the confirmation of a submitted dossier (with a PDF chosen from the file dialog the
keyboard opens). Every control is reached in the page's tab order and shows where the focus is.
Each page is photographed and checked by axe-core, as in test_journeys."""

from __future__ import annotations

import re

import pytest

from tests.browser.audit import Walk, new_context
from tests.browser.test_journeys import TU_KY, captcha_answer
from tests.browser.test_submit_dossier import PASSWORD, committed_citizen
from workflows.tests.helpers import EXTRACT_COPY, pdf_bytes

pytestmark = [pytest.mark.slow, pytest.mark.browser]

citizen = committed_citizen  # a confirmed citizen of Tứ Kỳ with an ID number, removed afterwards

#: Enough presses to cross the longest page (the form) from top to bottom.
MOST_TABS = 120

FOCUS_SHOWN = """() => {
    const e = document.activeElement, s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    return outline || s.boxShadow !== 'none';
}"""


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the focus, which must be visible."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            assert page.evaluate(FOCUS_SHOWN), f"{selector} has the focus but shows no outline"
            return
    raise AssertionError(f"{selector} is not reached with Tab on {page.url}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def choose(page, selector: str, value: str) -> None:
    """A drop-down list: Home, then the down arrow until `value` is chosen (as a person reads)."""
    tab_to(page, selector)
    page.keyboard.press("Home")
    for _ in range(400):
        if page.evaluate("() => document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value} is not among the choices of {selector}")


def pick(page, name: str, value: str) -> None:
    """A radio group: Tab into it, then the arrows (which also choose) until `value`."""
    tab_to(page, f'input[type=radio][name="{name}"]')
    for _ in range(20):
        if page.evaluate("() => document.activeElement.value") == value:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value} is not a choice of {name}")


def tick(page, selector: str) -> None:
    """A check box: Tab to it, Space."""
    tab_to(page, selector)
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked"), selector


def activate(page, selector: str) -> None:
    """Tab to a link or button and press Enter, then wait for the next page."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_login_and_a_submission_from_the_keyboard_alone(
    live_portal, browser, citizen, walks, django_db_blocker, tmp_path
):
    context = new_context(browser, "desktop")
    page = context.new_page()
    walk = Walk(page, "ban-phim", "desktop", walks)
    try:
        page.goto(live_portal(TU_KY, "/tai-khoan/dang-nhap/"))
        walk.look("đăng nhập")
        # The login field has the focus already (autofocus).
        assert page.evaluate("() => document.activeElement.name") == "username"
        page.keyboard.type(citizen.id_number)
        type_into(page, "input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "Lê Thị Mai" in page.locator("nav.account").inner_text()

        page.goto(live_portal(TU_KY, f"/thu-tuc/{EXTRACT_COPY}/"))
        walk.look("trang thủ tục")
        # The first Tab shows the skip link; Enter moves the focus to the content.
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.className") == "skip-link"
        assert page.evaluate(FOCUS_SHOWN)
        activate(page, f'a[href$="/ho-so/nop/{EXTRACT_COPY}/"]')
        activate(page, "main form button.button[type=submit]")

        walk.look("tờ khai")
        type_into(page, '[name="nguoi_yeu_cau.so_dinh_danh"]', "031195001122")
        province = '[name="nguoi_yeu_cau.noi_cu_tru.province"]'
        hai_phong = page.locator(f"{province} option", has_text="Thành phố Hải Phòng")
        choose(page, province, hai_phong.get_attribute("value"))
        commune = '[name="nguoi_yeu_cau.noi_cu_tru.commune"]'
        page.locator(f'{commune} option[value="11074"]').wait_for(state="attached")
        choose(page, commune, "11074")
        pick(page, "quan_he", "ban_than")
        choose(page, '[name="loai_su_kien"]', "khai_sinh")
        type_into(page, '[name="nguoi_duoc_cap.ho_ten"]', "Lê Thị Mai")
        type_into(page, '[name="nguoi_duoc_cap.ngay_sinh"]', "15/08/1995")
        type_into(page, '[name="noi_dang_ky"]', "UBND xã Tứ Kỳ")
        type_into(page, '[name="so_ban_sao"]', "1")
        tick(page, '[name="muc_dich"][value="hoc_tap"]')
        activate(page, 'button[name="next"]')

        walk.look("giấy tờ")
        scan = tmp_path / "can-cuoc.pdf"
        scan.write_bytes(pdf_bytes())
        tab_to(page, "#files-giay_to_tuy_than")
        with page.expect_file_chooser() as chooser:
            page.keyboard.press("Space")
        chooser.value.set_files(str(scan))
        activate(page, "#doc-giay_to_tuy_than button")
        assert "Đã tải lên: can-cuoc.pdf" in page.content()
        walk.look("đã tải lên")
        activate(page, 'button[name="next"]')

        walk.look("nhận kết quả")
        pick(page, "method", "desk")
        activate(page, "main form button.button[type=submit]")

        walk.look("kiểm tra")
        tick(page, "input[name=declaration]")
        type_into(page, "input[name=captcha_1]", captcha_answer(page, django_db_blocker))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_url("**/da-nop/")
        walk.look("đã nộp")
        assert page.locator("h1").inner_text() == "Đã nộp hồ sơ thành công"
        assert re.fullmatch(r"11074-\d{6}-\d{4}", page.locator(".code").inner_text())
    finally:
        context.close()
    walk.assert_accessible()
