"""Partners of the API (public schema): who may call the system-to-system operations, where,
and what each call did.

A partner is a system (the national portal, a province's integration platform) with a key id
and a shared secret; it signs every request (api/signing.py). It may act only in the
localities it was granted (a province grants its communes too) and only for the operations it
was granted. Platform administrators manage partners with `manage.py api_partner`.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import Locality


class Operation(models.TextChoices):
    """What a partner may be granted."""

    INTAKE = "intake", _("Chuyển hồ sơ từ Cổng Dịch vụ công quốc gia về đơn vị")
    INTAKE_STATUS = "intake_status", _("Xem tình trạng hồ sơ đã chuyển về")


class Partner(models.Model):
    name = models.CharField(_("tên hệ thống đối tác"), max_length=200)
    key_id = models.SlugField(_("mã khoá"), max_length=64, unique=True)
    #: The shared HMAC secret. It must be readable to check a signature, so it is kept as is:
    #: the database (public schema) is as sensitive as SECRET_KEY.
    secret = models.CharField(_("khoá bí mật"), max_length=128)
    localities = models.ManyToManyField(
        Locality, related_name="api_partners", blank=True, verbose_name=_("địa phương được cấp")
    )
    operations = models.JSONField(_("thao tác được cấp"), default=list, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đối tác API")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_id})"


class PartnerCall(models.Model):
    """One call by a partner (or by someone claiming to be one): kept whatever the outcome."""

    partner = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.SET_NULL)
    key_id = models.CharField(max_length=64, blank=True)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    status = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=100, blank=True)
    locality_code = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.key_id} {self.method} {self.path} {self.status}"


class NationalIntake(models.Model):
    """A dossier the national portal pushed, by its national id (the same id twice is one
    dossier)."""

    national_id = models.CharField(max_length=64, unique=True)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT)
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT)
    dossier_reference = models.UUIDField(default=uuid.uuid4)
    code = models.CharField(max_length=40)
    received_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.national_id} → {self.code}"
