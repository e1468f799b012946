"""One row per dossier, in the public schema: what lookup, inbox counts and statistics read.

No personal data: names, answers and ID numbers stay in the locality's schema. The applicant's
ID number is kept only as a keyed hash (HMAC-SHA256 with `LOOKUP_HASH_KEY`), so the row can answer
"the dossiers of the person who proved this number" without holding the number.
Written by `public_index.services.index_write` in the transaction of every dossier change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..national_status import Channel, NationalStatus


class DossierIndexEntry(models.Model):
    locality = models.ForeignKey(
        "tenants.Locality", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    #: The dossier's `reference` (UUID), unique across every schema.
    reference = models.UUIDField(_("mã tham chiếu"), unique=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    #: Upper-cased, so a lookup is one equality on this index whatever case the citizen typed.
    code = models.CharField(_("mã hồ sơ"), max_length=40, blank=True, db_index=True)
    procedure_code = models.CharField(_("mã thủ tục"), max_length=30)
    plugin_version = models.PositiveIntegerField(_("phiên bản thủ tục"), default=1)
    created_at = models.DateTimeField(_("tạo lúc"))

    state = models.CharField(_("trạng thái"), max_length=40, blank=True)
    #: The state as the dossier's own workflow names it, frozen when the row was written.
    state_label = models.CharField(_("tên trạng thái"), max_length=200, blank=True)
    national_status = models.PositiveSmallIntegerField(
        _("trạng thái quốc gia"), choices=NationalStatus.choices, null=True, blank=True
    )
    channel = models.PositiveSmallIntegerField(
        _("kênh thực hiện"), choices=Channel.choices, default=Channel.ONLINE
    )
    delivery_method = models.CharField(_("hình thức nhận kết quả"), max_length=10, blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    appointment_at = models.DateTimeField(_("hẹn trả kết quả"), null=True, blank=True)
    extended_appointment_at = models.DateTimeField(
        _("hẹn lại ngày trả kết quả"), null=True, blank=True
    )
    finished_at = models.DateTimeField(_("giải quyết xong lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    timeliness = models.CharField(_("tiến độ"), max_length=10, blank=True)
    #: Set on a hand-over copy (liên thông): the unit that sent it. Such a row is the other
    #: unit's working copy: lookup, "my dossiers", statistics and national reporting skip it
    #: (`counted()`), the origin's row stands for the dossier.
    handed_over_from = models.ForeignKey(
        "tenants.Locality",
        verbose_name=_("nhận liên thông từ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # -- what statistics and the Decision 766 score read (platform/scoreboard/) ----------------
    #: When the dossier ended for statistics: the first of finished (done, or stopped after
    #: reception) > returned > refused at the desk / withdrawn. Empty while it is still open.
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    #: How many times the desk asked for a supplement (more than one counts late, Decision 766).
    supplement_rounds = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    #: Seconds the legal clock stood still for supplements (closed pauses only).
    paused_seconds = models.PositiveIntegerField(_("thời gian tạm dừng (giây)"), default=0)
    #: Start of the pause still open (waiting for the citizen's supplement), else empty.
    paused_since = models.DateTimeField(_("đang tạm dừng từ"), null=True, blank=True)
    #: Every pause of the legal clock as [paused, resumed or null] in UTC, "YYYY-MM-DDTHH:MM:SS"
    #: (fixed width: compared as text), so a past period counts the pauses it held.
    pauses = models.JSONField(_("các lần tạm dừng"), default=list, blank=True)
    fee = models.PositiveIntegerField(_("phí, lệ phí (đồng)"), null=True, blank=True)
    #: Paid through the national or a local payment gateway (no gateway yet: always False).
    paid_online = models.BooleanField(_("thanh toán trực tuyến"), default=False)
    #: An electronic result (the signed result document) was issued for the dossier.
    electronic_result = models.BooleanField(_("có kết quả điện tử"), default=False)
    #: The dossier's components are digitised: at least one file (uploaded online, scanned at
    #: the counter, or a digitised paper reused).
    digitised_components = models.BooleanField(_("có thành phần hồ sơ số hóa"), default=False)
    #: At least one component is a paper already digitised and reused (`reuses_digitised`).
    reused_digitised = models.BooleanField(_("có tái sử dụng giấy tờ đã số hóa"), default=False)
    #: The citizen's satisfaction rating, 1 (very unsatisfied) to 5; empty when not rated.
    rating = models.PositiveSmallIntegerField(_("mức độ hài lòng"), null=True, blank=True)
    # -- what the per-officer reports read (scoreboard.selectors.officer_tables) --------------
    #: The officer the dossier is assigned to now (the assignment in force most recently made,
    #: `workflows.models.Assignment`); after the result, the last one. An id, never a name.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ được phân công"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: How many of the dossier's steps (`DossierStep`) ended after their own due moment.
    late_steps = models.PositiveSmallIntegerField(_("số bước trễ hạn"), default=0)
    #: HMAC-SHA256 (hex) of the applicant's ID number; never the number.
    applicant_id_hash = models.CharField(_("mã băm số định danh"), max_length=64, blank=True)
    indexed_at = models.DateTimeField(_("ghi chỉ mục lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("chỉ mục hồ sơ")
        verbose_name_plural = _("chỉ mục hồ sơ")
        indexes = [
            models.Index(fields=["applicant", "locality"], name="dossier_index_user_loc"),
            models.Index(fields=["applicant_id_hash"], name="dossier_index_id_hash"),
            models.Index(fields=["locality", "state"], name="dossier_index_loc_state"),
            models.Index(
                fields=["locality", "national_status", "received_at"],
                name="dossier_index_loc_status",
            ),
            # Statistics: the rows of a set of units still open at, or received before, a moment.
            models.Index(
                fields=["locality", "received_at", "ended_at"], name="dossier_index_loc_period"
            ),
            models.Index(fields=["locality", "assignee"], name="dossier_index_loc_assignee"),
        ]

    def __str__(self) -> str:
        return self.code or str(self.reference)

    @classmethod
    def counted(cls) -> models.QuerySet:
        """The rows that stand for a citizen's dossier: hand-over copies left out."""
        return cls.objects.filter(handed_over_from__isnull=True)

    @property
    def due_at(self):
        """The date the citizen is currently promised (an apology's new date if there is one)."""
        return self.extended_appointment_at or self.appointment_at
