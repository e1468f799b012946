"""Tra cứu hồ sơ at /ho-so/tra-cuu/: status, procedure and dates for anyone with the code;
names and ID numbers only for the applicant (logged in) or with the matching ID number."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache

from identity.tests.factories import make_user
from workflows import clock
from workflows.calendar import VIETNAM_TZ
from workflows.tests.helpers import EXTRACT_COPY, extract_copy_post, text_of

from .journey import walk

CODE = "11074-260710-0001"


@pytest.fixture
def submitted(offered, citizen, client_for):
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(datetime.datetime(2026, 7, 10, 9, 0, tzinfo=VIETNAM_TZ)):
        reference, response = walk(client, EXTRACT_COPY, extract_copy_post(), {})
    assert response.status_code == 302
    cache.clear()
    return reference


def test_a_stranger_sees_the_status_with_personal_data_masked(submitted, citizen, client_for):
    response = client_for("tu_ky").get(f"/ho-so/tra-cuu/?ma={CODE}")
    assert response.status_code == 200
    text = text_of(response)
    assert "Cấp bản sao trích lục hộ tịch" in text
    assert "Mới nộp, chờ tiếp nhận" in text
    assert "09:00 ngày 10/07/2026" in text and "17:00 ngày 10/07/2026" in text
    assert "Nguyễn Văn An" not in text
    assert "N***** V** A*" in text
    assert citizen.id_number not in text
    assert f"{citizen.id_number[:3]}******{citizen.id_number[-3:]}" in text


def test_the_code_with_the_matching_id_number_shows_the_name(submitted, citizen, client_for):
    # The home page's lookup box posts `code` and `id_number` (never in the URL).
    response = client_for("tu_ky").post(
        "/ho-so/tra-cuu/", {"code": CODE.lower(), "id_number": citizen.id_number}
    )
    assert response.status_code == 200
    text = text_of(response)
    assert "Nguyễn Văn An" in text and citizen.id_number in text


def test_the_logged_in_applicant_sees_everything(submitted, citizen, client_for):
    text = text_of(client_for("tu_ky", citizen).get(f"/ho-so/tra-cuu/?ma={CODE}"))
    assert "Nguyễn Văn An" in text and "Xem chi tiết hồ sơ" in text
    # Another logged-in citizen is a stranger.
    text = text_of(client_for("tu_ky", make_user()).get(f"/ho-so/tra-cuu/?ma={CODE}"))
    assert "Nguyễn Văn An" not in text


def test_a_wrong_id_number_masks_and_repeated_guesses_stop_being_checked(
    submitted, citizen, client_for
):
    client = client_for("tu_ky")
    for guess in range(5):
        response = client.post(
            "/ho-so/tra-cuu/", {"code": CODE, "id_number": f"03109000{guess:04d}"}
        )
        assert "Số CCCD/CMND không khớp" in text_of(response)
        assert "Nguyễn Văn An" not in text_of(response)
    # Even the right number is not checked any more from this client, for this code.
    response = client.post("/ho-so/tra-cuu/", {"code": CODE, "id_number": citizen.id_number})
    text = text_of(response)
    assert "Bạn đã nhập sai số CCCD/CMND nhiều lần" in text
    assert "Nguyễn Văn An" not in text


def test_unknown_codes_and_empty_searches(submitted, client_for):
    client = client_for("tu_ky")
    response = client.get("/ho-so/tra-cuu/?ma=11074-260710-9999")
    assert response.status_code == 404
    assert "Không tìm thấy hồ sơ có mã này tại đơn vị" in text_of(response)
    response = client.post("/ho-so/tra-cuu/", {"code": "  "})
    assert response.status_code == 400
    assert "Vui lòng nhập mã hồ sơ" in text_of(response)
    assert client.get("/ho-so/tra-cuu/").status_code == 200  # the empty form


def test_another_localitys_code_is_not_found_here(submitted, client_for):
    response = client_for("chu_puh").get(f"/ho-so/tra-cuu/?ma={CODE}")
    assert response.status_code == 404
