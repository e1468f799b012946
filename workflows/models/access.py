"""Decree 13/2023/NĐ-CP (personal data): who, other than the applicant, opened a dossier or
downloaded one of its files — shown to the applicant on their dossier page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessKind(models.TextChoices):
    VIEWED = "viewed", _("Xem hồ sơ")
    DOWNLOADED = "downloaded", _("Tải tệp")


class DossierAccess(models.Model):
    """One reading of a dossier by an officer (name and unit kept as they were then)."""

    dossier = models.ForeignKey(
        "workflows.Dossier", on_delete=models.CASCADE, related_name="accesses"
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    viewer_name = models.CharField(_("người xem"), max_length=200)
    unit_name = models.CharField(_("đơn vị"), max_length=200, blank=True)
    kind = models.CharField(_("thao tác"), max_length=20, choices=AccessKind.choices)
    # The file's name for a download; empty for a view of the dossier itself.
    what = models.CharField(_("nội dung"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("lượt truy cập hồ sơ")
        verbose_name_plural = _("nhật ký truy cập hồ sơ")
        ordering = ("-at", "-pk")
        indexes = [models.Index(fields=("dossier", "-at"), name="workflows_access_by_dossier")]

    def __str__(self) -> str:
        return f"{self.viewer_name} · {self.get_kind_display()} · {self.at:%d/%m/%Y %H:%M}"
