"""A citizen on the national portal finds their commune and lands on its portal."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db]


def test_citizen_walks_from_national_root_to_commune_portal(live_portal, page):
    page.goto(live_portal("dichvucong.localhost"))
    page.get_by_label("Tìm xã, phường, tỉnh, thành phố").fill("tu ky")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Xã Tứ Kỳ").click()
    page.wait_for_url("**/tu-ky.hai-phong.dichvucong.localhost*/**")
    assert "Xã Tứ Kỳ" in page.locator("h1").inner_text()


def test_unknown_host_shows_the_friendly_page_in_a_browser(live_portal, page):
    response = page.goto(live_portal("khong-co.dichvucong.localhost"))
    assert response.status == 404
    assert "Không tìm thấy cổng dịch vụ công" in page.locator("h1").inner_text()
