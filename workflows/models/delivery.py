"""Postage for results sent by public post (bưu chính công ích), per locality.

A locality sets its own rates (the contract it signed with the post office); without a row the
documented defaults apply: 25.000 đồng to an address in the locality's own province and
35.000 đồng elsewhere in Việt Nam, the order of VNPost's public-service tariff for one
administrative-result envelope. The citizen sees the amount before submitting and pays it
when the result is posted (seed 000: "các chi phí gửi kết quả sẽ thực hiện theo quy định").
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_POSTAGE_WITHIN_PROVINCE = 25_000
DEFAULT_POSTAGE_OTHER_PROVINCE = 35_000


class DeliverySettings(models.Model):
    post_enabled = models.BooleanField(_("nhận trả kết quả qua bưu chính"), default=True)
    postage_within_province = models.PositiveIntegerField(
        _("cước trong tỉnh (đồng)"), default=DEFAULT_POSTAGE_WITHIN_PROVINCE
    )
    postage_other_province = models.PositiveIntegerField(
        _("cước ngoài tỉnh (đồng)"), default=DEFAULT_POSTAGE_OTHER_PROVINCE
    )

    class Meta:
        verbose_name = _("cấu hình trả kết quả")
        verbose_name_plural = _("cấu hình trả kết quả")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def for_current_locality(cls) -> DeliverySettings:
        """The locality's row, or unsaved defaults (reading never creates a row)."""
        return cls.objects.order_by("pk").first() or cls()

    def postage_to(self, *, province_code: str, home_province_code: str) -> int:
        if province_code and province_code == home_province_code:
            return self.postage_within_province
        return self.postage_other_province
