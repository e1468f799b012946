"""Tra cứu hồ sơ at /ho-so/tra-cuu/ on a commune, its province and the national root, over the
national index: progress for anyone with the code, personal data only to the person (logged in,
or the code with their ID number), ID-number lists only to that person, masked name search,
per-address rate limit, and bad input refused with 4xx."""

from __future__ import annotations

import datetime
import re
import time
import types
from urllib.parse import urlsplit

import django_ratelimit.core
import pytest
from django.core.cache import caches

from identity.selectors import mask_id_number
from identity.tests.factories import make_user
from workflows import clock, links
from workflows.calendar import VIETNAM_TZ
from workflows.tests.helpers import EXTRACT_COPY, extract_copy_post, text_of

from .journey import walk

CODE = "11074-260710-0001"
HIDDEN = "Họ tên và số giấy tờ được ẩn"
ASK_FOR_PROOF = "vui lòng đăng nhập bằng tài khoản của chính người đó"
PORTALS = ("tu_ky", "hai_phong", "national")


@pytest.fixture(autouse=True)
def fresh_limits():
    """Limits are per client address across hosts and outlive a request: start each test clean."""
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


@pytest.fixture
def submitted(offered, citizen, client_for):
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(datetime.datetime(2026, 7, 10, 9, 0, tzinfo=VIETNAM_TZ)):
        reference, response = walk(client, EXTRACT_COPY, extract_copy_post(), {})
    assert response.status_code == 302
    return reference


@pytest.mark.parametrize("portal", PORTALS)
def test_a_stranger_with_the_code_sees_progress_and_no_personal_data(
    submitted, citizen, client_for, portal
):
    response = client_for(portal).get(f"/ho-so/tra-cuu/?ma={CODE}")
    assert response.status_code == 200
    text = text_of(response)
    assert f"Hồ sơ {CODE}" in text
    assert "Cấp bản sao trích lục hộ tịch" in text
    assert "Mới nộp, chờ tiếp nhận" in text
    assert "09:00 ngày 10/07/2026" in text and "17:00 ngày 10/07/2026" in text
    assert "Chờ Bộ phận Một cửa kiểm tra, tiếp nhận hồ sơ." in text  # what happens next
    assert 'href="http://tu-ky.hai-phong.dichvucong.localhost:8000/">Xã Tứ Kỳ</a>' in (
        response.content.decode()
    )
    assert "Nguyễn Văn An" not in text and "N***** V** A*" not in text
    assert citizen.id_number not in text and mask_id_number(citizen.id_number) not in text
    assert HIDDEN in text and "Xem chi tiết hồ sơ" not in text


def test_the_receipts_qr_link_opens_the_result(submitted, demo_localities, host_client):
    url = links.lookup_url(CODE, demo_localities["tu_ky"])  # what the slip's QR code encodes
    parts = urlsplit(url)
    assert parts.netloc == "tu-ky.hai-phong.dichvucong.localhost:8000"
    response = host_client(demo_localities["tu_ky"]).get(f"{parts.path}?{parts.query}")
    assert response.status_code == 200
    assert "Mới nộp, chờ tiếp nhận" in text_of(response)


def test_a_commune_answers_another_units_code_and_sends_the_citizen_there(submitted, client_for):
    response = client_for("chu_puh").get(f"/ho-so/tra-cuu/?ma={CODE}")
    assert response.status_code == 200
    text = text_of(response)
    assert "Hồ sơ này do Xã Tứ Kỳ tiếp nhận và giải quyết" in text
    assert HIDDEN in text


@pytest.mark.parametrize("portal", PORTALS)
def test_the_code_with_the_matching_id_number_shows_names_and_the_persons_dossiers(
    submitted, citizen, client_for, portal
):
    response = client_for(portal).post(
        "/ho-so/tra-cuu/", {"code": CODE.lower(), "id_number": citizen.id_number}
    )
    assert response.status_code == 200
    text = text_of(response)
    assert "Nguyễn Văn An" in text and citizen.id_number in text
    assert "Các hồ sơ của người nộp" in text and text.count(CODE) >= 2
    assert HIDDEN not in text


def test_the_logged_in_applicant_sees_everything_with_a_link_to_the_dossier(
    submitted, citizen, client_for
):
    response = client_for("hai_phong", citizen).get(f"/ho-so/tra-cuu/?ma={CODE}")
    text = text_of(response)
    assert "Nguyễn Văn An" in text and citizen.id_number in text
    assert (
        f'href="http://tu-ky.hai-phong.dichvucong.localhost:8000/ho-so/{submitted}/"'
        in response.content.decode()
    )
    # Another logged-in citizen is a stranger.
    text = text_of(client_for("hai_phong", make_user()).get(f"/ho-so/tra-cuu/?ma={CODE}"))
    assert "Nguyễn Văn An" not in text and HIDDEN in text


@pytest.mark.parametrize("portal", PORTALS)
def test_an_id_number_alone_lists_dossiers_only_to_that_citizen_logged_in(
    submitted, citizen, client_for, portal
):
    response = client_for(portal, citizen).post("/ho-so/tra-cuu/", {"id_number": citizen.id_number})
    assert response.status_code == 200
    text = text_of(response)
    assert "Các hồ sơ của người nộp" in text and CODE in text
    assert "Cấp bản sao trích lục hộ tịch" in text and "Xã Tứ Kỳ" in text

    # Anyone else: the same refusal whether or not the number has dossiers.
    refusals = set()
    for user, number in (
        (None, citizen.id_number),
        (make_user(), citizen.id_number),
        (None, "001099000001"),
    ):
        response = client_for(portal, user).post("/ho-so/tra-cuu/", {"id_number": number})
        assert response.status_code == 403
        text = text_of(response)
        assert ASK_FOR_PROOF in text and CODE not in text
        refusals.add(text.split("Tra cứu hồ sơ")[-1])
    assert len(refusals) == 1


def test_searches_without_a_code_cover_only_the_portals_area(submitted, citizen, client_for):
    for portal in ("chu_puh", "gia_lai"):
        response = client_for(portal, citizen).post(
            "/ho-so/tra-cuu/", {"id_number": citizen.id_number}
        )
        assert response.status_code == 200
        text = text_of(response)
        assert CODE not in text and "Không có hồ sơ nào tại" in text
        response = client_for(portal).post("/ho-so/tra-cuu/", {"applicant_name": "Nguyễn Văn An"})
        assert "Không có hồ sơ nào khớp" in text_of(response)


def test_a_wrong_id_number_hides_and_repeated_guesses_stop_being_checked_on_every_host(
    submitted, citizen, client_for
):
    for guess, portal in enumerate(("tu_ky", "hai_phong", "national", "tu_ky", "chu_puh")):
        response = client_for(portal).post(
            "/ho-so/tra-cuu/", {"code": CODE, "id_number": f"03109000{guess:04d}"}
        )
        assert "Số CCCD/CMND không khớp" in text_of(response)
        assert "Nguyễn Văn An" not in text_of(response)
    # Even the right number is not checked any more from this address, for this code, anywhere.
    response = client_for("national").post(
        "/ho-so/tra-cuu/", {"code": CODE, "id_number": citizen.id_number}
    )
    text = text_of(response)
    assert "Bạn đã nhập sai số CCCD/CMND nhiều lần" in text
    assert "Nguyễn Văn An" not in text


def test_advanced_search_by_name_and_dossier_name_shows_masked_results_without_codes(
    submitted, citizen, client_for, demo_localities
):
    client = client_for("hai_phong")
    response = client.post("/ho-so/tra-cuu/", {"applicant_name": "Nguyễn Văn An"})
    assert response.status_code == 200
    text = text_of(response)
    assert "N***** V** A*" in text and "Cấp bản sao trích lục hộ tịch" in text
    assert "Nguyễn Văn An" not in text.replace("Nguyễn Văn An", "", 1)  # only the typed value
    assert CODE not in text and citizen.id_number not in text
    response = client.post(
        "/ho-so/tra-cuu/",
        {"unit": demo_localities["tu_ky"].code, "dossier_name": "trich luc ho tich"},
    )
    assert response.status_code == 200
    assert "N***** V** A*" in text_of(response)
    # A unit outside the portal's area is refused at the field.
    response = client.post(
        "/ho-so/tra-cuu/", {"unit": demo_localities["chu_puh"].code, "dossier_name": "khai sinh"}
    )
    assert response.status_code == 400
    assert "Đơn vị này không thuộc phạm vi tra cứu của cổng." in text_of(response)


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"code": "11074-260710-9999"}, 404, "Không tìm thấy hồ sơ có mã này"),
        ({"code": "abc"}, 400, "Mã hồ sơ không đúng dạng"),
        ({"code": "1'; DROP TABLE x; --"}, 400, "không đúng dạng"),
        ({"code": "<script>alert(1)</script>"}, 400, "không đúng dạng"),
        ({"code": "11074-260710-0001\x00"}, 400, "Không được chứa ký tự rỗng"),
        ({"code": "1" * 5000}, 400, "Mã hồ sơ không quá 40 ký tự"),
        ({"code": CODE, "id_number": "12ab"}, 400, "Số CCCD/CMND gồm 9 hoặc 12 chữ số"),
        ({"applicant_name": "An\x00"}, 400, "Không được chứa ký tự rỗng"),
        ({"dossier_name": "x" * 1000}, 400, "Tên hồ sơ không quá 100 ký tự"),
        ({"code": "  "}, 400, "Vui lòng nhập mã hồ sơ, số CCCD/CMND hoặc thông tin tìm kiếm"),
    ],
)
def test_bad_input_gets_a_clear_message_and_4xx(submitted, client_for, data, status, message):
    for portal in ("tu_ky", "national"):
        response = client_for(portal).post("/ho-so/tra-cuu/", data)
        assert response.status_code == status
        text = text_of(response)
        assert message in text
        assert "<script>alert(1)</script>" not in response.content.decode()
        assert "Xã Tứ Kỳ tiếp nhận" not in text  # nothing hints at the real dossier


def test_the_empty_form_is_not_a_search(client_for):
    for portal in PORTALS:
        response = client_for(portal).get("/ho-so/tra-cuu/")
        assert response.status_code == 200
        assert "Tìm kiếm nâng cao" in text_of(response)


def test_the_rate_limit_refuses_with_429_across_hosts_and_releases(
    submitted, client_for, settings, monkeypatch
):
    settings.LOOKUP_RATE_LIMIT = "3/m"
    for portal in ("tu_ky", "hai_phong", "national"):
        assert client_for(portal).get(f"/ho-so/tra-cuu/?ma={CODE}").status_code == 200
    response = client_for("chu_puh").get(f"/ho-so/tra-cuu/?ma={CODE}")
    assert response.status_code == 429
    text = text_of(response)
    assert "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn" in text
    assert "Mới nộp, chờ tiếp nhận" not in text
    # A minute later (the library's clock moved on), the same address may search again.
    later = time.time() + 61
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: later))
    response = client_for("chu_puh").get(f"/ho-so/tra-cuu/?ma={CODE}")
    assert response.status_code == 200
    assert "Mới nộp, chờ tiếp nhận" in text_of(response)


def test_the_home_pages_lookup_box_accepts_an_id_number_alone(client_for):
    page = client_for("tu_ky").get("/").content.decode()
    box = re.search(r'<input id="lookup-code-home"[^>]*>', page).group(0)
    assert 'name="code"' in box and "required" not in box
