"""The contract between a dossier and its official slips: what a slip needs, what comes back.

The dossier feature assembles one `SlipContext` from a dossier and calls
`documents.services.render_slip(form=..., context=...)`. Everything here is plain data (no ORM):
the slips can be rendered for any dossier, in any locality, and in tests without a database.

Example (a receipt of Xã Tứ Kỳ, Thành phố Hải Phòng)::

    from datetime import datetime
    from zoneinfo import ZoneInfo

    from documents.slips import Applicant, DocumentForm, DocumentItem, SlipContext, SlipKind

    hcm = ZoneInfo("Asia/Ho_Chi_Minh")
    context = SlipContext(
        authority_name="Ủy ban nhân dân xã Tứ Kỳ",
        superior_name="Thành phố Hải Phòng",
        place_name="Tứ Kỳ",
        dossier_code="H23.14-260616-0001",
        procedure_name="Đăng ký khai sinh",
        procedure_code="1.001193",
        applicant=Applicant(
            name="Nguyễn Thị Hồng Nhung",
            id_number="031190001234",
            address="Thôn Đông, xã Tứ Kỳ, thành phố Hải Phòng",
            phone="0912345678",
            email="nhung@example.vn",
        ),
        documents=[
            DocumentItem(name="Tờ khai đăng ký khai sinh", form=DocumentForm.ORIGINAL),
            DocumentItem(name="Giấy chứng sinh", form=DocumentForm.ORIGINAL),
        ],
        received_at=datetime(2026, 6, 16, 9, 15, tzinfo=hcm),
        appointment_at=datetime(2026, 6, 19, 14, 0, tzinfo=hcm),
        processing_time="03 ngày làm việc",
        delivery_method="Nhận trực tiếp tại Bộ phận Một cửa",
        officer_name="Trần Văn Bình",
        lookup_url="http://tu-ky.hai-phong.dichvucong.localhost:8000/ho-so/tra-cuu/?ma=H23.14-260616-0001",
    )
    rendered = render_slip(form=SlipKind.RECEIPT, context=context)
    # rendered.content: PDF bytes; rendered.filename: "H23.14-260616-0001-mau-01.pdf";
    # rendered.template_version: "tt03-2025/mau-01.html@<hash>"

Which fields a slip prints depends on its kind (see each field's comment); fields a kind does not
use may stay at their defaults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SlipKind(models.TextChoices):
    """What a slip is for; stable across legal frameworks (form numbers are not)."""

    RECEIPT = "receipt", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT_REQUEST = "supplement_request", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
    REFUSAL = "refusal", _("Phiếu từ chối tiếp nhận giải quyết hồ sơ")
    APOLOGY = "apology", _("Phiếu xin lỗi và hẹn lại ngày trả kết quả")
    STOP_NOTICE = "stop_notice", _("Thông báo dừng giải quyết hồ sơ")
    CONTROL_SLIP = "control_slip", _("Phiếu kiểm soát quá trình giải quyết hồ sơ")


class DocumentForm(models.TextChoices):
    """In which form a document of the dossier was handed in."""

    ORIGINAL = "original", _("Bản chính")
    CERTIFIED_COPY = "certified_copy", _("Bản sao có chứng thực")
    COPY = "copy", _("Bản sao")
    ELECTRONIC = "electronic", _("Bản điện tử")


class HandoverOutcome(models.TextChoices):
    """How a step of the control slip ended against its own deadline."""

    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


@dataclass(frozen=True, kw_only=True)
class Applicant:
    """The person or organisation the slip is addressed to (người nộp hồ sơ)."""

    name: str  # "Nguyễn Thị Hồng Nhung" or "Công ty TNHH Tứ Kỳ"
    id_number: str = ""  # CCCD / personal identification number, or tax code of an organisation
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, kw_only=True)
class DocumentItem:
    """One document of the dossier (thành phần hồ sơ): "Giấy chứng sinh", 1 bản chính."""

    name: str
    count: int = 1
    form: DocumentForm = DocumentForm.ORIGINAL

    @property
    def form_label(self) -> str:
        return str(DocumentForm(self.form).label)


@dataclass(frozen=True, kw_only=True)
class HandoverRow:
    """One hand-over of the control slip: who gave the dossier to whom, when, and how it went."""

    sender: str  # the unit handing over: "Bộ phận Một cửa xã Tứ Kỳ"
    receiver: str  # the unit receiving: "Công chức Tư pháp - Hộ tịch"
    at: dt.datetime
    sender_person: str = ""
    receiver_person: str = ""
    outcome: HandoverOutcome | str = ""  # empty while the step is still running
    note: str = ""

    @property
    def outcome_label(self) -> str:
        return str(HandoverOutcome(self.outcome).label) if self.outcome else ""


@dataclass(frozen=True, kw_only=True)
class SlipContext:
    """Everything any slip prints. Dates are timezone-aware; they print in the portal's zone."""

    # --- the issuing body (header, left column) --------------------------------------------------
    authority_name: str  # "Ủy ban nhân dân xã Tứ Kỳ"
    superior_name: str = ""  # the unit above it: "Thành phố Hải Phòng"
    place_name: str  # the place of the date line: "Tứ Kỳ" -> "Tứ Kỳ, ngày 16 tháng 6 năm 2026"
    # The one-stop desk's name; empty = the name the framework in force gives it
    # ("Bộ phận Tiếp nhận và Trả kết quả" in 2018, "Trung tâm Phục vụ hành chính công" in 2025).
    desk_name: str = ""
    document_number: str = ""  # "Số: 15/TNHS"; empty prints a blank to fill in by hand
    issued_on: dt.date | None = None  # date line; default: day received (receipt, control), today

    # --- the dossier -----------------------------------------------------------------------------
    dossier_code: str  # "H23.14-260616-0001"
    procedure_name: str  # "Đăng ký khai sinh"
    procedure_code: str = ""  # "1.001193"
    applicant: Applicant
    received_at: dt.datetime  # also picks the legal framework in force
    lookup_url: str  # opened by the QR code: the dossier's lookup page on the locality's host

    # --- receipt (Mẫu 01) ------------------------------------------------------------------------
    documents: Sequence[DocumentItem] = ()
    dossier_sets: int = 1  # số bộ hồ sơ
    processing_time: str = ""  # as the procedure states it: "03 ngày làm việc", "Trong ngày"
    appointment_at: dt.datetime | None = None  # also the original date on the apology
    delivery_method: str = ""  # "Nhận trực tiếp tại Bộ phận Một cửa", "Qua dịch vụ bưu chính…"
    delivery_address: str = ""  # for delivery by post

    # --- who acts for the desk -------------------------------------------------------------------
    officer_name: str = ""  # the receiving officer / the officer guiding the supplement
    officer_phone: str = ""  # where the citizen calls with questions (supplement request)
    signer_title: str = ""  # apology, stop notice: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    signer_name: str = ""

    # --- supplement, refusal, apology, stop ------------------------------------------------------
    reason: str = ""  # why: refusal, supplement, late result, processing stopped
    missing_items: Sequence[str] = ()  # supplement request: what to add or correct, one per item
    new_appointment_at: dt.datetime | None = None  # apology: the new date promised

    # --- control slip ----------------------------------------------------------------------------
    processing_unit: str = ""  # "Công chức Tư pháp - Hộ tịch xã Tứ Kỳ"
    coordinating_units: Sequence[str] = ()
    handovers: Sequence[HandoverRow] = ()

    def __post_init__(self) -> None:
        if not self.dossier_code.strip():
            raise ValueError("SlipContext.dossier_code is empty.")
        if not self.lookup_url.startswith(("http://", "https://")):
            raise ValueError(f"SlipContext.lookup_url must be an http(s) URL: {self.lookup_url!r}")
        for name in ("received_at", "appointment_at", "new_appointment_at"):
            value = getattr(self, name)
            if value is not None and timezone.is_naive(value):
                raise ValueError(f"SlipContext.{name} must be timezone-aware: {value!r}")

    def as_data(self) -> dict[str, Any]:
        """Plain data (dates as ISO strings) to keep with an issued slip and render it later,
        exactly as it was when issued: `SlipContext.from_data(context.as_data())` prints the
        same slip."""
        data = asdict(self)
        for name in ("received_at", "appointment_at", "new_appointment_at", "issued_on"):
            if data[name] is not None:
                data[name] = data[name].isoformat()
        for row in data["handovers"]:
            row["at"] = row["at"].isoformat()
            row["outcome"] = str(row["outcome"])
        for item in data["documents"]:
            item["form"] = str(item["form"])
        for name in ("documents", "handovers", "missing_items", "coordinating_units"):
            data[name] = list(data[name])
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SlipContext:
        values = dict(data)
        for name in ("received_at", "appointment_at", "new_appointment_at"):
            if values.get(name):
                values[name] = dt.datetime.fromisoformat(values[name])
        if values.get("issued_on"):
            values["issued_on"] = dt.date.fromisoformat(values["issued_on"])
        values["applicant"] = Applicant(**values["applicant"])
        values["documents"] = tuple(
            DocumentItem(**{**item, "form": DocumentForm(item["form"])})
            for item in values.get("documents", ())
        )
        values["handovers"] = tuple(
            HandoverRow(**{**row, "at": dt.datetime.fromisoformat(row["at"])})
            for row in values.get("handovers", ())
        )
        values["missing_items"] = tuple(values.get("missing_items", ()))
        values["coordinating_units"] = tuple(values.get("coordinating_units", ()))
        return cls(**values)

    def received_on(self) -> dt.date:
        """The local (Vietnam) date the dossier was received: it picks the framework in force."""
        return timezone.localtime(self.received_at).date()


@dataclass(frozen=True, kw_only=True)
class RenderedSlip:
    """A rendered slip: the PDF bytes and what is needed to keep them with the dossier."""

    content: bytes
    filename: str  # "H23.14-260616-0001-mau-01.pdf"
    framework_id: str  # "tt03-2025"
    kind: SlipKind
    # Which template rendered it, with a hash of the template files: a stored PDF can always be
    # traced back to the exact legal text it followed. "tt03-2025/mau-01.html@3f9a0c1d2b4e"
    template_version: str
    media_type: str = "application/pdf"
