"""Dossiers in a given state, for service and engine tests (the HTTP journeys build theirs
through the pages). The connection must be in the locality's schema."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from procedure_plugins.registry import register
from workflows import clock, events
from workflows.calendar import appointment_for, next_working_moment
from workflows.models import Dossier
from workflows.services.common import index_record

from .helpers import EXTRACT_COPY

EXTRACT_COPY_ANSWERS = {
    "nguoi_yeu_cau": {
        "ho_ten": "Nguyễn Văn An",
        "so_dinh_danh": "031090001234",
        "noi_cu_tru": {"province": "31", "commune": "11074", "street": "Thôn Đông"},
        "dien_thoai": "0912345678",
    },
    "quan_he": "ban_than",
    "loai_su_kien": "khai_sinh",
    "nguoi_duoc_cap": {"ho_ten": "Nguyễn Văn An", "ngay_sinh": "09/05/1990"},
    "noi_dang_ky": "UBND xã Tứ Kỳ",
    "so_ban_sao": 1,
    "muc_dich": ["hoc_tap"],
}


def make_dossier(
    *,
    applicant: Any,
    procedure_code: str = EXTRACT_COPY,
    state: str = "submitted",
    answers: dict | None = None,
    submitted_at: datetime.datetime | None = None,
    **fields: Any,
) -> Dossier:
    """A dossier as if submitted at `submitted_at` (default: now on the clock), in `state`."""
    plugin = register.get(procedure_code)
    moment = submitted_at or clock.now()
    processing_time = fields.pop("processing_time", plugin.processing_time)
    values = {
        "procedure_code": procedure_code,
        "plugin_version": plugin.version,
        "applicant": applicant,
        "answers": EXTRACT_COPY_ANSWERS if answers is None else answers,
        "state": state,
        "delivery_method": "desk",
        "submitted_at": moment,
        "counted_from": next_working_moment(at=moment),
        "appointment_at": appointment_for(received_at=moment, processing_time=processing_time),
        "processing_time_data": Dossier.processing_time_as_data(processing_time),
        "code": f"TEST-{uuid.uuid4().hex[:10]}",
        **fields,
    }
    dossier = plugin.workflow.objects.create(**values)
    events.dossier_submitted_event(dossier=dossier, user=applicant, from_state="draft", at=moment)
    index_record(dossier=dossier)
    return Dossier.objects.get(pk=dossier.pk)
