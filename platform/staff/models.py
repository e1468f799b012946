"""Per-locality memberships: the link tables between national accounts and a locality's groups.

This app is installed in the public schema (platform-level roles) and in every locality schema,
so each locality keeps its own memberships. See identity/models.py for why.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
