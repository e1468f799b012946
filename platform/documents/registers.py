"""The dossier register (Sổ theo dõi hồ sơ, Mẫu 07 of Circular 03/2025/TT-VPCP) as PDF and xlsx.

A register is not a slip of one dossier: it lists every dossier a unit received in a period.
The caller (workflows/registers.py) assembles a `RegisterContext` of plain data; this module
prints it, as a PDF in the administrative style of the slips (the framework in force on the
period's last day, its `mau-07.html`), and as a spreadsheet with the same columns and rows.

Example::

    context = RegisterContext(
        authority_name="Ủy ban nhân dân xã Tứ Kỳ", place_name="Tứ Kỳ",
        period_start=date(2026, 3, 1), period_end=date(2026, 3, 31),
        rows=[RegisterRow(code="H23.14-260309-0001", procedure_name="Đăng ký khai sinh",
                          applicant_name="Nguyễn Văn An", received_at=..., ...)],
    )
    pdf = render_register_pdf(context=context)   # bytes
    xlsx = register_xlsx(context=context)        # bytes, one sheet "Sổ theo dõi hồ sơ"
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.template import Context
from django.utils import timezone

from .language import in_official_language
from .pdf import html_to_pdf
from .registry import SlipError, SlipRegistry, default_registry
from .services import _engine

REGISTER_TEMPLATE = "mau-07.html"
REGISTER_NUMBER = "07"
REGISTER_TITLE = "Sổ theo dõi hồ sơ"


@dataclass(frozen=True, kw_only=True)
class RegisterRow:
    """One dossier of the register; times are timezone-aware (printed in Vietnam time)."""

    code: str
    procedure_name: str
    applicant_name: str
    received_at: dt.datetime
    sets: int = 1  # số lượng hồ sơ (bộ)
    applicant_contact: str = ""  # address, phone
    processing_unit: str = ""  # cơ quan chủ trì giải quyết
    appointment_at: dt.datetime | None = None
    forwarded_at: dt.datetime | None = None  # chuyển hồ sơ đến cơ quan giải quyết
    result_at: dt.datetime | None = None  # nhận kết quả từ cơ quan giải quyết
    returned_at: dt.datetime | None = None  # trả kết quả cho cá nhân, tổ chức
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class RegisterContext:
    authority_name: str  # "Ủy ban nhân dân xã Tứ Kỳ"
    place_name: str  # "Tứ Kỳ"
    period_start: dt.date
    period_end: dt.date
    rows: Sequence[RegisterRow] = ()
    desk_name: str = ""  # empty: the framework's name for the desk


#: The register's columns, in order: (heading, how a row fills it).
COLUMNS: list[tuple[str, str]] = [
    ("TT", "number"),
    ("Mã hồ sơ", "code"),
    ("Tên thủ tục hành chính", "procedure_name"),
    ("Số lượng hồ sơ (bộ)", "sets"),
    ("Tên cá nhân, tổ chức", "applicant_name"),
    ("Địa chỉ, số điện thoại", "applicant_contact"),
    ("Cơ quan chủ trì giải quyết", "processing_unit"),
    ("Nhận hồ sơ", "received_at"),
    ("Hẹn trả kết quả", "appointment_at"),
    ("Chuyển hồ sơ đến cơ quan giải quyết", "forwarded_at"),
    ("Nhận kết quả từ cơ quan giải quyết", "result_at"),
    ("Trả kết quả cho cá nhân, tổ chức", "returned_at"),
    ("Ghi chú", "note"),
]


def _moment(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%H giờ %M, %d/%m/%Y")


def cells(number: int, row: RegisterRow) -> list[str | int]:
    """The row as the register prints it, column by column (`COLUMNS`)."""
    values: list[str | int] = []
    for _heading, key in COLUMNS:
        if key == "number":
            values.append(number)
            continue
        value = getattr(row, key)
        values.append(_moment(value) if isinstance(value, dt.datetime) or value is None else value)
    return values


@in_official_language()
def render_register_pdf(*, context: RegisterContext, registry: SlipRegistry | None = None) -> bytes:
    """The register as a PDF (A4 landscape), with the template of the framework in force on the
    period's last day. Raises `SlipError` when that framework has no register template."""
    registry = registry or default_registry()
    framework = registry.in_force_on(context.period_end)
    if not (framework.directory / REGISTER_TEMPLATE).is_file():
        raise SlipError(f"{framework.id} has no {REGISTER_TEMPLATE}")
    template = _engine(str(registry.root)).get_template(f"{framework.id}/{REGISTER_TEMPLATE}")
    html = template.render(
        _template_context(context, desk_name=context.desk_name or framework.desk_name)
    )
    return html_to_pdf(unicodedata.normalize("NFC", html))


def _template_context(context: RegisterContext, *, desk_name: str) -> Context:
    return Context(
        {
            "register": context,
            "desk_name": desk_name,
            "number": REGISTER_NUMBER,
            "title": REGISTER_TITLE,
            "headings": [heading for heading, _key in COLUMNS],
            "rows": [cells(index, row) for index, row in enumerate(context.rows, start=1)],
        }
    )


@in_official_language()
def register_xlsx(*, context: RegisterContext) -> bytes:
    """The same register as a spreadsheet: a title block, the headings, one line per dossier."""
    # openpyxl only where a spreadsheet is written: never in a worker that only serves pages.
    from openpyxl import Workbook  # noqa: PLC0415 - heavy, imported where used
    from openpyxl.styles import Alignment, Border, Font, Side  # noqa: PLC0415 - heavy, see above
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - heavy, see above

    book = Workbook()
    sheet = book.active
    sheet.title = REGISTER_TITLE
    period = f"Từ ngày {context.period_start:%d/%m/%Y} đến ngày {context.period_end:%d/%m/%Y}"
    width = len(COLUMNS)
    for line, text in enumerate(
        [context.authority_name.upper(), REGISTER_TITLE.upper(), period], start=1
    ):
        sheet.cell(row=line, column=1, value=text).font = Font(bold=line < 3)
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=width)
        sheet.cell(row=line, column=1).alignment = Alignment(horizontal="center")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_row = 5
    for column, (heading, _key) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=column, value=heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        sheet.column_dimensions[get_column_letter(column)].width = 8 if column == 1 else 20
    for index, row in enumerate(context.rows, start=1):
        for column, value in enumerate(cells(index, row), start=1):
            cell = sheet.cell(row=header_row + index, column=column, value=value)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = border
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
