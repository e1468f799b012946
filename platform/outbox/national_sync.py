"""What the national portal is told after each change of a dossier: "sync the dossier" (the whole
record) and "update progress" (the step just taken), written into the outbox by the history entry
of the change (workflows/events.py), so no service can change a dossier and forget to report it.

Field names follow the national portal's integration as used by provincial systems (BACKOFFICE.md:
OpenCPS's DVCQG integration); dates are `yyyyMMddHHmmss` on Vietnam's clock; the status is the
national code of the dossier's state (workflows/national_status.py), the channel its intake's.
Local procedure codes are mapped by `OUTBOX_NATIONAL_PROCEDURE_CODES` (default: the same code,
the built-in procedures already carry their national code).

    >>> national_time(datetime.datetime(2026, 3, 9, 2, 0, tzinfo=datetime.UTC))
    '20260309090000'
    >>> national_time(None)
    ''
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from workflows import links
from workflows.calendar import to_local
from workflows.choices import DeliveryMethod, IssuedKind
from workflows.models import DeskSettings, Dossier
from workflows.national_status import channel_of, national_status

from . import national
from .choices import Channel, MessageState
from .models import Message
from .services import message_enqueue

#: LoaiDoiTuong: the applicant is a citizen (2 would be an organisation).
CITIZEN = 1


def national_time(moment: datetime.datetime | None) -> str:
    return to_local(moment).strftime("%Y%m%d%H%M%S") if moment else ""


def national_procedure_code(code: str) -> str:
    return settings.OUTBOX_NATIONAL_PROCEDURE_CODES.get(code, code)


def _status(dossier: Any) -> int | None:
    try:
        plugin_codes = getattr(dossier.plugin, "national_status_codes", None) or {}
    except KeyError:  # a plugin no longer installed: the base lifecycle's codes
        plugin_codes = {}
    return national_status(
        state=dossier.state, received_at=dossier.received_at, plugin_codes=plugin_codes
    )


def _link(path: str, locality: Any) -> str:
    return links.absolute(path, locality)


def dossier_payload(*, dossier: Any, locality: Any) -> dict[str, Any]:
    """The whole record, as "sync the dossier" sends it."""
    plugin, applicant = dossier.plugin, dossier.applicant
    pauses = dossier.pauses.order_by("paused_at")
    results = dossier.issued_documents.filter(kind=IssuedKind.RESULT)
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": national_procedure_code(dossier.procedure_code),
        "TenTTHC": plugin.name,
        "TenLinhVuc": getattr(plugin, "field", ""),
        "KenhThucHien": channel_of(dossier),
        "LoaiDoiTuong": CITIZEN,
        "ChuHoSo": applicant.full_name,
        "MaDoiTuong": applicant.id_number or "",
        "Email": applicant.email,
        "SoDienThoai": applicant.phone,
        "TrichYeuHoSo": f"{plugin.name} – {applicant.full_name}",
        "NgayTiepNhan": national_time(dossier.received_at),
        "NgayHenTra": national_time(dossier.due_at),
        "TrangThaiHoSo": _status(dossier),
        "NgayTra": national_time(dossier.returned_at),
        "HinhThuc": 1 if dossier.delivery_method == DeliveryMethod.POST else 0,
        "NgayKetThucXuLy": national_time(dossier.finished_at),
        "DonViXuLy": locality.name,
        "MaDonVi": DeskSettings.for_current_locality().unit_identifier,
        "LePhi": dossier.fee or 0,
        "TaiLieuNop": [
            {
                "TepDinhKemId": attachment.pk,
                "TenTepDinhKem": attachment.original_name,
                "MaThanhPhanHoSo": attachment.document_key,
                "DuongDanTaiTepTin": _link(
                    links.locality_path(
                        "workflows:attachment", reference=dossier.reference, pk=attachment.pk
                    ),
                    locality,
                ),
            }
            for attachment in dossier.attachments.all()
        ],
        "DanhSachHoSoBoSung": [
            {
                "NoiDungBoSung": pause.reason,
                "NgayYeuCauBoSung": national_time(pause.paused_at),
                "NgayNopBoSung": national_time(pause.resumed_at),
            }
            for pause in pauses
        ],
        "DanhSachGiayToKetQua": [
            {
                "TenGiayTo": document.get_kind_display(),
                "DuongDanTepTinKetQua": _link(
                    links.locality_path(
                        "workflows:issued", reference=dossier.reference, pk=document.pk
                    ),
                    locality,
                ),
            }
            for document in results
        ],
    }


def progress_payload(*, dossier: Any, event: Any, locality: Any) -> dict[str, Any]:
    """One processing step, as "update progress" sends it."""
    previous = dossier.events.filter(pk__lt=event.pk).order_by("-pk").first()
    return {
        "MaHoSo": dossier.code,
        "NguoiXuLy": event.actor_name,
        "ChucDanh": event.actor_role,
        "ThoiDiemXuLy": national_time(event.at),
        "PhongBanXuLy": locality.name,
        "NoiDungXuLy": " – ".join(filter(None, [str(event.get_type_display()), event.note])),
        "TrangThai": _status(dossier),
        "NgayBatDau": national_time(previous.at if previous else event.at),
        "NgayKetThucTheoQuyDinh": national_time(dossier.due_at),
    }


def national_sync(*, dossier: Any, event: Any, locality: Any) -> None:
    """Queue both calls for the change `event` recorded (nothing when sync is off, or for a
    dossier the national portal must not know yet: a draft has no national status)."""
    if not national.enabled() or locality is None or not dossier.code:
        return
    if _status(dossier) is None:
        return
    for service, data in (
        ("sync", dossier_payload(dossier=dossier, locality=locality)),
        ("progress", progress_payload(dossier=dossier, event=event, locality=locality)),
    ):
        message_enqueue(
            channel=Channel.NATIONAL,
            kind=f"national_{service}",
            recipient=settings.OUTBOX_NATIONAL[f"{service}_path"],
            key=f"national:{service}:{dossier.reference}:{event.pk}",
            payload={"service": service, "data": data},
            dossier=dossier,
        )


def out_of_sync() -> list[tuple[Any, int | None, int]]:
    """Dossiers of the current locality whose last record the national portal accepted does not
    carry their status now (a sync given up, sync switched on late): (dossier, told, true)."""
    told = (
        Message.objects.filter(
            dossier=OuterRef("pk"), kind="national_sync", state=MessageState.SENT
        )
        .order_by("-pk")
        .values("payload__data__TrangThaiHoSo")[:1]
    )
    found = []
    dossiers = Dossier.objects.exclude(code="").annotate(told=Subquery(told)).order_by("pk")
    for dossier in dossiers.iterator():
        true = _status(dossier)
        if true is not None and dossier.told != true:
            found.append((dossier, dossier.told, true))
    return found


def national_resync(*, dossier: Any, locality: Any) -> Message:
    """Queue a fresh "sync the dossier" (it supersedes any older one still waiting)."""
    return message_enqueue(
        channel=Channel.NATIONAL,
        kind="national_sync",
        recipient=settings.OUTBOX_NATIONAL["sync_path"],
        key=f"national:sync:{dossier.reference}:resync:{timezone.now().isoformat()}",
        payload={"service": "sync", "data": dossier_payload(dossier=dossier, locality=locality)},
        dossier=dossier,
    )
