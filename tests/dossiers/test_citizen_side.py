"""The citizen's side through HTTP, with the desk acting through its own pages: a supplement
requested and answered, the dossier processed and returned online, the electronic result
downloaded, a rating; withdrawing; "Hồ sơ của tôi" across two localities."""

from __future__ import annotations

import pytest
from django.db import connection

from identity.tests.factories import solve_captcha
from workflows import clock
from workflows.models import Dossier
from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    EXTRACT_COPY,
    at,
    birth_registration_post,
    extract_copy_post,
    pdf_bytes,
    pdf_text,
    text_of,
)

from .journey import act, upload, walk

pytestmark = pytest.mark.slow


def pdf_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return pdf_text(b"".join(response.streaming_content))


def in_tu_ky(demo_localities, reference) -> Dossier:
    """The dossier read in Tứ Kỳ's schema; the connection stays there (the test's requests
    switch it per host anyway, and `use_locality` resets it after the test)."""
    connection.set_tenant(demo_localities["tu_ky"])
    return Dossier.objects.get(reference=reference)


def test_a_dossier_from_supplement_to_electronic_result_and_rating(
    offered,
    citizen,
    officers,
    client_for,
    demo_localities,
    use_locality,
    smtp_mailbox,
    django_capture_on_commit_callbacks,
):
    client = client_for("tu_ky", citizen)
    desk = client_for("tu_ky", officers["receiving_officer"])
    specialist = client_for("tu_ky", officers["specialist"])
    leader = client_for("tu_ky", officers["leader"])
    returning = client_for("tu_ky", officers["returning_officer"])

    with clock.frozen_at(at(2026, 6, 15, 9, 0)):  # Monday
        reference, response = walk(
            client,
            BIRTH_REGISTRATION,
            birth_registration_post(),
            {"giay_chung_sinh": [("chung-sinh-mo.jpg", pdf_bytes())]},
            delivery={"method": "online"},
        )
    assert response.status_code == 302

    # The desk asks for a clearer birth certificate: Mẫu 02, the clock stops.
    with clock.frozen_at(at(2026, 6, 15, 10, 0)), django_capture_on_commit_callbacks(execute=True):
        response = act(
            desk,
            reference,
            "request_supplement",
            "submitted",
            reason="Bản chụp Giấy chứng sinh bị mờ.\nNộp lại bản quét rõ nét.",
        )
    assert response.status_code == 302
    assert "Yêu cầu bổ sung, hoàn thiện hồ sơ" in smtp_mailbox.messages[-1]["Subject"]
    page = text_of(client.get(f"/ho-so/{reference}/"))
    assert "Bạn cần bổ sung, hoàn thiện hồ sơ" in page
    assert "Bản chụp Giấy chứng sinh bị mờ." in page
    assert "Tạm dừng tính thời hạn, chờ bổ sung" in page
    mine = text_of(client.get("/ho-so/cua-toi/"))
    assert "Có 1 hồ sơ đang chờ bạn" in mine
    saved = in_tu_ky(demo_localities, reference)
    slip = saved.issued_documents.get(kind="supplement_request")
    text = pdf_text(slip.file.read())
    assert "BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text.upper()
    assert "Nộp lại bản quét rõ nét." in text

    # The citizen adds the missing piece and resubmits (Wednesday): a same-day procedure is
    # due the day it comes back.
    with clock.frozen_at(at(2026, 6, 17, 8, 0)):
        response = upload(
            client, reference, "giay_chung_sinh", [("chung-sinh-ro.pdf", pdf_bytes(2))]
        )
        assert response.status_code == 302
        response = client.post(f"/ho-so/{reference}/kiem-tra/", {"note": "Đã nộp bản quét rõ."})
    assert response.status_code == 302
    page = text_of(client.get(f"/ho-so/{reference}/"))
    assert "Mới nộp, chờ tiếp nhận" in page
    assert "17:00 ngày 17/06/2026" in page
    assert "chung-sinh-ro.pdf" in page and "Đã nộp bản quét rõ." in page

    # Reception, processing, approval, return, each by the officer holding the role.
    steps = [
        (desk, "receive", "submitted", {}),
        (desk, "forward_for_processing", "received", {"note": "Chuyển công chức tư pháp"}),
        (specialist, "submit_for_approval", "in_processing", {"note": "Dự thảo giấy khai sinh"}),
        (leader, "approve", "awaiting_approval", {"note": "Đồng ý"}),
        (returning, "return_result", "result_ready", {"note": "Gửi bản điện tử qua Cổng"}),
    ]
    with clock.frozen_at(at(2026, 6, 17, 9, 30)), django_capture_on_commit_callbacks(execute=True):
        for officer, name, state, fields in steps:
            response = act(officer, reference, name, state, **fields)
            assert response.status_code == 302, (name, text_of(response)[:800])
    saved = in_tu_ky(demo_localities, reference)
    assert saved.state == "returned"
    assert saved.timeliness == "on_time"  # finished on the due day, before 17:00
    assert saved.returned_at == at(2026, 6, 17, 9, 30)

    page = client.get(f"/ho-so/{reference}/")
    text = text_of(page)
    for label in (
        "Nộp hồ sơ trực tuyến",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ",
        "Nộp bổ sung hồ sơ",
        "Tiếp nhận hồ sơ",
        "Chuyển xử lý",
        "Trình lãnh đạo phê duyệt",
        "Phê duyệt kết quả",
        "Trả kết quả",
    ):
        assert label in text, label
    assert "Trần Thị Bình" in text and "Lê Văn Cường" in text
    assert "Đã trả kết quả. Mời bạn đánh giá mức độ hài lòng." in text

    # The electronic result: online delivery, returned → downloadable by the citizen.
    result = saved.issued_documents.get(kind="result")
    result_text = pdf_of(client.get(f"/ho-so/{reference}/giay-to-phat-hanh/{result.pk}/"))
    assert "GIẤY KHAI SINH" in result_text.upper()
    assert "NGUYỄN MINH KHANG" in result_text
    assert "Đã trả kết quả" in smtp_mailbox.messages[-1]["Subject"]

    # Rating, once.
    response = client.post(f"/ho-so/{reference}/danh-gia/", {"score": "5", "comment": "Nhanh gọn"})
    assert response.status_code == 302
    assert "Bạn đã đánh giá: 5/5 (Rất hài lòng)" in text_of(client.get(f"/ho-so/{reference}/"))
    again = client.post(f"/ho-so/{reference}/danh-gia/", {"score": "1"})
    assert again.status_code == 400
    assert "Bạn đã đánh giá hồ sơ này rồi" in text_of(again)
    bad = client.post(f"/ho-so/{reference}/danh-gia/", {"score": "9"})
    assert bad.status_code == 400


def test_withdrawing_before_a_decision_and_not_after(
    offered, citizen, officers, client_for, demo_localities, use_locality
):
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(at(2026, 6, 16, 9, 0)):
        first, _ = walk(client, EXTRACT_COPY, extract_copy_post(), {})
        second, _ = walk(client, EXTRACT_COPY, extract_copy_post(), {})
    page = client.get(f"/ho-so/{first}/rut/")
    assert page.status_code == 200
    response = client.post(
        f"/ho-so/{first}/rut/", {"state": "submitted", "reason": "Đã nhận được bản sao ở nơi khác"}
    )
    assert response.status_code == 302
    text = text_of(client.get(f"/ho-so/{first}/"))
    assert "Công dân đã rút hồ sơ" in text and "Đã nhận được bản sao ở nơi khác" in text

    # After the leader's approval there is a decision: no withdrawing any more.
    desk = client_for("tu_ky", officers["receiving_officer"])
    act(desk, second, "receive", "submitted")
    act(desk, second, "forward_for_processing", "received")
    act(client_for("tu_ky", officers["specialist"]), second, "submit_for_approval", "in_processing")
    act(client_for("tu_ky", officers["leader"]), second, "approve", "awaiting_approval", note="Ký")
    assert "Rút hồ sơ" not in text_of(client.get(f"/ho-so/{second}/"))
    response = client.post(f"/ho-so/{second}/rut/", {"state": "result_ready"})
    assert response.status_code == 409
    assert "không rút được nữa" in text_of(response)
    # A result handed over at the desk is not downloadable online.
    saved = in_tu_ky(demo_localities, second)
    result = saved.issued_documents.get(kind="result")
    response = client.get(f"/ho-so/{second}/giay-to-phat-hanh/{result.pk}/")
    assert response.status_code == 403
    assert "chỉ tải được khi bạn chọn nhận kết quả trực tuyến" in text_of(response)


def test_my_dossiers_across_two_localities_and_on_the_national_root(
    offered, citizen, client_for, host_client, demo_localities
):
    tu_ky = client_for("tu_ky", citizen)
    chu_puh = client_for("chu_puh", citizen)
    with clock.frozen_at(at(2026, 7, 1, 9, 0)):
        mine_tu_ky, response = walk(tu_ky, EXTRACT_COPY, extract_copy_post(), {})
        assert response.status_code == 302
        mine_chu_puh, response = walk(chu_puh, EXTRACT_COPY, extract_copy_post(), {})
        assert response.status_code == 302
    for client in (tu_ky, chu_puh, client_for("national", citizen)):
        response = client.get("/ho-so/cua-toi/")
        assert response.status_code == 200
        text = text_of(response)
        page = response.content.decode()
        assert "11074-260701-0001" in text and "23942-260701-0001" in text
        assert "Xã Tứ Kỳ" in text and "Xã Chư Pưh" in text
        assert f"http://tu-ky.hai-phong.dichvucong.localhost:8000/ho-so/{mine_tu_ky}/" in page
        assert f"http://chu-puh.gia-lai.dichvucong.localhost:8000/ho-so/{mine_chu_puh}/" in page
    anonymous = host_client(demo_localities["tu_ky"]).get("/ho-so/cua-toi/")
    assert anonymous.status_code == 302 and "/tai-khoan/dang-nhap/" in anonymous["Location"]


def test_the_receipt_page_can_be_reopened_and_printed(offered, citizen, client_for):
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(at(2026, 7, 2, 9, 0)):
        reference, response = walk(client, EXTRACT_COPY, extract_copy_post(), {})
    page = client.get(response["Location"])
    assert "Tải giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)" in text_of(page)
    # Going back to the review page of a submitted dossier lands on the confirmation.
    back = client.get(f"/ho-so/{reference}/kiem-tra/")
    assert back.status_code == 302 and back["Location"].endswith("/da-nop/")
    assert solve_captcha  # the journey above answered a real captcha
