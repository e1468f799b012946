"""Per-locality memberships: the link tables between national accounts and a locality's groups.

This app is installed in the public schema (platform-level roles) and in every locality schema,
so each locality keeps its own memberships. See identity/models.py for why.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role


class GroupMembership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    group = models.ForeignKey("auth.Group", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("thành viên nhóm")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="staff_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ∈ {self.group}"


class DirectPermission(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    permission = models.ForeignKey("auth.Permission", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("quyền riêng")
        constraints = [
            models.UniqueConstraint(fields=["user", "permission"], name="staff_permission_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.permission}"


class StaffEvent(models.Model):
    """Audit of staff and locality administration, one row per event, never edited.

    Stored in the schema whose memberships changed (an appointment in Xã Tứ Kỳ is recorded in
    Tứ Kỳ's schema); platform-level events (a locality switched on or off) in the public schema.
    """

    class Kind(models.TextChoices):
        ROLE_APPOINTED = "role_appointed", _("Bổ nhiệm vai trò")
        ROLE_REMOVED = "role_removed", _("Miễn nhiệm vai trò")
        LOCALITY_ACTIVATED = "locality_activated", _("Mở cổng đơn vị")
        LOCALITY_DEACTIVATED = "locality_deactivated", _("Tạm ngừng cổng đơn vị")

    kind = models.CharField(_("sự kiện"), max_length=32, choices=Kind.choices)
    at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    # No database constraint into the shared schema (one per locality would pile triggers onto
    # the national accounts table; see tenants/schema_template.py); labels keep the record whole.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    # Names are copied so the record still reads right if an account changes or disappears.
    actor_label = models.CharField(_("người thực hiện (tên)"), max_length=250, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được bổ nhiệm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    subject_label = models.CharField(_("người được bổ nhiệm (tên)"), max_length=250, blank=True)
    role = models.CharField(_("vai trò"), max_length=40, blank=True)
    locality_code = models.CharField(_("mã đơn vị"), max_length=10, blank=True)
    locality_name = models.CharField(_("tên đơn vị"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("nhật ký cán bộ")
        verbose_name_plural = _("nhật ký cán bộ")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_kind_display()} {self.subject_label}"

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role in Role.values else self.role
