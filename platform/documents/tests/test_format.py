"""Dates as Decree 30/2020 writes them, in Vietnam time."""

from __future__ import annotations

from datetime import UTC, date, datetime

from documents.templatetags.slip_format import dmy, gio_phut_ngay, hai_chu_so, ngay_thang_nam


def test_date_line_pads_days_below_ten_and_january_february_only():
    assert ngay_thang_nam(date(2026, 6, 16)) == "ngày 16 tháng 6 năm 2026"
    assert ngay_thang_nam(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert ngay_thang_nam(date(2026, 1, 31)) == "ngày 31 tháng 01 năm 2026"
    assert ngay_thang_nam(date(2026, 12, 1)) == "ngày 01 tháng 12 năm 2026"


def test_body_dates_are_dd_mm_yyyy_in_vietnam_time():
    # 17:30 UTC on 18 June is already 00:30 on 19 June in Hà Nội.
    late_evening_utc = datetime(2026, 6, 18, 17, 30, tzinfo=UTC)
    assert dmy(late_evening_utc) == "19/06/2026"
    assert gio_phut_ngay(late_evening_utc) == "00 giờ 30 phút, ngày 19/06/2026"
    assert ngay_thang_nam(late_evening_utc) == "ngày 19 tháng 6 năm 2026"


def test_missing_values_print_blanks_to_fill_in():
    assert dmy(None) == "……/……/……"
    assert gio_phut_ngay(None).startswith("…… giờ")
    assert hai_chu_so(1) == "01"
    assert hai_chu_so(12) == "12"
