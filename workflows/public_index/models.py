"""One row per dossier, in the public schema: (locality, dossier, applicant, code).

No personal data beyond the account id: names and answers stay in the locality's schema.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    code = models.CharField(_("mã hồ sơ"), max_length=40, blank=True, db_index=True)
    procedure_code = models.CharField(_("mã thủ tục"), max_length=30)
    created_at = models.DateTimeField(_("tạo lúc"))

    class Meta:
        verbose_name = _("chỉ mục hồ sơ")
        verbose_name_plural = _("chỉ mục hồ sơ")
        indexes = [models.Index(fields=["applicant", "locality"], name="dossier_index_user_loc")]

    def __str__(self) -> str:
        return self.code or str(self.reference)
