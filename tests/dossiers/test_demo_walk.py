"""A visitor walks a dossier end to end on Xã Tứ Kỳ with nothing but what `make run` seeds and
prints: the logins from the banner, the procedures it offers, the staff it appoints."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from workflows import clock
from workflows.calendar import VIETNAM_TZ
from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    LOGIN,
    birth_registration_post,
    pdf_bytes,
    text_of,
)

from .journey import walk

pytestmark = pytest.mark.slow


def printed_logins() -> dict[str, tuple[str, str]]:
    """Label → (user name, password), read from the banner `make run` prints."""
    out = StringIO()
    call_command("portal_banner", port="8000", stdout=out)
    found = re.findall(r"^\s+(.+?)\s{2,}(\S+)\s+mật khẩu (\S+)$", out.getvalue(), re.M)
    return {label.strip(): (username, password) for label, username, password in found}


def test_a_dossier_walks_end_to_end_with_only_the_seeded_accounts(
    demo_localities, host_client, public_schema
):
    call_command("seed_demo", stdout=StringIO())
    connection.set_schema_to_public()
    logins = printed_logins()
    tu_ky = demo_localities["tu_ky"]

    def logged_in(label: str):
        username, password = logins[label]
        client = host_client(tu_ky)
        response = client.post(LOGIN, {"username": username, "password": password})
        assert response.status_code == 302, (label, text_of(response)[:500])
        return client

    citizen = logged_in("Công dân")
    with clock.frozen_at(datetime.datetime(2026, 6, 15, 9, 0, tzinfo=VIETNAM_TZ)):  # Monday
        reference, response = walk(
            citizen,
            BIRTH_REGISTRATION,
            birth_registration_post(),
            {"giay_chung_sinh": [("giay-chung-sinh.pdf", pdf_bytes(2))]},
        )
        assert response.status_code == 302, text_of(response)[:2000]
        code = re.search(r"11074-\d{6}-\d{4}", text_of(citizen.get(response["Location"])))[0]

        steps = [
            ("Cán bộ tiếp nhận Xã Tứ Kỳ", "receive", "submitted", "Tiếp nhận hồ sơ", {}),
            (
                "Cán bộ tiếp nhận Xã Tứ Kỳ",
                "forward_for_processing",
                "received",
                "Chuyển xử lý",
                {"note": "Chuyển công chức tư pháp - hộ tịch"},
            ),
            (
                "Công chức chuyên môn Xã Tứ Kỳ",
                "submit_for_approval",
                "in_processing",
                "Trình lãnh đạo phê duyệt",
                {"note": "Dự thảo Giấy khai sinh"},
            ),
            (
                "Lãnh đạo UBND Xã Tứ Kỳ",
                "approve",
                "awaiting_approval",
                "Phê duyệt, ký kết quả",
                {"note": "Đồng ý"},
            ),
            (
                "Cán bộ trả kết quả Xã Tứ Kỳ",
                "return_result",
                "result_ready",
                "Trả kết quả",
                {
                    "note": "Công dân nhận tại Bộ phận Một cửa",
                    "collector_name": "Nguyễn Văn An",
                    "collector_id_number": "031090001234",
                    "originals_compared": "on",
                },
            ),
        ]
        for label, action, state, button, fields in steps:
            officer = logged_in(label)
            queue = officer.get("/ho-so/can-bo/")
            assert queue.status_code == 200 and code in text_of(queue), label
            page = officer.get(f"/ho-so/can-bo/{reference}/")
            assert button in text_of(page), (label, text_of(page)[:1500])
            data = {"state": state, **{f"{action}-{key}": v for key, v in fields.items()}}
            done = officer.post(f"/ho-so/can-bo/{reference}/thao-tac/{action}/", data)
            assert done.status_code == 302, (label, text_of(done)[:1500])

    page = text_of(citizen.get(f"/ho-so/{reference}/"))
    assert "Đã trả kết quả" in page
    for officer_name in ("Trần Thị Bình", "Vũ Đức Giang", "Đỗ Văn Hải", "Ngô Thị Hoa"):
        assert officer_name in page, officer_name
