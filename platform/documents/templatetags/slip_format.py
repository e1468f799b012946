"""Date formats of Vietnamese administrative documents (Decree 30/2020/NĐ-CP, Appendix I).

- the place-and-date line: "ngày 05 tháng 02 năm 2026" — days below 10 and the months January
  and February take a leading zero, the other months do not ("ngày 16 tháng 6 năm 2026");
- dates in the body: dd/mm/yyyy ("19/06/2026");
- times: "14 giờ 00 phút, ngày 19/06/2026".

Aware datetimes print in the portal's time zone (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


def _local(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def ngay_thang_nam(value: dt.date | dt.datetime | None) -> str:
    """`date(2026, 6, 16)` -> "ngày 16 tháng 6 năm 2026"; 5/2/2026 -> "ngày 05 tháng 02 …"."""
    if not value:
        return "ngày …… tháng …… năm ……"
    value = _local(value)
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


@register.filter
def dmy(value: dt.date | dt.datetime | None) -> str:
    """`date(2026, 6, 19)` -> "19/06/2026"."""
    if not value:
        return "……/……/……"
    return _local(value).strftime("%d/%m/%Y")


@register.filter
def gio_phut_ngay(value: dt.datetime | None) -> str:
    """`datetime(2026, 6, 19, 14, 0)` -> "14 giờ 00 phút, ngày 19/06/2026"."""
    if not value:
        return "…… giờ …… phút, ngày ……/……/……"
    value = _local(value)
    return f"{value.hour:02d} giờ {value.minute:02d} phút, ngày {value:%d/%m/%Y}"


@register.filter
def hai_chu_so(value: int | None) -> str:
    """Counts as forms write them: 1 -> "01", 12 -> "12"."""
    if value is None or value == "":
        return "……"
    return f"{int(value):02d}"
