"""Which locality offers which procedure, with its local adjustments (public schema).

Kept in the public schema so that the national and province portals can list and search every
locality's offer in one query. The procedures themselves are plugins (code, not rows).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcedureOffering(models.Model):
    """Procedure `procedure_code` is offered on `locality`'s portal.

    Example: Xã Tứ Kỳ offers 1.001193 (birth registration); `fee_amount` / `processing_time_amount`
    hold the locality's own values when it set some, within the plugin's limits (services.py).
    """

    locality = models.ForeignKey(
        "tenants.Locality",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="procedure_offerings",
    )
    procedure_code = models.CharField(_("mã thủ tục"), max_length=30)
    is_active = models.BooleanField(_("đang cung cấp"), default=True)
    processing_time_amount = models.PositiveIntegerField(
        _("thời hạn giải quyết riêng"),
        null=True,
        blank=True,
        help_text=_("Theo đơn vị của thủ tục (ngày hoặc giờ làm việc); để trống: theo quy định."),
    )
    fee_amount = models.PositiveIntegerField(
        _("mức phí, lệ phí riêng (đồng)"), null=True, blank=True
    )
    #: The locality's own step shares (percent per step: {"receive": 10, "process": 60,
    #: "approve": 20, "return_result": 10}) within the plugin's `step_shares.limits`; null: the
    #: plugin's (services.offering_set_step_shares).
    step_shares = models.JSONField(_("tỷ lệ thời hạn từng bước riêng"), null=True, blank=True)
    agency_name = models.CharField(
        _("tên cơ quan thực hiện tại đơn vị"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Bộ phận Một cửa UBND xã Tứ Kỳ; để trống: theo thủ tục."),
    )
    created_at = models.DateTimeField(_("bật lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thủ tục được cung cấp")
        verbose_name_plural = _("thủ tục được cung cấp")
        constraints = [
            models.UniqueConstraint(
                fields=["locality", "procedure_code"], name="offering_unique_per_locality"
            )
        ]
        indexes = [models.Index(fields=["procedure_code", "is_active"])]

    def __str__(self) -> str:
        return f"{self.procedure_code} @ {self.locality_id}"
