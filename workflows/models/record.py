"""What the dossier feature records on each dossier beside the plugin layer's columns.

`DossierRecord` is an abstract model that `workflows.models.Dossier` inherits from, so these are
plain columns of the dossier table (one row per dossier, no join to list "my dossiers"). The
related rows (attachments, issued documents, history, pauses, rating) live in their own modules.

Dates, as the citizen and the desk read them (all timezone-aware, written from `workflows.clock`):

- `submitted_at`: when the citizen pressed "Nộp hồ sơ" (the last time, after supplements);
- `counted_from`: when the legal clock started: the submission's next working moment (a Sunday
  submission counts from Monday 07:30); the code's `yymmdd` is this moment's date. A supplement
  asked for before that moment stops nothing, and the clock then starts with the complete
  dossier: `counted_from` moves to the resubmission's next working moment (the code keeps its
  date; calendar.clock_start_after_supplement);
- `received_at`: when the receiving officer accepted the dossier (tiếp nhận);
- `appointment_at`: the appointment (ngày hẹn trả). Provisional at submission, counted from
  `counted_from` with the locality's processing time; empty while the citizen completes a
  supplement (the clock is stopped); on reception it becomes the later of the provisional date
  and the date counted from the reception moment (a desk never promises an earlier date than
  the one the citizen was given, and never counts from before it saw the dossier);
- `extended_appointment_at`: the new date promised by an apology (Mẫu 04) when late; the
  original appointment stays the reference of the on-time indicator;
- `finished_at`: when the unit finished (result approved, or refused after reception), with
  `timeliness` (early / on time / late) against `appointment_at`;
- `returned_at`: when the result was handed over, posted or sent online.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import DeliveryMethod, Intake
from ..timing import ProcessingTime, Timeliness


class DossierRecord(models.Model):
    # Used in every URL of the dossier: not guessable, and never the same in two localities.
    reference = models.UUIDField(
        _("mã tham chiếu"), default=uuid.uuid4, unique=True, editable=False
    )
    # Set once, at submission (workflows/numbering.py); unique within the locality by design.
    code = models.CharField(
        _("mã hồ sơ"), max_length=40, null=True, blank=True, unique=True, editable=False
    )
    # The hidden token of the "start a dossier" form: pressing twice creates one draft.
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    # How it reached the desk (the inbox's channel column, the national channel code).
    intake = models.CharField(
        _("kênh tiếp nhận"),
        max_length=20,
        choices=Intake.choices,
        default=Intake.PORTAL,
        db_index=True,
    )

    # -- the person the dossier is for, when not the applicant ---------------------------------
    subject_name = models.CharField(_("họ tên người được giải quyết"), max_length=200, blank=True)
    subject_id_number = models.CharField(
        _("số định danh người được giải quyết"), max_length=12, blank=True
    )
    subject_relation = models.CharField(_("quan hệ với người nộp"), max_length=100, blank=True)

    # -- delivery of the result -----------------------------------------------------------------
    delivery_method = models.CharField(
        _("hình thức nhận kết quả"), max_length=10, choices=DeliveryMethod.choices, blank=True
    )
    delivery_address = models.CharField(_("địa chỉ nhận kết quả"), max_length=400, blank=True)
    delivery_province = models.CharField(_("tỉnh, thành phố nhận"), max_length=10, blank=True)
    postage = models.PositiveIntegerField(_("cước bưu chính (đồng)"), null=True, blank=True)
    fee = models.PositiveIntegerField(_("phí, lệ phí (đồng)"), null=True, blank=True)

    # -- the legal clock ------------------------------------------------------------------------
    # The processing time in force for this dossier (the locality's own value at submission).
    processing_time_data = models.JSONField(
        _("thời hạn giải quyết"), null=True, blank=True, encoder=DjangoJSONEncoder
    )
    restart_clock = models.BooleanField(_("tính lại thời hạn sau bổ sung"), default=False)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    counted_from = models.DateTimeField(_("bắt đầu tính thời hạn"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    appointment_at = models.DateTimeField(_("hẹn trả kết quả"), null=True, blank=True)
    extended_appointment_at = models.DateTimeField(
        _("hẹn lại ngày trả kết quả"), null=True, blank=True
    )
    finished_at = models.DateTimeField(_("giải quyết xong lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    timeliness = models.CharField(
        _("tiến độ"), max_length=10, choices=Timeliness.choices, blank=True
    )

    class Meta:
        abstract = True

    # -- reading --------------------------------------------------------------------------------

    @property
    def processing_time(self) -> ProcessingTime | None:
        data = self.processing_time_data
        if not data:
            return None
        cutoff = data.get("cutoff")
        amount: Any = data.get("amount", 0)
        if data.get("kind") == "working_hours" and isinstance(amount, str):
            amount = Decimal(amount)
        return ProcessingTime(
            data["kind"],
            amount,
            cutoff=datetime.time.fromisoformat(cutoff) if cutoff else None,
        )

    @staticmethod
    def processing_time_as_data(time: ProcessingTime) -> dict[str, Any]:
        amount = time.amount
        return {
            "kind": str(time.kind),
            "amount": amount if isinstance(amount, int) else str(amount),
            "cutoff": time.cutoff.isoformat() if time.cutoff else None,
        }

    @property
    def due_at(self) -> datetime.datetime | None:
        """The date the citizen is currently promised (an apology's new date if there is one)."""
        return self.extended_appointment_at or self.appointment_at

    @property
    def is_for_someone_else(self) -> bool:
        return bool(self.subject_name)
