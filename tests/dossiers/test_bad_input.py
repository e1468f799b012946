"""Bad input on the submission journey: a clear Vietnamese message, a 4xx status, nothing stored
that should not be, and the citizen's other answers kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from identity.tests.factories import make_user, solve_captcha
from workflows.models import Attachment, Dossier
from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    EXTRACT_COPY,
    birth_registration_post,
    extract_copy_post,
    image_bytes,
    multipart_body,
    pdf_bytes,
    text_of,
)

from .journey import choose_delivery, fill_form, start, upload


@pytest.fixture
def draft(offered, citizen, client_for):
    """A birth-registration draft of the citizen with its form filled in."""
    client = client_for("tu_ky", citizen)
    reference = start(client, BIRTH_REGISTRATION)
    fill_form(client, reference, birth_registration_post())
    return client, reference


def stored(demo_localities, reference) -> tuple[list[Attachment], list[Path]]:
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        rows = list(Attachment.objects.filter(dossier__reference=reference))
    finally:
        connection.set_schema_to_public()
    schema = demo_localities["tu_ky"].schema_name
    folder = Path(settings.PRIVATE_FILES_ROOT) / schema / "ho-so" / reference
    files = [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []
    return rows, files


# -- files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "giay-chung-sinh.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00 this is a Windows program",
            "không phải là PDF, JPG, PNG: nội dung tệp không đúng định dạng",
        ),
        ("anh.jpg", b"GIF89a\x01\x00\x01\x00", "không phải là PDF, JPG, PNG"),
        ("rong.pdf", b"", "rỗng (0 byte)"),
        ("hong.pdf", b"%PDF-1.7\n1 0 obj garbage without pages", "Tệp PDF bị hỏng"),
        ("anh-hong.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "Tệp ảnh bị hỏng"),
    ],
)
def test_a_file_is_checked_by_its_content(draft, demo_localities, name, content, message):
    client, reference = draft
    response = upload(client, reference, "giay_chung_sinh", [(name, content)])
    assert response.status_code == 400
    assert message in text_of(response)
    assert stored(demo_localities, reference) == ([], [])


def test_a_png_named_pdf_is_kept_as_the_png_it_is(draft, demo_localities):
    client, reference = draft
    response = upload(client, reference, "giay_chung_sinh", [("scan.pdf", image_bytes("PNG"))])
    assert response.status_code == 302
    (row,), (path,) = stored(demo_localities, reference)
    assert row.content_type == "image/png"
    assert path.suffix == ".png"  # the name on disk is ours, with the real type


def test_an_oversize_file_is_refused(draft, demo_localities):
    client, reference = draft
    big = pdf_bytes() + b"%" + b"0" * (10 * 1024 * 1024)
    response = upload(client, reference, "giay_chung_sinh", [("lon.pdf", big)])
    assert response.status_code == 400
    assert "vượt quá 10 MB cho phép" in text_of(response)
    assert stored(demo_localities, reference) == ([], [])


@pytest.mark.parametrize(
    ("raw_name", "message"),
    [
        ("../../c23942/ho-so/giay.pdf", "chứa dấu / hoặc \\"),
        ("..\\..\\giay.pdf", "chứa dấu / hoặc \\"),
        ("giay\x1bchung-sinh.pdf", "chứa ký tự điều khiển"),
    ],
)
def test_a_name_with_path_separators_or_control_characters_is_refused(
    draft, demo_localities, raw_name, message
):
    client, reference = draft
    token = client.get(f"/ho-so/{reference}/giay-to/").cookies  # a session exists already
    assert token is not None
    body, content_type = multipart_body(
        {"document": "giay_chung_sinh"}, [("files", raw_name, pdf_bytes())]
    )
    response = client.generic(
        "POST", f"/ho-so/{reference}/giay-to/", body, content_type=content_type
    )
    assert response.status_code == 400
    assert message in text_of(response)
    assert stored(demo_localities, reference) == ([], [])


def test_more_files_than_a_document_takes_are_refused(draft, demo_localities):
    client, reference = draft
    pages = [(f"trang-{i}.pdf", pdf_bytes(i)) for i in range(1, 7)]  # the document takes 5
    response = upload(client, reference, "giay_chung_sinh", pages)
    assert response.status_code == 400
    assert "nhận tối đa 5 tệp" in text_of(response)
    rows, files = stored(demo_localities, reference)
    assert len(rows) == len(files) == 5


def test_the_same_file_twice_is_refused(draft):
    client, reference = draft
    content = pdf_bytes(3)
    assert upload(client, reference, "giay_chung_sinh", [("a.pdf", content)]).status_code == 302
    response = upload(client, reference, "giay_chung_sinh", [("b.pdf", content)])
    assert response.status_code == 400
    assert "đã được tải lên cho giấy tờ này" in text_of(response)


def test_a_missing_required_document_stops_the_journey(draft):
    client, reference = draft
    response = client.post(f"/ho-so/{reference}/giay-to/", {"next": "1"})
    assert response.status_code == 400
    assert "Vui lòng đính kèm “Giấy chứng sinh”" in text_of(response)


# -- answers --------------------------------------------------------------------------------------


def test_answers_outside_the_schema_are_shown_at_their_fields_and_the_rest_is_kept(
    offered, citizen, client_for, demo_localities
):
    client = client_for("tu_ky", citizen)
    reference = start(client, BIRTH_REGISTRATION)
    response = client.post(
        f"/ho-so/{reference}/to-khai/",
        {
            **birth_registration_post(
                **{
                    "tre.0.ngay_sinh": "31/02/2026",
                    "nguoi_yeu_cau.so_dinh_danh": "12345",
                    "tre.0.gioi_tinh": "khong-co-trong-danh-sach",
                    "so_ban_sao": "mười",
                }
            ),
            "ten_truong_bia_dat": "bị bỏ qua",
            "next": "1",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    text = text_of(response)
    assert "Tờ khai còn" in text
    # Each message sits with its field (aria-describedby), and what was typed is kept.
    assert 'id="f-tre-0-ngay_sinh-error"' in page
    assert 'id="f-nguoi_yeu_cau-so_dinh_danh-error"' in page
    assert 'value="31/02/2026"' in page
    assert 'value="Nguyễn Minh Khang"' in page
    assert 'value="Bệnh viện Đa khoa Tứ Kỳ"' in page
    # The draft kept everything typed, and nothing outside the schema.
    connection.set_tenant(demo_localities["tu_ky"])
    saved = Dossier.objects.get(reference=reference).answers
    connection.set_schema_to_public()
    assert saved["tre"][0]["ho_ten"] == "Nguyễn Minh Khang"
    assert saved["tre"][0]["ngay_sinh"] == "31/02/2026"
    assert "ten_truong_bia_dat" not in saved


def test_a_draft_is_saved_and_resumed(offered, citizen, client_for):
    client = client_for("tu_ky", citizen)
    reference = start(client, EXTRACT_COPY)
    first = client.get(f"/ho-so/{reference}/to-khai/").content.decode()
    assert 'value="Nguyễn Văn An"' in first  # prefilled from the profile
    assert f'value="{citizen.id_number}"' in first
    # Half done (the number of copies is still missing): "Lưu nháp" keeps it anyway.
    half = extract_copy_post(noi_dang_ky="UBND xã Tứ Kỳ cũ", so_ban_sao="")
    response = client.post(f"/ho-so/{reference}/to-khai/", {**half, "save": "1"})
    assert response.status_code == 302
    page = client.get(f"/ho-so/{reference}/to-khai/")
    assert "Đã lưu nháp" in text_of(page)
    assert 'value="UBND xã Tứ Kỳ cũ"' in page.content.decode()
    start_page = text_of(client.get(f"/ho-so/nop/{EXTRACT_COPY}/"))
    assert "Tiếp tục hồ sơ nháp" in start_page
    mine = text_of(client.get("/ho-so/cua-toi/"))
    assert "(nháp)" in mine and "Cấp bản sao trích lục hộ tịch" in mine


# -- procedures, hidden fields, other people's drafts ---------------------------------------------


def test_a_procedure_the_locality_does_not_offer_is_404_with_a_message(
    offered, citizen, client_for
):
    client = client_for("tu_ky", citizen)
    for code in ("1.004227", "9.999999"):  # land change (not offered here), unknown
        response = client.get(f"/ho-so/nop/{code}/")
        assert response.status_code == 404
        assert f"Đơn vị này không cung cấp thủ tục {code} trực tuyến" in text_of(response)
        response = client.post(
            f"/ho-so/nop/{code}/", {"token": "6f1c1c1e-1f1e-4e55-9a0a-3f1a1d1a1b1c"}
        )
        assert response.status_code == 404


def test_a_tampered_review_token_is_refused_and_nothing_is_submitted(
    draft, citizen, client_for, demo_localities
):
    client, reference = draft
    upload(client, reference, "giay_chung_sinh", [("cs.pdf", pdf_bytes())])
    choose_delivery(client, reference)
    review = client.get(f"/ho-so/{reference}/kiem-tra/")
    token = review.context["form"]["review"].value()
    # Another draft of the same citizen: its valid token does not submit this one.
    other = start(client, EXTRACT_COPY)
    other_token = client.get(f"/ho-so/{other}/kiem-tra/").context["form"]["review"].value()
    for forged in (token[:-2] + "xx", other_token):
        response = client.post(
            f"/ho-so/{reference}/kiem-tra/",
            {"review": forged, "declaration": "on", **solve_captcha(review)},
        )
        assert response.status_code == 403
        assert "Dữ liệu của trang đã bị thay đổi" in text_of(response)
    connection.set_tenant(demo_localities["tu_ky"])
    assert Dossier.objects.get(reference=reference).state == "draft"
    connection.set_schema_to_public()


def test_answers_changed_after_the_review_must_be_reviewed_again(draft):
    client, reference = draft
    upload(client, reference, "giay_chung_sinh", [("cs.pdf", pdf_bytes())])
    choose_delivery(client, reference)
    review = client.get(f"/ho-so/{reference}/kiem-tra/")
    token = review.context["form"]["review"].value()
    fill_form(client, reference, birth_registration_post(**{"tre.0.ho_ten": "Nguyễn Minh Khôi"}))
    response = client.post(
        f"/ho-so/{reference}/kiem-tra/",
        {"review": token, "declaration": "on", **solve_captcha(review)},
    )
    assert response.status_code == 409
    assert "Hồ sơ đã thay đổi kể từ khi bạn mở trang này" in text_of(response)
    assert "Nguyễn Minh Khôi" in text_of(response)


def test_someone_elses_draft_is_not_found(draft, client_for, demo_localities):
    _client, reference = draft
    stranger = client_for("tu_ky", make_user())
    for path in ("to-khai/", "giay-to/", "nhan-ket-qua/", "kiem-tra/", "", "da-nop/"):
        response = stranger.get(f"/ho-so/{reference}/{path}")
        assert response.status_code == 404, path
        assert "Không tìm thấy hồ sơ này" in text_of(response)
    response = upload(stranger, reference, "giay_chung_sinh", [("x.pdf", pdf_bytes())])
    assert response.status_code == 404
    response = stranger.post(
        f"/ho-so/{reference}/to-khai/", {**birth_registration_post(), "next": "1"}
    )
    assert response.status_code == 404
    response = stranger.post(f"/ho-so/{reference}/xoa/")
    assert response.status_code == 404
    assert stored(demo_localities, reference) == ([], [])
    connection.set_tenant(demo_localities["tu_ky"])
    assert Dossier.objects.filter(reference=reference).exists()
    connection.set_schema_to_public()


def test_a_wrong_captcha_keeps_the_draft_and_says_so(draft, demo_localities):
    client, reference = draft
    upload(client, reference, "giay_chung_sinh", [("cs.pdf", pdf_bytes())])
    choose_delivery(client, reference)
    review = client.get(f"/ho-so/{reference}/kiem-tra/")
    answer = solve_captcha(review)
    answer["captcha_1"] = "sai" + answer["captcha_1"]
    response = client.post(
        f"/ho-so/{reference}/kiem-tra/",
        {"review": review.context["form"]["review"].value(), "declaration": "on", **answer},
    )
    assert response.status_code == 400
    assert "Mã xác nhận không đúng" in text_of(response)
    connection.set_tenant(demo_localities["tu_ky"])
    assert Dossier.objects.get(reference=reference).state == "draft"
    connection.set_schema_to_public()


def test_an_unconfirmed_account_drafts_but_cannot_submit(offered, client_for, demo_localities):
    client = client_for("tu_ky", make_user(confirmed=False))
    reference = start(client, EXTRACT_COPY)
    fill_form(client, reference, extract_copy_post())
    choose_delivery(client, reference)
    review = client.get(f"/ho-so/{reference}/kiem-tra/")
    text = text_of(review)
    assert "Bạn cần xác nhận địa chỉ thư điện tử trước khi nộp hồ sơ" in text
    assert "Gửi lại thư xác nhận" in text
    response = client.post(f"/ho-so/{reference}/kiem-tra/", {"declaration": "on"})
    assert response.status_code == 403
    assert "Gửi lại thư xác nhận" in text_of(response)
    connection.set_tenant(demo_localities["tu_ky"])
    assert Dossier.objects.get(reference=reference).state == "draft"
    connection.set_schema_to_public()


def test_a_start_form_without_its_token_is_refused(offered, citizen, client_for):
    client = client_for("tu_ky", citizen)
    response = client.post(f"/ho-so/nop/{EXTRACT_COPY}/", {"token": "not-a-uuid"})
    assert response.status_code == 400
    assert "Biểu mẫu không hợp lệ" in text_of(response)
