"""What citizens see on a locality's portal: its home page, pages on its own host only, search."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context
from wagtail.models import Site

from cms.models import FooterSettings, GuidancePage, HomePage, NoticeIndexPage, NoticePage

pytestmark = pytest.mark.django_db


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_every_demo_locality_has_its_site_on_its_host(demo_localities):
    for key in ("hai_phong", "tu_ky", "gia_lai", "chu_puh"):
        locality = demo_localities[key]
        with tenant_context(locality):
            site = Site.objects.get(is_default_site=True)
            assert site.hostname == locality.get_primary_domain().domain
            assert site.port == 8000
            assert site.root_page.specific.title == locality.name
            assert isinstance(site.root_page.specific, HomePage)


def test_home_page_shows_the_localitys_name_search_and_lookup(host_client, demo_localities):
    response = host_client(demo_localities["tu_ky"]).get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cổng dịch vụ công trực tuyến Xã Tứ Kỳ" in page
    assert 'action="/tim-kiem/"' in page
    assert 'action="/ho-so/tra-cuu/"' in page
    assert 'name="id_number"' in page
    assert "Hướng dẫn đăng ký và nộp hồ sơ trực tuyến" in page  # in the menu
    assert "Chư Pưh" not in page


def test_provisioned_guidance_page_explains_registering_and_submitting(
    host_client, demo_localities
):
    response = host_client(demo_localities["chu_puh"]).get("/huong-dan-dang-ky-va-nop-ho-so/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bước 1:" in page
    assert "Đăng ký tài khoản" in page
    assert "bưu chính công ích" in page
    assert 'action="/ho-so/tra-cuu/"' in page


def test_published_guidance_page_renders_on_its_own_host_only(
    host_client, demo_localities, use_locality
):
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    use_locality(tu_ky)
    publish(
        HomePage.objects.get(),
        GuidancePage(title="Hướng dẫn cấp bản sao trích lục", slug="ban-sao-trich-luc"),
    )
    own = host_client(tu_ky).get("/ban-sao-trich-luc/")
    assert own.status_code == 200
    assert "Hướng dẫn cấp bản sao trích lục" in own.content.decode()
    other = host_client(chu_puh).get("/ban-sao-trich-luc/")
    assert other.status_code == 404
    assert "Hướng dẫn cấp bản sao trích lục" not in other.content.decode()


def test_home_page_shows_notices_in_force_only(host_client, demo_localities, use_locality):
    tu_ky = demo_localities["tu_ky"]
    use_locality(tu_ky)
    index = NoticeIndexPage.objects.get()
    now = timezone.now()
    day = datetime.timedelta(days=1)
    publish(index, NoticePage(title="Lịch nghỉ Tết", slug="tet", valid_from=now - day))
    publish(
        index,
        NoticePage(
            title="Tạm dừng tiếp nhận hồ sơ đất đai",
            slug="tam-dung",
            valid_from=now - 10 * day,
            valid_until=now - day,
        ),
    )
    publish(index, NoticePage(title="Lịch tiếp dân tháng sau", slug="sau", valid_from=now + day))
    home = host_client(tu_ky).get("/").content.decode()
    assert "Lịch nghỉ Tết" in home
    assert "Tạm dừng tiếp nhận hồ sơ đất đai" not in home
    assert "Lịch tiếp dân tháng sau" not in home
    listing = host_client(tu_ky).get("/thong-bao/").content.decode()
    assert "Đã hết hiệu lực" in listing and "Tạm dừng tiếp nhận hồ sơ đất đai" in listing


def test_notice_end_before_start_is_refused_at_the_field(demo_localities, use_locality):
    from django.core.exceptions import ValidationError

    use_locality(demo_localities["tu_ky"])
    now = timezone.now()
    notice = NoticePage(title="Sai hạn", slug="sai-han", valid_from=now, valid_until=now)
    with pytest.raises(ValidationError) as refused:
        NoticeIndexPage.objects.get().add_child(instance=notice)
    assert "phải sau thời điểm bắt đầu" in str(refused.value.message_dict["valid_until"])


def test_province_home_lists_its_communes_with_links(host_client, demo_localities):
    page = host_client(demo_localities["hai_phong"]).get("/").content.decode()
    assert "Các đơn vị trực thuộc" in page
    assert 'href="http://tu-ky.hai-phong.dichvucong.localhost/"' in page
    assert "Chư Pưh" not in page
    commune = host_client(demo_localities["tu_ky"]).get("/").content.decode()
    assert "Các đơn vị trực thuộc" not in commune


def found_pages(response) -> str:
    """The page-results section of a search response (the menu repeats page titles)."""
    html = response.content.decode()
    return html.split('id="found-pages"', 1)[1] if 'id="found-pages"' in html else ""


def test_search_ignores_diacritics_and_stays_in_the_locality(
    host_client, demo_localities, use_locality
):
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    use_locality(chu_puh)
    publish(
        HomePage.objects.get(),
        GuidancePage(title="Đăng ký kết hôn có yếu tố nước ngoài", slug="ket-hon-nuoc-ngoai"),
    )
    use_locality(tu_ky)
    unaccented = host_client(tu_ky).get("/tim-kiem/", {"q": "dang ky nop ho so"})
    assert unaccented.status_code == 200
    assert "Hướng dẫn đăng ký và nộp hồ sơ trực tuyến" in found_pages(unaccented)
    accented = found_pages(host_client(tu_ky).get("/tim-kiem/", {"q": "Đăng ký"}))
    assert "Hướng dẫn đăng ký và nộp hồ sơ trực tuyến" in accented
    # Chư Pưh's page is in Chư Pưh's index only.
    assert "kết hôn có yếu tố nước ngoài" not in accented
    there = found_pages(host_client(chu_puh).get("/tim-kiem/", {"q": "ket hon"}))
    assert "Đăng ký kết hôn có yếu tố nước ngoài" in there
    nothing = host_client(tu_ky).get("/tim-kiem/", {"q": "ket hon nuoc ngoai"})
    assert found_pages(nothing) == ""
    assert "Không tìm thấy kết quả nào" in nothing.content.decode()


def test_search_with_nothing_typed_shows_the_form(host_client, demo_localities):
    response = host_client(demo_localities["tu_ky"]).get("/tim-kiem/", {"q": "   "})
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_footer_shows_the_localitys_copyright_information(
    host_client, demo_localities, use_locality
):
    chu_puh = demo_localities["chu_puh"]
    use_locality(chu_puh)
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.agency = "UBND xã Chư Pưh"
    footer.address = "Thôn Hòa Thuận, xã Chư Pưh, tỉnh Gia Lai"
    footer.phone = "(0269) 3 850 009"
    footer.email = "ubndchupuh@gialai.gov.vn"
    footer.content_responsible = "Ông Siu Y, Phó Chủ tịch UBND xã"
    footer.licence = "09/GP-TTĐT ngày 11/11/2020"
    footer.save()
    page = host_client(chu_puh).get("/lien-he/").content.decode()
    for text in (
        "Thông tin bản quyền",
        "UBND xã Chư Pưh",
        "Thôn Hòa Thuận",
        "ubndchupuh@gialai.gov.vn",
        "Người chịu trách nhiệm nội dung",
        "09/GP-TTĐT",
        "Thống kê truy cập",
    ):
        assert text in page
    other = host_client(demo_localities["tu_ky"]).get("/").content.decode()
    assert "ubndchupuh@gialai.gov.vn" not in other
    assert "Cơ quan: Xã Tứ Kỳ" in other  # an empty footer falls back to the locality's name


def test_pasted_scripts_never_reach_the_page(host_client, demo_localities, use_locality):
    tu_ky = demo_localities["tu_ky"]
    use_locality(tu_ky)
    notice = publish(
        NoticeIndexPage.objects.get(),
        NoticePage(
            title="Thông báo có mã độc",
            slug="ma-doc",
            body=(
                '<p onclick="steal()">Nội dung thật<script>alert(1)</script></p>'
                '<p><a href="javascript:alert(2)" onmouseover="x()">bấm</a></p>'
                '<img src="x" onerror="alert(3)"><iframe src="https://evil.example"></iframe>'
            ),
        ),
    )
    notice.refresh_from_db()
    assert notice.body == "<p>Nội dung thật</p><p><a>bấm</a></p>"
    page = host_client(tu_ky).get("/thong-bao/ma-doc/").content.decode()
    assert "Nội dung thật" in page
    for bad in ("<script>alert", "onclick", "javascript:", "onerror", "evil.example"):
        assert bad not in page


def test_footer_is_on_every_locality_page_but_not_on_the_national_root(
    host_client, demo_localities
):
    catalogue = host_client(demo_localities["tu_ky"]).get("/thu-tuc/")
    assert catalogue.status_code == 200
    assert "Cơ quan: Xã Tứ Kỳ" in catalogue.content.decode()
    national = host_client(demo_localities["national"]).get("/")
    assert national.status_code == 200
    assert "Thông tin bản quyền" not in national.content.decode()
    assert "phần mềm nguồn mở" in national.content.decode()


def test_latest_news_on_the_home_page_and_in_the_news_list(
    host_client, demo_localities, use_locality
):
    from cms.models import NewsArticlePage, NewsIndexPage

    tu_ky = demo_localities["tu_ky"]
    use_locality(tu_ky)
    news = NewsIndexPage.objects.get()
    for day in range(1, 8):
        publish(
            news,
            NewsArticlePage(
                title=f"Tin ngày {day:02d}/12",
                slug=f"tin-{day}",
                date=datetime.date(2026, 12, day),
                summary="Hoạt động của Bộ phận Một cửa.",
            ),
        )
    home = host_client(tu_ky).get("/").content.decode()
    latest = home.split('id="latest-news"', 1)[1].split("</section>", 1)[0]
    assert "Tin ngày 07/12" in latest and "Tin ngày 03/12" in latest
    assert "Tin ngày 02/12" not in latest  # five newest only (the home page's setting)
    assert latest.index("Tin ngày 07/12") < latest.index("Tin ngày 03/12")
    listing = host_client(tu_ky).get("/tin-tuc/").content.decode()
    assert "Tin ngày 01/12" in listing and "07/12/2026" in listing


def test_home_page_shows_the_uploaded_emblem(
    host_client, demo_localities, use_locality, media_root
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images.models import Image

    from cms.tests.test_editing import png_bytes

    tu_ky = demo_localities["tu_ky"]
    use_locality(tu_ky)
    emblem = Image(title="Quốc huy")
    emblem.file.save("quoc-huy.png", SimpleUploadedFile("quoc-huy.png", png_bytes()), save=False)
    emblem.save()
    home = HomePage.objects.get()
    home.emblem = emblem
    home.save_revision().publish()
    page = host_client(tu_ky).get("/").content.decode()
    assert f'src="/media/{tu_ky.schema_name}/images/quoc-huy' in page
    assert "cms/emblem.svg" not in page
