"""Every registered form renders to a PDF whose own text says what the citizen must read."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from django.utils import timezone
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from documents.registry import default_registry
from documents.services import render_slip
from documents.slips import Applicant, SlipKind
from documents.templatetags.slip_format import ngay_thang_nam

from .conftest import CODE, pdf_text, pdftotext, tu_ky_context

ALL_FORMS = [(framework.id, kind) for framework in default_registry() for kind in framework.forms]

#: What each kind of slip must print for the Tứ Kỳ dossier of conftest.py, besides the header.
EXPECTED = {
    SlipKind.RECEIPT: [
        "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
        "Đăng ký khai sinh (mã thủ tục 1.001193)",
        "Giấy chứng sinh Bản chính 01",
        "Căn cước của người đi đăng ký Bản điện tử 01",
        "03 ngày làm việc",
        "09 giờ 15 phút, ngày 16/06/2026",
        "14 giờ 00 phút, ngày 19/06/2026",
        "Nhận trực tiếp tại Bộ phận Một cửa",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Văn Bình",
    ],
    SlipKind.SUPPLEMENT_REQUEST: [
        "Bản chính Giấy chứng sinh ghi đầy đủ họ, chữ đệm, tên người mẹ",
        "Lý do: Giấy chứng sinh không ghi rõ họ, chữ đệm, tên người mẹ.",
        "Trần Văn Bình, số điện thoại 0225 3888 999",
        "NGƯỜI HƯỚNG DẪN",
    ],
    SlipKind.REFUSAL: [
        "không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        "Giấy chứng sinh không ghi rõ họ, chữ đệm, tên người mẹ.",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ],
    SlipKind.APOLOGY: [
        "Kính gửi: Nguyễn Thị Hồng Nhung",
        "14 giờ 00 phút, ngày 19/06/2026",
        "16 giờ 00 phút, ngày 24/06/2026",
        "xin lỗi Ông/Bà",
        "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "Lê Văn Cường",
    ],
    SlipKind.STOP_NOTICE: [
        "Kính gửi: Nguyễn Thị Hồng Nhung",
        "dừng giải quyết hồ sơ",
        "Lý do: Giấy chứng sinh không ghi rõ họ, chữ đệm, tên người mẹ.",
    ],
    SlipKind.CONTROL_SLIP: [
        "Cơ quan (bộ phận) giải quyết hồ sơ: Công chức Tư pháp - Hộ tịch",
        "Cơ quan phối hợp giải quyết hồ sơ: Công an xã Tứ Kỳ",
        "1. Giao: Bộ phận Một cửa Nhận: Công chức Tư pháp - Hộ tịch",
        "10 giờ 00 phút, ngày 16/06/2026",
        "Người nhận: Phạm Thị Dung",
        "Trước hạn",
        "Đúng hạn",
        "Trình ký kết quả",
    ],
}

_rendered: dict = {}


def rendered(framework_id: str, kind: SlipKind):
    """Render each form once per test session: several tests read the same bytes."""
    key = (framework_id, kind)
    if key not in _rendered:
        context = tu_ky_context(issued_on=date(2026, 6, 22))
        _rendered[key] = render_slip(form=kind, context=context, framework=framework_id)
    return _rendered[key]


@pytest.mark.parametrize(("framework_id", "kind"), ALL_FORMS)
def test_form_prints_header_locality_dossier_and_applicant(framework_id, kind):
    slip = rendered(framework_id, kind)
    form = default_registry().get(framework_id).form(kind)
    text = pdf_text(slip.content)

    assert slip.content.startswith(b"%PDF-")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN XÃ TỨ KỲ" in text
    assert "Tứ Kỳ, ngày 22 tháng 6 năm 2026" in text
    assert form.title.upper() in text
    assert CODE in text
    assert f"Mẫu số {form.number}" in text
    for expected in EXPECTED[kind]:
        assert expected in text, f"{framework_id}/{kind}: {expected!r} missing from {text!r}"
    # Diacritics survive both readers: what a citizen copies or searches is what was printed.
    assert "Nguyễn Thị Hồng Nhung" in text
    assert "Nguyễn Thị Hồng Nhung" in pdftotext(slip.content)
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize(("framework_id", "kind"), ALL_FORMS)
def test_form_fits_one_a4_page(framework_id, kind):
    reader = PdfReader(io.BytesIO(rendered(framework_id, kind).content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    # A4 = 210 x 297 mm = 595.28 x 841.89 pt
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_embedded_font_is_the_bundled_liberation_serif():
    reader = PdfReader(io.BytesIO(rendered("tt03-2025", SlipKind.RECEIPT).content))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert len(fonts) >= 2  # regular and bold at least
    for font in fonts.values():
        font = font.get_object()
        assert "Liberation-Serif" in str(font["/BaseFont"])
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
        # The embedded program itself: Liberation Serif 2.x, the one with Vietnamese letters
        # (1.07, Debian's fonts-liberation, lacks ơ, ư, ạ… and would fall back to another face).
        assert program["name"].getDebugName(1) == "Liberation Serif"
        assert program["name"].getDebugName(5).startswith("Version 2.")


def test_qr_code_image_is_embedded():
    reader = PdfReader(io.BytesIO(rendered("tt01-2018", SlipKind.RECEIPT).content))
    images = [
        xobject.get_object()
        for xobject in reader.pages[0]["/Resources"]["/XObject"].values()
        if xobject.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 1
    assert images[0]["/Width"] == images[0]["/Height"] >= 200


def test_receipt_is_dated_the_day_received_and_apology_the_day_issued():
    receipt = pdf_text(render_slip(form="receipt", context=tu_ky_context()).content)
    assert "Tứ Kỳ, ngày 16 tháng 6 năm 2026" in receipt
    apology = pdf_text(render_slip(form="apology", context=tu_ky_context()).content)
    assert f"Tứ Kỳ, {ngay_thang_nam(timezone.localdate())}" in apology


def test_decomposed_input_prints_composed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung")
    assert decomposed != "Nguyễn Thị Hồng Nhung"
    context = tu_ky_context(
        applicant=Applicant(name=decomposed),
        place_name=unicodedata.normalize("NFD", "Tứ Kỳ"),
    )
    text = pdf_text(render_slip(form="receipt", context=context).content)
    assert "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung" in text
    assert "Tứ Kỳ, ngày 16 tháng 6 năm 2026" in text
    assert not any(unicodedata.combining(char) for char in text)


def test_applicant_text_is_printed_literally_not_as_markup():
    context = tu_ky_context(applicant=Applicant(name="Nhung <b>in đậm</b> & cộng sự"))
    text = pdf_text(render_slip(form="receipt", context=context).content)
    assert "Nhung <b>in đậm</b> & cộng sự" in text


def test_rendered_slip_names_its_file_and_template_version():
    slip = rendered("tt01-2018", SlipKind.CONTROL_SLIP)
    assert slip.filename == f"{CODE}-mau-05.pdf"
    assert slip.framework_id == "tt01-2018"
    assert slip.kind == SlipKind.CONTROL_SLIP
    assert slip.media_type == "application/pdf"
    name, _, digest = slip.template_version.partition("@")
    assert name == "tt01-2018/mau-05.html"
    assert len(digest) == 12
