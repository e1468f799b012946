"""What the deadline rules record on a dossier: its steps, its deadline marks, and the
locality's deadline-care settings (workflows/deadlines/ writes them; one place opens and closes
the steps: `deadlines.tracking.step_track`, called with every history entry)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..deadlines.shares import Step
from ..timing import Timeliness


class DossierStep(models.Model):
    """One step of one dossier (receive, process, approve, return), with its own due moment.

    A step sent back (approval → processing) opens a new processing row: the history of steps
    reads in order. `due_at` is empty while the citizen completes the dossier (the clock is
    stopped); `timeliness` is set when the step ends.
    """

    dossier = models.ForeignKey(
        "workflows.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    step = models.CharField(_("bước"), max_length=20, choices=Step.choices)
    share = models.PositiveSmallIntegerField(_("tỷ lệ thời hạn (%)"))
    allowance = models.DurationField(_("thời gian được giao"))
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    timeliness = models.CharField(
        _("tiến độ"), max_length=10, choices=Timeliness.choices, blank=True
    )
    #: Who ended the step (the officer whose action moved the dossier on).
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    officer_name = models.CharField(_("tên cán bộ"), max_length=200, blank=True)
    #: When the daily care job warned that the step ran over its share (once per step).
    overrun_warned_at = models.DateTimeField(_("đã cảnh báo quá hạn bước lúc"), null=True)

    class Meta:
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = _("bước xử lý hồ sơ")
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=models.Q(finished_at__isnull=True),
                name="one_open_step_per_dossier",
            )
        ]
        indexes = [models.Index(fields=["finished_at", "due_at"], name="step_open_due")]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.get_step_display()}"


class DossierDeadline(models.Model):
    """Deadline marks of one dossier (one row, written only when there is something to mark).

    - `intake_late_at`: the desk received, sent back or refused an online dossier after its
      1-working-day intake deadline ("chậm tiếp nhận"); the moment it acted;
    - `overdue_marked_at`: the daily care job found the dossier past its appointment, unfinished;
    - `escalated_at` / `escalated_to`: the care job offered the dossier to the leaders (a
      locality's escalation rule, e.g. received and not assigned for N working hours);
    - `due_warned_on`: the day the care job last warned that the dossier is due the next
      working day (once for a given next working day).
    """

    dossier = models.OneToOneField(
        "workflows.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="deadline",
    )
    intake_late_at = models.DateTimeField(_("chậm tiếp nhận (xử lý lúc)"), null=True, blank=True)
    overdue_marked_at = models.DateTimeField(_("quá hạn (ghi nhận lúc)"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("đã chuyển lãnh đạo lúc"), null=True, blank=True)
    escalated_to = models.CharField(_("đã báo cho"), max_length=400, blank=True)
    due_warned_on = models.DateField(_("đã nhắc sắp đến hạn ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("theo dõi thời hạn hồ sơ")
        verbose_name_plural = _("theo dõi thời hạn hồ sơ")

    def __str__(self) -> str:
        return f"{self.dossier_id}"


class DeadlineCareSettings(models.Model):
    """A locality's deadline care (one row per locality schema; defaults without one).

    Escalation: a dossier received and assigned to no one (no object permission on it) for
    `escalate_unassigned_after_hours` working hours is offered to the leaders: they are warned
    and the dossier shows as escalated. Empty: no escalation.
    """

    warn_due_tomorrow = models.BooleanField(
        _("nhắc hồ sơ đến hạn ngày làm việc tiếp theo"), default=True
    )
    warn_step_overrun = models.BooleanField(_("cảnh báo bước xử lý quá thời gian"), default=True)
    escalate_unassigned_after_hours = models.PositiveSmallIntegerField(
        _("chuyển lãnh đạo khi chưa phân công sau (giờ làm việc)"),
        null=True,
        blank=True,
        help_text=_("Để trống: không tự động chuyển lãnh đạo."),
    )

    class Meta:
        verbose_name = _("cấu hình theo dõi thời hạn")
        verbose_name_plural = _("cấu hình theo dõi thời hạn")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def for_current_locality(cls) -> DeadlineCareSettings:
        """The locality's row, or unsaved defaults (reading never creates a row)."""
        return cls.objects.order_by("pk").first() or cls()
