"""A confirmed citizen submits dossiers of two built-in procedures on Xã Tứ Kỳ's portal,
through HTTP only, and gets a code, an appointment date and a receipt PDF."""

from __future__ import annotations

import pytest
from django.db import connection

from workflows import clock
from workflows.models import Dossier
from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    EXTRACT_COPY,
    LOGIN,
    at,
    birth_registration_post,
    extract_copy_post,
    image_bytes,
    pdf_bytes,
    pdf_text,
    text_of,
)

from .journey import walk

pytestmark = pytest.mark.slow


def test_birth_registration_from_login_to_receipt(
    offered, citizen, host_client, demo_localities, smtp_mailbox, django_capture_on_commit_callbacks
):
    client = host_client(demo_localities["tu_ky"])
    login = client.post(LOGIN, {"username": citizen.id_number, "password": "Sao-Mai-2025"})
    assert login.status_code == 302

    with clock.frozen_at(at(2026, 3, 9, 10, 0)), django_capture_on_commit_callbacks(execute=True):
        reference, response = walk(
            client,
            BIRTH_REGISTRATION,
            birth_registration_post(),
            {"giay_chung_sinh": [("giay-chung-sinh.pdf", pdf_bytes(2))]},
        )
    assert response.status_code == 302
    assert response["Location"] == f"/ho-so/{reference}/da-nop/"

    page = client.get(response["Location"])
    text = text_of(page)
    assert "Đã nộp hồ sơ thành công" in text
    assert "11074-260309-0001" in text
    assert "17:00 ngày 09/03/2026" in text  # same-day procedure, submitted 10:00 on a Monday

    receipt = client.get(f"/ho-so/{reference}/bien-nhan.pdf")
    assert receipt.status_code == 200
    assert receipt["Content-Type"] == "application/pdf"
    pdf = pdf_text(b"".join(receipt.streaming_content))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in pdf.upper()
    assert "11074-260309-0001" in pdf
    assert "Nguyễn Văn An" in pdf
    assert "Đăng ký khai sinh" in pdf
    assert "Giấy chứng sinh" in pdf
    assert "17 giờ 00 phút, ngày 09/03/2026" in pdf

    # The citizen's e-mail, sent through the real SMTP server, links to Tứ Kỳ's own host.
    (message,) = smtp_mailbox.messages
    assert message["To"] == citizen.email
    assert "11074-260309-0001" in message["Subject"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert f"http://tu-ky.hai-phong.dichvucong.localhost:8000/ho-so/{reference}/" in body

    connection.set_tenant(demo_localities["tu_ky"])
    dossier = Dossier.objects.get(reference=reference)
    assert dossier.state == "submitted"
    assert dossier.answers["tre"][0]["ho_ten"] == "Nguyễn Minh Khang"
    assert dossier.attachments.get().original_name == "giay-chung-sinh.pdf"
    assert dossier.fee == 8_000  # one extract copy


def test_extract_copy_with_photos_by_post(offered, citizen, client_for, demo_localities):
    """Seed 004's example (cấp bản sao trích lục hộ tịch), two photos for one document, result
    by public post with the postage shown before submitting."""
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(at(2026, 3, 10, 8, 15)):
        reference, response = walk(
            client,
            EXTRACT_COPY,
            extract_copy_post(),
            {
                "giay_to_tuy_than": [
                    ("mat-truoc.jpg", image_bytes("JPEG")),
                    ("mat-sau.png", image_bytes("PNG")),
                ]
            },
            delivery={"method": "post", "province": "52", "address": "12 Lê Lợi, Chư Pưh"},
        )
        assert response.status_code == 302, text_of(response)[:2000]
    page = text_of(client.get(f"/ho-so/{reference}/da-nop/"))
    assert "11074-260310-0001" in page
    assert "17:00 ngày 10/03/2026" in page
    assert "Qua dịch vụ bưu chính công ích" in page
    assert "12 Lê Lợi, Chư Pưh, Tỉnh Gia Lai" in page or "12 Lê Lợi, Chư Pưh, Gia Lai" in page
    detail = text_of(client.get(f"/ho-so/{reference}/"))
    assert "35.000 đ" in detail  # another province than Hải Phòng: the other-province rate
    assert "16.000 đ" in detail  # 2 copies × 8.000
    assert "mat-truoc.jpg" in detail and "mat-sau.png" in detail
