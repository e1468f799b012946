"""The catalogue as a citizen sees it on a locality's host."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


@pytest.fixture
def tu_ky_offers(demo_localities, offer, all_builtins):
    offer(demo_localities["tu_ky"], *all_builtins)
    return demo_localities["tu_ky"]


@pytest.mark.parametrize(
    "query",
    ["đăng ký kết hôn", "dang ky ket hon", "ĐĂNG KÝ KẾT HÔN", "ket hon", "Kết Hôn", "kết h"],
)
def test_search_ignores_diacritics_and_case(host_client, tu_ky_offers, query):
    response = host_client(tu_ky_offers).get("/thu-tuc/", {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    results = page.split("Kết quả tìm kiếm", 1)[1]
    # Marriage registration comes first; birth registration does not match at all.
    assert results.index("Đăng ký kết hôn") < results.index("</ul>")
    assert "Đăng ký khai sinh" not in results


def test_search_by_keyword_and_code(host_client, tu_ky_offers):
    client = host_client(tu_ky_offers)
    assert (
        "Đăng ký biến động đất đai"
        in client.get("/thu-tuc/", {"q": "sang ten so do"}).content.decode()
    )
    assert "Đăng ký khai sinh" in client.get("/thu-tuc/", {"q": "1.001193"}).content.decode()
    nothing = client.get("/thu-tuc/", {"q": "hộ chiếu"}).content.decode()
    assert "Không tìm thấy thủ tục phù hợp" in nothing


def test_index_groups_by_field_and_by_agency(host_client, tu_ky_offers):
    client = host_client(tu_ky_offers)
    by_field = client.get("/thu-tuc/").content.decode()
    for heading in ("Hộ tịch", "Chứng thực", "Đất đai", "Thành lập và hoạt động của hộ kinh doanh"):
        assert f'<h3 class="group-heading">{heading}' in by_field
    assert "6 thủ tục" in by_field
    by_agency = client.get("/thu-tuc/", {"nhom": "co-quan"}).content.decode()
    assert '<h3 class="group-heading">Ủy ban nhân dân cấp xã <span class="count">(4)' in by_agency


def test_filters_online_level_applicant_and_field(host_client, tu_ky_offers):
    client = host_client(tu_ky_offers)
    partial = client.get("/thu-tuc/", {"muc-do": "mot-phan"}).content.decode()
    assert "Đăng ký kết hôn" in partial and "Đăng ký khai sinh" not in partial
    assert "Một phần (Mức độ 3)" in partial
    full = client.get("/thu-tuc/", {"muc-do": "toan-trinh"}).content.decode()
    assert "Toàn trình (Mức độ 4)" in full and "Đăng ký kết hôn" not in full
    organisations = client.get("/thu-tuc/", {"doi-tuong": "to-chuc"}).content.decode()
    assert "Chứng thực bản sao" in organisations and "Đăng ký khai sinh" not in organisations
    civil = client.get("/thu-tuc/", {"linh-vuc": "ho-tich"}).content.decode()
    assert "Cấp bản sao trích lục hộ tịch" in civil and "Đất đai" not in civil.split("Danh sách")[1]
    junk = client.get("/thu-tuc/", {"muc-do": "<script>", "doi-tuong": "x"})
    assert junk.status_code == 200 and "<script>" not in junk.content.decode()


def test_procedure_page_shows_everything_to_prepare(host_client, tu_ky_offers):
    response = host_client(tu_ky_offers).get("/thu-tuc/1.001193/")
    assert response.status_code == 200
    page = response.content.decode()
    for expected in (
        "Đăng ký khai sinh",
        "Giấy chứng sinh",  # a required document
        "Tuỳ trường hợp",  # the surrogacy document is conditional
        "PDF, JPG, PNG, tối đa 10 MB",
        "Trong ngày làm việc (nhận sau 15:00 trả vào ngày làm việc tiếp theo)",
        "Miễn lệ phí đăng ký khai sinh đúng hạn",
        "Luật Hộ tịch (60/2014/QH13)",
        "1.001193",
        "Toàn trình (Mức độ 4)",
        '<svg role="img"',
        "Đã trả kết quả",  # a state label in the diagram
        'href="/ho-so/nop/1.001193/"',
        "Nộp hồ sơ",
        "/thu-tuc/1.001193/mau/to_khai/",
    ):
        assert expected in page, expected


def test_land_change_page_shows_the_field_inspection_step(host_client, tu_ky_offers):
    page = host_client(tu_ky_offers).get("/thu-tuc/1.004227/").content.decode()
    assert "Đang kiểm tra, đo đạc thực địa" in page
    assert "10 ngày làm việc" in page


def test_tenant_boundary_procedure_not_offered_there_is_404(host_client, tu_ky_offers, chu_puh):
    other = host_client(chu_puh)
    assert other.get("/thu-tuc/1.001193/").status_code == 404
    assert other.get("/thu-tuc/1.001193/bieu-mau.json").status_code == 404
    assert other.get("/thu-tuc/1.001193/so-do.svg").status_code == 404
    assert other.get("/thu-tuc/1.001193/to-khai/").status_code == 404
    assert other.get("/thu-tuc/1.001193/mau/to_khai/").status_code == 404
    assert "Đăng ký khai sinh" not in other.get("/thu-tuc/").content.decode()


def test_schema_is_published_as_json(host_client, tu_ky_offers):
    response = host_client(tu_ky_offers).get("/thu-tuc/1.000894/bieu-mau.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    schema = json.loads(response.content)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["x-procedure"] == {"code": "1.000894", "version": 1, "name": "Đăng ký kết hôn"}
    assert schema["properties"]["ben_nam"]["properties"]["ngay_sinh"]["x-min-age"] == 20
    assert (
        host_client(tu_ky_offers)
        .get("/thu-tuc/1.000894/bieu-mau.json", {"phien-ban": "9"})
        .status_code
        == 404
    )


def test_diagram_is_served_as_svg(host_client, tu_ky_offers):
    response = host_client(tu_ky_offers).get("/thu-tuc/1.004227/so-do.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "Kiểm tra, đo đạc thực địa" in response.content.decode()


@pytest.mark.slow
def test_blank_form_downloads_as_pdf_with_the_forms_fields(host_client, tu_ky_offers):
    response = host_client(tu_ky_offers).get("/thu-tuc/1.000894/mau/to_khai/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "TỜ KHAI ĐĂNG KÝ KẾT HÔN" in text.upper()
    assert "Bên nam" in text and "Nơi cư trú" in text
    missing = host_client(tu_ky_offers).get("/thu-tuc/1.000894/mau/giay_to_tuy_than/")
    assert missing.status_code == 404


def test_procedure_page_links_a_specimen_of_each_result_document(
    host_client, tu_ky_offers, all_builtins, demo_localities
):
    from procedure_plugins.registry import register

    client = host_client(tu_ky_offers)
    for code in all_builtins:
        plugin = register.get(code)
        page = client.get(f"/thu-tuc/{code}/").content.decode()
        for key in plugin.result_templates:
            link = f"/thu-tuc/{code}/mau-ket-qua/{key}/"
            assert f'href="{link}"' in page and "Xem mẫu kết quả" in page, code
            response = client.get(link)
            assert response.status_code == 200, code
            assert response["Content-Type"] == "application/pdf"
            reader = PdfReader(io.BytesIO(response.content))
            text = "".join(p.extract_text() for p in reader.pages)
            assert "MẪU – KHÔNG CÓ GIÁ TRỊ SỬ DỤNG" in text, code
            assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text, code
    specimen = client.get("/thu-tuc/1.001193/mau-ket-qua/giay_khai_sinh/")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(specimen.content)).pages)
    assert "GIẤY KHAI SINH" in text.upper() and "Họ, chữ đệm, tên" in text and "……" in text
    assert client.get("/thu-tuc/1.001193/mau-ket-qua/khong_co/").status_code == 404
    # Not offered on Chư Pưh: no specimen there either.
    other = host_client(demo_localities["chu_puh"])
    assert other.get("/thu-tuc/1.001193/mau-ket-qua/giay_khai_sinh/").status_code == 404


def test_form_preview_prefills_and_reports_errors_at_the_field(host_client, tu_ky_offers):
    from identity.tests.factories import make_user

    citizen = make_user(full_name="Lê Văn Cường", phone="0911222333")
    client = host_client(tu_ky_offers)
    client.force_login(citizen)
    page = client.get("/thu-tuc/2.000635/to-khai/").content.decode()
    assert 'value="Lê Văn Cường"' in page and 'value="0911222333"' in page
    assert 'for="f-nguoi_yeu_cau-ho_ten"' in page

    response = client.post(
        "/thu-tuc/2.000635/to-khai/",
        {
            "nguoi_yeu_cau.ho_ten": "Lê Văn Cường",
            "nguoi_yeu_cau.so_dinh_danh": "12ab",
            "so_ban_sao": "hai",
            "quan_he": "uy_quyen",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tờ khai còn" in page and "lỗi cần sửa" in page
    assert "Số định danh cá nhân (CCCD) gồm 12 chữ số" in page
    assert 'value="hai"' in page  # kept as typed
    assert 'aria-invalid="true"' in page
    assert "Vui lòng nhập thông tin này." in page  # uy_quyen_so, required by the condition


def test_form_preview_accepts_a_complete_form(host_client, tu_ky_offers):
    response = host_client(tu_ky_offers).post(
        "/thu-tuc/2.000635/to-khai/",
        {
            "nguoi_yeu_cau.ho_ten": "Lê Văn Cường",
            "nguoi_yeu_cau.so_dinh_danh": "031090012345",
            "nguoi_yeu_cau.noi_cu_tru.province": "31",
            "nguoi_yeu_cau.noi_cu_tru.commune": "11074",
            "nguoi_yeu_cau.noi_cu_tru.street": "Thôn 2",
            "nguoi_yeu_cau.dien_thoai": "0911222333",
            "quan_he": "ban_than",
            "loai_su_kien": "khai_sinh",
            "nguoi_duoc_cap.ho_ten": "Lê Văn Cường",
            "nguoi_duoc_cap.ngay_sinh": "01/01/1990",
            "noi_dang_ky": "UBND xã Tứ Kỳ",
            "so_ban_sao": "2",
        },
    )
    assert response.status_code == 200
    assert "Tờ khai hợp lệ" in response.content.decode()


def test_communes_for_the_address_picker(host_client, tu_ky_offers):
    response = host_client(tu_ky_offers).get("/thu-tuc/dia-ban/31/")
    assert response.status_code == 200
    names = [c["name"] for c in response.json()["communes"]]
    assert "Xã Tứ Kỳ" in names and "Xã Chư Pưh" not in names
    assert host_client(tu_ky_offers).get("/thu-tuc/dia-ban/99/").status_code == 404


def test_province_portal_lists_its_communes_and_their_procedures(
    host_client, demo_localities, offer
):
    offer(demo_localities["tu_ky"], "1.000894", "1.001193")
    offer(demo_localities["hai_phong"], "2.000635")
    client = host_client(demo_localities["hai_phong"])
    page = client.get("/thu-tuc/").content.decode()
    assert "Cấp bản sao trích lục hộ tịch" in page  # the province's own procedure
    assert "Thủ tục của xã, phường trực thuộc" in page
    assert "http://tu-ky.hai-phong.dichvucong.localhost/thu-tuc/" in page
    assert "Xã Chư Pưh" not in page
    searched = client.get("/thu-tuc/", {"q": "ket hon"}).content.decode()
    assert "http://tu-ky.hai-phong.dichvucong.localhost/thu-tuc/1.000894/" in searched


def test_national_root_lists_every_procedure_and_who_offers_it(host_client, demo_localities, offer):
    offer(demo_localities["tu_ky"], "1.000894")
    offer(demo_localities["chu_puh"], "1.000894", "1.001193")
    national = host_client(demo_localities["national"])
    index = national.get("/thu-tuc/")
    assert index.status_code == 200
    page = index.content.decode()
    assert "Đăng ký kết hôn" in page and "2 đơn vị cung cấp" in page
    assert "Đăng ký biến động đất đai" in page and "0 đơn vị cung cấp" in page
    searched = national.get("/thu-tuc/", {"q": "DANG KY KET HON"}).content.decode()
    assert "Đăng ký kết hôn" in searched and "Đăng ký khai sinh" not in searched
    detail = national.get("/thu-tuc/1.000894/").content.decode()
    assert "Nộp hồ sơ tại đơn vị nào?" in detail
    assert "<h3>Thành phố Hải Phòng</h3>" in detail and "<h3>Gia Lai</h3>" in detail
    assert "http://tu-ky.hai-phong.dichvucong.localhost/thu-tuc/1.000894/" in detail
    assert "http://chu-puh.gia-lai.dichvucong.localhost/thu-tuc/1.000894/" in detail
    assert "Tờ khai đăng ký kết hôn" in detail  # what to prepare, national values
    assert national.get("/thu-tuc/9.999999/").status_code == 404
    assert national.get("/thu-tuc/1.000894/so-do.svg").status_code == 200
    assert national.get("/thu-tuc/1.000894/bieu-mau.json").json()["x-procedure"]["version"] == 1
    specimen = "/thu-tuc/1.000894/mau-ket-qua/giay_chung_nhan_ket_hon/"
    assert f'href="{specimen}"' in detail
    assert national.get(specimen)["Content-Type"] == "application/pdf"
