"""The unit's registers, read from its dossiers: Mẫu 07 (Sổ theo dõi hồ sơ) for a period, and
Mẫu 06 (the control slip) of one dossier at any time. Reads only: printing a register writes
nothing (documents/registers.py and documents/services.py print what these return).

    context = register_context(period_start=date(2026, 3, 1), period_end=date(2026, 3, 31))
    render_register_pdf(context=context); register_xlsx(context=context)

The register lists the dossiers the current locality received (`received_at`, Vietnam dates)
within the period, both days included, in the order received.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from documents.language import in_official_language
from documents.registers import RegisterContext, RegisterRow
from documents.services import render_slip
from documents.slips import RenderedSlip, SlipKind
from tenants.context import require_locality

from .calendar import VIETNAM_TZ
from .choices import EventType, Intake
from .models import Dossier
from .slips import authority_name, place_name, slip_context

#: A register over a longer period is refused (the page says so): a year is the longest report.
MAX_PERIOD_DAYS = 366


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    first = datetime.datetime.combine(start, datetime.time.min, tzinfo=VIETNAM_TZ)
    after = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=VIETNAM_TZ
    )
    return first, after


def _event_times(dossier: Dossier) -> dict[str, datetime.datetime]:
    """The first moment of each kind of entry (the register's columns), from the history."""
    times: dict[str, datetime.datetime] = {}
    for event in dossier.events.all():
        times.setdefault(event.type, event.at)
    return times


def _note(dossier: Dossier) -> str:
    parts = [dossier.get_state_label()]
    if dossier.intake != Intake.PORTAL:
        parts.append(str(Intake(dossier.intake).label))
    if dossier.timeliness:
        parts.append(dossier.get_timeliness_display())
    reused = sum(1 for attachment in dossier.attachments.all() if attachment.reuses_digitised)
    if reused:
        parts.append(_("%(count)s giấy tờ dùng lại bản đã số hóa") % {"count": reused})
    return "; ".join(str(part) for part in parts)


def register_row(dossier: Dossier, *, processing_unit: str) -> RegisterRow:
    applicant = dossier.applicant
    times = _event_times(dossier)
    contact = ", ".join(part for part in (applicant.address, applicant.phone) if part)
    assert dossier.received_at is not None  # the register lists received dossiers only
    return RegisterRow(
        code=dossier.code or "",
        procedure_name=dossier.plugin.name,
        applicant_name=applicant.full_name or applicant.username,
        applicant_contact=contact,
        processing_unit=processing_unit,
        received_at=dossier.received_at,
        appointment_at=dossier.appointment_at,
        forwarded_at=times.get(EventType.FORWARDED),
        result_at=times.get(EventType.APPROVED) or times.get(EventType.REFUSED),
        returned_at=dossier.returned_at,
        note=_note(dossier),
    )


def register_dossiers(*, period_start: datetime.date, period_end: datetime.date) -> list[Any]:
    first, after = _bounds(period_start, period_end)
    return list(
        Dossier.objects.filter(received_at__gte=first, received_at__lt=after)
        .prefetch_related("events", "attachments")
        .order_by("received_at", "pk")
    )


@in_official_language()
def register_context(*, period_start: datetime.date, period_end: datetime.date) -> RegisterContext:
    """Mẫu 07 of the current locality for the period (both days included)."""
    locality = require_locality()
    unit = authority_name(locality)
    return RegisterContext(
        authority_name=unit,
        place_name=place_name(locality),
        period_start=period_start,
        period_end=period_end,
        rows=[
            register_row(dossier, processing_unit=unit)
            for dossier in register_dossiers(period_start=period_start, period_end=period_end)
        ],
    )


def control_slip_now(*, dossier: Dossier) -> RenderedSlip:
    """Mẫu 06 of `dossier` as its history stands now (not kept: print it again at any time)."""
    return render_slip(form=SlipKind.CONTROL_SLIP, context=slip_context(dossier=dossier))
