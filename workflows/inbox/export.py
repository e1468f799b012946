"""The filtered inbox list as CSV (UTF-8 with a byte-order mark, so Excel reads the diacritics).

One row per dossier, the columns of the page plus the state and the assignee; dates in
Vietnam's time as dd/mm/yyyy HH:MM.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from ..calendar import to_local
from .query import InboxRow


def _moment(value) -> str:
    return to_local(value).strftime("%d/%m/%Y %H:%M") if value else ""


def inbox_csv(rows: Iterable[InboxRow]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Mã hồ sơ"),
            _("Thủ tục"),
            _("Người nộp"),
            _("Kênh"),
            _("Trạng thái"),
            _("Ngày nộp"),
            _("Hẹn trả"),
            _("Thời hạn còn lại"),
            _("Người xử lý"),
        ]
    )
    for row in rows:
        dossier = row.dossier
        writer.writerow(
            [
                dossier.code or "",
                row.procedure_name,
                row.applicant_name,
                row.channel,
                dossier.get_state_label(),
                _moment(dossier.submitted_at),
                _moment(dossier.due_at),
                row.time_left.text,
                row.assignee_name,
            ]
        )
    return buffer.getvalue()
