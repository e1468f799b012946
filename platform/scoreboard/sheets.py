"""Every table of the statistics pages as data (`Sheet`), rendered by the page, the CSV and the
xlsx export alike, so an export always says what the page says.

    sheet = desk_sheet(title, [(unit.name, table) for unit, table in ranked])
    csv_bytes(sheet); xlsx_bytes(sheet)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .indicators import COLUMNS, DeskTable, Group


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    #: Per row, the link of the row's first cell (a unit's own page), or "".
    links: list[str] = field(default_factory=list)
    note: str = ""


def desk_sheet(title: str, rows: Iterable[tuple[str, DeskTable]], *, first: str = "") -> Sheet:
    """The desk's table: one line per unit or procedure, columns as `indicators.COLUMNS`."""
    sheet = Sheet(title, [first or _("Đơn vị"), *(str(label) for _n, label in COLUMNS)])
    for name, table in rows:
        sheet.rows.append([name, *table.row()])
    return sheet


def officer_sheet(title: str, rows: Iterable[tuple[str, DeskTable, int]]) -> Sheet:
    """The per-officer table: the desk's columns for the dossiers assigned to each officer,
    and the late steps among them."""
    sheet = desk_sheet(title, [], first=_("Cán bộ"))
    sheet.headers.append(_("Số bước trễ hạn"))
    for name, table, late_steps in rows:
        sheet.rows.append([name, *table.row(), late_steps])
    return sheet


def score_sheet(title: str, groups: list[Group]) -> Sheet:
    sheet = Sheet(
        title,
        [
            _("Nhóm"),
            _("Chỉ tiêu"),
            _("Tử số"),
            _("Mẫu số"),
            _("Giá trị (%)"),
            _("Ngưỡng đủ điểm (%)"),
            _("Điểm"),
            _("Điểm tối đa"),
            _("Công thức"),
        ],
    )
    for group in groups:
        for indicator in group.indicators:
            sheet.rows.append(
                [
                    group.name,
                    indicator.name,
                    indicator.part,
                    indicator.whole,
                    indicator.value,
                    indicator.threshold,
                    indicator.points,
                    indicator.max_points,
                    indicator.formula,
                ]
            )
    return sheet


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_bytes(sheet: Sheet) -> bytes:
    """UTF-8 with a byte-order mark (spreadsheet programs then read Vietnamese correctly)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([sheet.title])
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(sheet: Sheet) -> bytes:
    # openpyxl only where a spreadsheet is written: never in a worker that only serves pages.
    from openpyxl import Workbook  # noqa: PLC0415 - heavy, imported where used
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415 - heavy, imported where used

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = _("Thống kê")[:31]
    worksheet.append([sheet.title])
    worksheet["A1"].font = Font(bold=True, size=13)
    worksheet.append(sheet.headers)
    for cell in worksheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in sheet.rows:
        worksheet.append([_cell(v) for v in row])
    worksheet.column_dimensions["A"].width = 32
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
