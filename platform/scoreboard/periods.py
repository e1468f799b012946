"""Reporting periods (kỳ báo cáo): month, quarter, 6 and 9 months, year, or any range of days.

A period is a half-open range of moments on Vietnam's clock, [start, end):

    >>> month(2026, 3)
    Period(start=2026-03-01 00:00+07:00, end=2026-04-01 00:00+07:00, label='Tháng 03/2026')
    >>> quarter(2026, 2).label, months(2026, 9).label
    ('Quý II/2026', '9 tháng năm 2026')
    >>> date_range(date(2026, 3, 2), date(2026, 3, 8)).end   # the last day is included
    2026-03-09 00:00+07:00

`period_from_query` reads a page's query string (`ky=thang&nam=2026&so=3`,
`ky=khoang&tu=02/03/2026&den=08/03/2026`) and answers a Vietnamese message for bad input.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

#: The kinds a page offers, as they appear in its query string.
KINDS = {
    "thang": "month",
    "quy": "quarter",
    "6thang": "six_months",
    "9thang": "nine_months",
    "nam": "year",
    "khoang": "range",
}


@dataclass(frozen=True)
class Period:
    start: datetime.datetime
    end: datetime.datetime
    label: str

    def cut(self, now: datetime.datetime) -> datetime.datetime:
        """Where "at the end of the period" is read: the end, or now for a period still running."""
        return min(self.end, max(now, self.start))


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=VIETNAM)


def _months_from(year: int, first: int, count: int) -> tuple[datetime.datetime, datetime.datetime]:
    last = first + count  # the month after the period, maybe in the next year
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return _midnight(datetime.date(year, first, 1)), _midnight(
        datetime.date(end_year, end_month, 1)
    )


def month(year: int, number: int) -> Period:
    start, end = _months_from(year, number, 1)
    return Period(start, end, _("Tháng %(m)02d/%(y)s") % {"m": number, "y": year})


def quarter(year: int, number: int) -> Period:
    start, end = _months_from(year, 3 * (number - 1) + 1, 3)
    return Period(start, end, _("Quý %(q)s/%(y)s") % {"q": ROMAN[number], "y": year})


def months(year: int, count: int) -> Period:
    """The first `count` months of the year (6 or 9: "6 tháng", "9 tháng")."""
    start, end = _months_from(year, 1, count)
    return Period(start, end, _("%(n)s tháng năm %(y)s") % {"n": count, "y": year})


def year_period(year: int) -> Period:
    start, end = _months_from(year, 1, 12)
    return Period(start, end, _("Năm %(y)s") % {"y": year})


def date_range(first: datetime.date, last: datetime.date) -> Period:
    """From the first day to the last day, both included."""
    return Period(
        _midnight(first),
        _midnight(last + datetime.timedelta(days=1)),
        _("Từ %(a)s đến %(b)s") % {"a": first.strftime("%d/%m/%Y"), "b": last.strftime("%d/%m/%Y")},
    )


def _int(value: str | None, *, field: str, low: int, high: int) -> int:
    try:
        number = int(str(value or "").strip())
    except ValueError:
        raise ValidationError({field: _("Vui lòng nhập một số.")}) from None
    if not low <= number <= high:
        raise ValidationError(
            {field: _("Giá trị phải từ %(a)s đến %(b)s.") % {"a": low, "b": high}}
        )
    return number


def _date(value: str | None, *, field: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(str(value or "").strip(), "%d/%m/%Y").date()
    except ValueError:
        raise ValidationError({field: _("Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy.")}) from None


def period_from_query(query: Mapping[str, str], *, today: datetime.date) -> Period:
    """The period a page's query string asks for; this month when it asks for none.

    Raises ValidationError with a message per field (`nam`, `so`, `tu`, `den`, `ky`).
    """
    kind = KINDS.get(query.get("ky") or "thang")
    if kind is None:
        raise ValidationError({"ky": _("Kỳ báo cáo không hợp lệ.")})
    if kind == "range":
        first, last = _date(query.get("tu"), field="tu"), _date(query.get("den"), field="den")
        if last < first:
            raise ValidationError({"den": _("Ngày kết thúc phải sau ngày bắt đầu.")})
        return date_range(first, last)
    year = _int(query.get("nam") or str(today.year), field="nam", low=2000, high=2100)
    if kind == "month":
        return month(year, _int(query.get("so") or str(today.month), field="so", low=1, high=12))
    if kind == "quarter":
        default = str((today.month - 1) // 3 + 1)
        return quarter(year, _int(query.get("so") or default, field="so", low=1, high=4))
    if kind == "six_months":
        return months(year, 6)
    if kind == "nine_months":
        return months(year, 9)
    return year_period(year)
