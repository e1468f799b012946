"""The statistics pages: who sees what (403 elsewhere), the exports open in a spreadsheet
library and say what the page says, the public page shows no dossier and no person."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from identity.tests.factories import make_user
from staff.roles import Role
from staff.tests.factories import officer_of
from workflows import clock
from workflows.tests.helpers import pdf_text

from ..views import board_data
from . import seed
from .people import get_as

QUERY = "?ky=thang&nam=2031&so=3"


@pytest.fixture
def seeded(demo_localities, db):
    seed.write(demo_localities["tu_ky"], make_user())
    return demo_localities


@pytest.fixture
def at_seed_time():
    with clock.frozen_at(seed.NOW):
        yield


def _same(value):
    """A cell as a spreadsheet holds it: numbers as numbers (70.0 and 70 alike), empty as None."""
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def test_a_leader_sees_the_unit_table_and_the_766_groups(seeded, host_client, at_seed_time):
    leader = officer_of(seeded["tu_ky"], Role.LEADER)
    page = get_as(host_client, seeded["tu_ky"], leader, "/thong-ke/" + QUERY)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tháng 03/2031" in text and "Tỷ lệ đúng hạn = " in text  # the definition, labelled
    assert "Tiến độ giải quyết" in text and "Mức độ hài lòng" in text
    assert f"Đã giải quyết: quá hạn: {seed.expected('done_late')}" in text  # the drill-down link
    behind = get_as(host_client, seeded["tu_ky"], leader, "/thong-ke/ho-so/done_late/" + QUERY)
    assert behind.status_code == 200
    assert behind.content.decode().count('<tr><th scope="row">T-') == seed.expected("done_late")
    # finished 07/03 10:00, due 06/03 17:00: 17 hours late; the supplemented-twice one is not late
    # on its dates (finished two days early)
    assert "0,7 ngày" in behind.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/thong-ke/",
        "/thong-ke/xuat/don-vi.csv",
        "/thong-ke/ho-so/received/",
        "/thong-ke/bao-cao.pdf",
    ],
)
def test_other_localities_officers_and_citizens_are_refused(seeded, host_client, path):
    other_leader = officer_of(seeded["chu_puh"], Role.LEADER)
    other_admin = officer_of(seeded["gia_lai"], Role.LOCALITY_ADMIN)
    officer = officer_of(seeded["tu_ky"], Role.RECEIVING_OFFICER)
    for user in (make_user(), other_leader, other_admin, officer):
        assert get_as(host_client, seeded["tu_ky"], user, path + QUERY).status_code == 403
    anonymous = get_as(host_client, seeded["tu_ky"], None, path + QUERY)
    assert anonymous.status_code == 302 and "/tai-khoan/dang-nhap/" in anonymous["Location"]


def test_the_province_and_the_nation(seeded, host_client, at_seed_time):
    provincial_admin = officer_of(seeded["hai_phong"], Role.LOCALITY_ADMIN)
    for locality in (seeded["hai_phong"], seeded["tu_ky"]):
        page = get_as(host_client, locality, provincial_admin, "/thong-ke/" + QUERY)
        assert page.status_code == 200, locality
    province = get_as(host_client, seeded["hai_phong"], provincial_admin, "/thong-ke/" + QUERY)
    text = province.content.decode()
    # the communes ranked: a chart drawn here (no script, no CDN) with its numbers in the table
    assert '<svg role="img"' in text and "<script" not in text
    chart = text.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "Xã Tứ Kỳ" in chart and "70,0 %" in chart
    assert '<th scope="row">Xã Tứ Kỳ</th>' in text
    # a province's administrator sees nothing of another province, nor the nation
    assert get_as(host_client, seeded["chu_puh"], provincial_admin, "/thong-ke/").status_code == 403
    assert (
        get_as(host_client, seeded["national"], provincial_admin, "/thong-ke/").status_code == 403
    )
    platform_admin = make_user(is_staff=True)
    national = get_as(host_client, seeded["national"], platform_admin, "/thong-ke/" + QUERY)
    assert national.status_code == 200 and "Thành phố Hải Phòng" in national.content.decode()


def test_a_bad_period_is_a_400_with_the_message_at_the_field(seeded, host_client):
    leader = officer_of(seeded["tu_ky"], Role.LEADER)
    page = get_as(host_client, seeded["tu_ky"], leader, "/thong-ke/?ky=thang&nam=2031&so=13")
    assert page.status_code == 400
    text = page.content.decode()
    assert "Giá trị phải từ 1 đến 12." in text and 'value="13"' in text


@pytest.mark.parametrize("table", ["don-vi", "thu-tuc", "chi-so"])
def test_exports_open_and_match_the_page(seeded, host_client, at_seed_time, table):
    leader = officer_of(seeded["tu_ky"], Role.LEADER)
    sheet = board_data(seeded["tu_ky"], seed.PERIOD)["sheets"][table]
    workbook = get_as(host_client, seeded["tu_ky"], leader, f"/thong-ke/xuat/{table}.xlsx" + QUERY)
    assert workbook.status_code == 200
    rows = list(load_workbook(io.BytesIO(workbook.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == sheet.title and list(rows[1]) == sheet.headers
    assert [[_same(v) for v in row] for row in rows[2:]] == [
        [_same(v) for v in row] for row in sheet.rows
    ]
    as_text = [["" if v is None else str(v) for v in row] for row in sheet.rows]
    exported = get_as(host_client, seeded["tu_ky"], leader, f"/thong-ke/xuat/{table}.csv" + QUERY)
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert lines[1] == sheet.headers and lines[2:] == as_text


def test_the_unit_row_in_the_export_is_the_hand_count(seeded, host_client, at_seed_time):
    leader = officer_of(seeded["tu_ky"], Role.LEADER)
    exported = get_as(host_client, seeded["tu_ky"], leader, "/thong-ke/xuat/don-vi.csv" + QUERY)
    header, row = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:3]
    figures = dict(zip(header, row, strict=True))
    assert figures["Tiếp nhận trong kỳ"] == str(seed.expected("received"))
    assert figures["Đang giải quyết: quá hạn"] == str(seed.expected("processing_late"))
    assert figures["Tỷ lệ đúng hạn (%)"] == "70.0"


def test_the_public_page_shows_headlines_and_no_dossier(seeded, host_client, at_seed_time):
    page = get_as(host_client, seeded["tu_ky"], None, "/thong-ke/cong-khai/" + QUERY)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tỷ lệ đúng hạn" in text and "70,0 %" in text  # Vietnamese decimal comma
    assert "T-" not in text and "Nguyễn" not in text


def test_the_printable_report_is_a_pdf_with_the_table(seeded, host_client, at_seed_time):
    leader = officer_of(seeded["tu_ky"], Role.LEADER)
    response = get_as(host_client, seeded["tu_ky"], leader, "/thong-ke/bao-cao.pdf" + QUERY)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text and "Tháng 03/2031" in text
    assert "Tiếp nhận trong kỳ" in text and "XÃ TỨ KỲ" in text
    assert "Tỷ lệ đúng hạn = " in text
