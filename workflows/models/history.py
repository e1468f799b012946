"""The history of a dossier (append-only) and the pauses of its legal clock.

Every entry is written by one explicit function of workflows/events.py, called by the service
that made the change; nothing is inferred afterwards. The table refuses UPDATE at the database
level (a trigger, migration 0006): an entry, once written, is never changed. Rows go away only
with their dossier (a discarded draft).
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import EventType


class DossierEvent(models.Model):
    """Who did what to the dossier, when, from which state to which, with which note."""

    dossier = models.ForeignKey(
        "workflows.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    type = models.CharField(_("sự kiện"), max_length=40, choices=EventType.choices)
    at = models.DateTimeField(_("lúc"), db_index=True)
    # The account (public schema) and, frozen at the time, the name and capacity it acted in:
    # a later change of name or role does not rewrite history.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=200, blank=True)
    actor_role = models.CharField(_("vai trò"), max_length=40, blank=True)
    from_state = models.CharField(_("từ trạng thái"), max_length=40, blank=True)
    to_state = models.CharField(_("sang trạng thái"), max_length=40, blank=True)
    #: The transition run (plugin transitions included), e.g. "receive".
    transition = models.CharField(_("thao tác"), max_length=60, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    #: What the transition's form held, and facts such as the appointment set.
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["dossier", "at"], name="event_dossier_at")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.at:%d/%m/%Y %H:%M})"

    def save(self, *args, **kwargs) -> None:
        # Integrity, not business logic: the database trigger refuses it too.
        if not self._state.adding:
            raise ValueError("A dossier's history is append-only: entries are never changed.")
        super().save(*args, **kwargs)


class DossierPause(models.Model):
    """A stop of the legal clock while the citizen completes the dossier (yêu cầu bổ sung)."""

    dossier = models.ForeignKey(
        "workflows.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="pauses",
    )
    paused_at = models.DateTimeField(_("tạm dừng lúc"))
    resumed_at = models.DateTimeField(_("tiếp tục lúc"), null=True, blank=True)
    reason = models.TextField(_("nội dung cần bổ sung"), blank=True)

    class Meta:
        verbose_name = _("tạm dừng tính thời hạn")
        verbose_name_plural = _("tạm dừng tính thời hạn")
        ordering = ["paused_at", "pk"]
        constraints = [
            # One open pause at a time: a second request while one is open is a bug.
            models.UniqueConstraint(
                fields=["dossier"],
                condition=models.Q(resumed_at__isnull=True),
                name="one_open_pause_per_dossier",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.paused_at} → {self.resumed_at or '…'}"
