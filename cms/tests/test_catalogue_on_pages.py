"""The catalogue next to the pages: most used procedures, combined search, procedure links."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context
from wagtail.models import Page

from cms import catalogue
from cms.blocks import ProcedureLinkBlock
from cms.models import CataloguePage, GuidancePage, HomePage
from procedure_plugins.services import offering_enable

pytestmark = pytest.mark.django_db

BIRTH = "1.001193"
MARRIAGE = "1.000894"


@pytest.fixture
def tu_ky_offers(demo_localities):
    tu_ky = demo_localities["tu_ky"]
    for code in (BIRTH, MARRIAGE):
        offering_enable(locality=tu_ky, code=code)
    return tu_ky


def test_home_page_lists_the_most_used_procedures_with_links(
    tu_ky_offers, demo_localities, host_client
):
    page = host_client(tu_ky_offers).get("/").content.decode()
    assert "Thủ tục được sử dụng nhiều" in page
    assert f'href="/thu-tuc/{BIRTH}/"' in page and "Đăng ký khai sinh" in page
    assert "Xem toàn bộ danh mục thủ tục hành chính" in page
    # Chư Pưh offers nothing in this test: its home page has no such list.
    other = host_client(demo_localities["chu_puh"]).get("/").content.decode()
    assert "Thủ tục được sử dụng nhiều" not in other


def test_search_finds_procedures_and_pages_without_diacritics(tu_ky_offers, host_client):
    response = host_client(tu_ky_offers).get("/tim-kiem/", {"q": "khai sinh"})
    html = response.content.decode()
    procedures = html.split('id="found-procedures"', 1)[1].split("</section>", 1)[0]
    assert "Đăng ký khai sinh" in procedures
    assert "Đăng ký kết hôn" not in procedures
    everything = host_client(tu_ky_offers).get("/tim-kiem/", {"q": "dang ky"}).content.decode()
    assert 'id="found-procedures"' in everything and 'id="found-pages"' in everything


def test_procedure_link_block_offers_this_localitys_procedures_and_links_to_them(
    tu_ky_offers, host_client
):
    with tenant_context(tu_ky_offers):
        choices = dict(catalogue.procedure_choices())
        assert set(choices) == {BIRTH, MARRIAGE}
        block = ProcedureLinkBlock()
        value = block.to_python({"procedure": BIRTH, "label": ""})
        html = block.render(value)
        assert f'href="/thu-tuc/{BIRTH}/"' in html and "Đăng ký khai sinh" in html
        home = HomePage.objects.get()
        guide = GuidancePage(
            title="Làm giấy khai sinh cho con",
            slug="khai-sinh-cho-con",
            body=[("procedure_link", {"procedure": BIRTH, "label": "Nộp hồ sơ khai sinh"})],
        )
        home.add_child(instance=guide)
        guide.save_revision().publish()
    page = host_client(tu_ky_offers).get("/khai-sinh-cho-con/").content.decode()
    assert f'<a class="button" href="/thu-tuc/{BIRTH}/">Nộp hồ sơ khai sinh</a>' in page


def test_a_procedure_no_longer_offered_is_shown_as_such(demo_localities, host_client):
    chu_puh = demo_localities["chu_puh"]
    with tenant_context(chu_puh):
        guide = GuidancePage(
            title="Thủ tục cũ",
            slug="thu-tuc-cu",
            body=[("procedure_link", {"procedure": BIRTH, "label": ""})],
        )
        HomePage.objects.get().add_child(instance=guide)
        guide.save_revision().publish()
    page = host_client(chu_puh).get("/thu-tuc-cu/").content.decode()
    assert f"Thủ tục {BIRTH} hiện không được cung cấp tại đơn vị này." in page


def test_catalogue_page_hands_over_to_the_catalogue(demo_localities, host_client):
    tu_ky = demo_localities["tu_ky"]
    with tenant_context(tu_ky):
        page = CataloguePage.objects.get()
        assert page.url == "/thu-tuc-hanh-chinh/"
        assert page.menu_url == "/thu-tuc/"
        assert Page.objects.in_menu().filter(pk=page.pk).exists()
    response = host_client(tu_ky).get("/thu-tuc-hanh-chinh/")
    assert response.status_code == 302
    assert response["Location"] == "/thu-tuc/"
    assert host_client(tu_ky).get("/thu-tuc/").status_code == 200
