"""The registers through the officers' pages: Mẫu 06 (the control slip of one dossier, from its
history, at any time) and Mẫu 07 (the register of the unit for a period) as a page, a PDF read
back as text and a spreadsheet opened with openpyxl, all listing the same rows. Citizens and
other localities' officers are refused."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from openpyxl import load_workbook

from identity.tests.factories import make_user
from staff.roles import Role, role_group
from workflows import clock
from workflows.tests.helpers import APPROVAL, at, pdf_text, text_of

from .counter_journey import dossier_post, receiving, register_at_counter, start_post
from .journey import act

pytestmark = pytest.mark.slow

REGISTER = "/ho-so/can-bo/so-theo-doi/"
MARCH = {"tu": "01/03/2026", "den": "31/03/2026"}


@pytest.fixture
def two_dossiers(offered, officers, citizen, client_for):
    """A counter dossier (new citizen, Monday 09/03 10:00) taken through approval in the day,
    and a postal one (Nguyễn Văn An, Tuesday 10/03 09:00) forwarded a day late."""
    desk = client_for("tu_ky", receiving(officers))
    specialist = client_for("tu_ky", officers[str(Role.SPECIALIST)])
    leader = client_for("tu_ky", officers[str(Role.LEADER)])
    with clock.frozen_at(at(2026, 3, 9, 10, 0)):
        first = register_at_counter(desk, start_post(), dossier_post())
    with clock.frozen_at(at(2026, 3, 9, 10, 30)):
        assert act(desk, first, "forward_for_processing", "received").status_code == 302
    with clock.frozen_at(at(2026, 3, 9, 11, 0)):
        assert act(specialist, first, "submit_for_approval", "in_processing").status_code == 302
    with clock.frozen_at(at(2026, 3, 9, 16, 0)):
        assert act(leader, first, "approve", "awaiting_approval", **APPROVAL).status_code == 302
    with clock.frozen_at(at(2026, 3, 10, 9, 0)):
        second = register_at_counter(
            desk,
            {
                "procedure": start_post()["procedure"],
                "intake": "post",
                "id_number": citizen.id_number,
                "start": "1",
            },
            dossier_post(),
        )
    with clock.frozen_at(at(2026, 3, 11, 10, 0)):
        assert act(desk, second, "forward_for_processing", "received").status_code == 302
    return first, second


def pdf_of(response) -> str:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def test_mau_06_lists_every_hand_over_with_its_outcome(two_dossiers, officers, client_for):
    first, second = two_dossiers
    desk = client_for("tu_ky", receiving(officers))
    with clock.frozen_at(at(2026, 3, 11, 11, 0)):
        text = pdf_of(desk.get(f"/ho-so/can-bo/{first}/phieu-kiem-soat.pdf"))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text.upper()
    assert "11074-260309-0001" in text
    for expected in (
        "Người nộp hồ sơ",  # 1. the citizen hands the dossier to the desk
        "Bộ phận Một cửa",
        "Công chức chuyên môn",  # 2. desk → specialist
        "Lãnh đạo Ủy ban nhân dân",  # 3. specialist → leader, 4. leader → desk
        "Trần Thị Mai",
        "Trần Thị Bình",
        "Phạm Thị Dung",
        "Lê Văn Cường",
        "Trước hạn",  # received the day it arrived: a working day early
        "Đúng hạn",  # the later steps, within the same-day appointment
    ):
        assert expected in text, expected
    assert "Quá hạn" not in text
    with clock.frozen_at(at(2026, 3, 11, 11, 0)):
        late = pdf_of(desk.get(f"/ho-so/can-bo/{second}/phieu-kiem-soat.pdf"))
    assert "Bưu chính công ích" in late  # it came by post
    assert "Quá hạn" in late  # forwarded the day after its same-day appointment


def test_mau_07_page_pdf_and_spreadsheet_list_the_same_dossiers(two_dossiers, officers, client_for):
    desk = client_for("tu_ky", officers[str(Role.LEADER)])
    page = desk.get(REGISTER, MARCH)
    assert page.status_code == 200
    rows = page.context["rows"]
    assert [row[1] for row in rows] == ["11074-260309-0001", "11074-260310-0001"]
    text = text_of(page)
    assert "Trần Thị Mai" in text and "Nguyễn Văn An" in text
    assert "Qua dịch vụ bưu chính công ích" in text
    assert "1 giấy tờ dùng lại bản đã số hóa" in text

    pdf = pdf_of(desk.get("/ho-so/can-bo/so-theo-doi.pdf", MARCH))
    assert "SỔ THEO DÕI HỒ SƠ" in pdf.upper()
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in pdf
    assert "11074-260309-0001" in pdf and "11074-260310-0001" in pdf
    assert "Trần Thị Mai" in pdf and "Nguyễn Văn An" in pdf

    response = desk.get("/ho-so/can-bo/so-theo-doi.xlsx", MARCH)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    lines = [list(line) for line in sheet.iter_rows(min_row=5, values_only=True)]
    assert lines[0] == page.context["headings"]
    assert [[value if value is not None else "" for value in line] for line in lines[1:]] == [
        list(row) for row in rows
    ]

    one_day = desk.get(REGISTER, {"tu": "10/03/2026", "den": "10/03/2026"})
    assert [row[1] for row in one_day.context["rows"]] == ["11074-260310-0001"]


@pytest.mark.parametrize(
    ("period", "field", "message"),
    [
        ({"tu": "31/02/2026", "den": "31/03/2026"}, "tu", "ngày/tháng/năm"),
        ({"tu": "2026-03-01", "den": "31/03/2026"}, "tu", "ngày/tháng/năm"),
        ({"tu": "31/03/2026", "den": "01/03/2026"}, "den", "phải sau hoặc bằng"),
        ({"tu": "01/01/2025", "den": "31/03/2026"}, "den", "tối đa 366 ngày"),
    ],
)
def test_a_bad_period_is_refused_at_its_field(period, field, message, officers, client_for):
    desk = client_for("tu_ky", receiving(officers))
    for url in (REGISTER, "/ho-so/can-bo/so-theo-doi.pdf", "/ho-so/can-bo/so-theo-doi.xlsx"):
        response = desk.get(url, period)
        assert response.status_code == 400
        assert message in " ".join(response.context["form"].errors[field])
        assert f'value="{period[field]}"' in response.content.decode()


def test_citizens_and_other_localities_are_refused(
    two_dossiers, citizen, client_for, demo_localities
):
    first, _second = two_dossiers
    urls = [
        REGISTER,
        "/ho-so/can-bo/so-theo-doi.pdf",
        "/ho-so/can-bo/so-theo-doi.xlsx",
        f"/ho-so/can-bo/{first}/phieu-kiem-soat.pdf",
    ]
    outsider = make_user(full_name="Rơ Châm Hiếu")
    connection.set_tenant(demo_localities["chu_puh"])
    try:
        outsider.groups.add(role_group(Role.LEADER))
    finally:
        connection.set_schema_to_public()
    for url in urls:
        assert client_for("tu_ky", citizen).get(url, MARCH).status_code == 403, url
        assert client_for("tu_ky", outsider).get(url, MARCH).status_code == 403, url
    at_home = client_for("chu_puh", outsider)
    assert at_home.get(f"/ho-so/can-bo/{first}/phieu-kiem-soat.pdf").status_code == 404
    assert at_home.get(REGISTER, MARCH).context["rows"] == []  # Tứ Kỳ's dossiers are not there
