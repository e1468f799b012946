"""Who works on a dossier at a step: the assignment row beside django-guardian's grant.

The grant (`staff.object_access.grant_dossier_access`: `view_dossier` + `change_dossier` on this
one dossier, in this locality's schema) is what "assigned to me", the inbox and permission checks
read. This row records the facts a one-stop desk reports on and guardian does not keep: the step
(the dossier's state when assigned), the role, who assigned and when, when the assignee first
opened the dossier, and when the assignment ended (a reassignment). Both are written by
`workflows.services.assignment` in one transaction, never separately.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Assignment(models.Model):
    dossier = models.ForeignKey(
        "workflows.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    #: The dossier's state when it was assigned, e.g. "in_processing".
    step = models.CharField(_("bước"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được phân công"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("vai trò"), max_length=40)
    assigned_at = models.DateTimeField(_("phân công lúc"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phân công"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: When the assignee first opened the dossier after being assigned (None: not yet seen).
    visited_at = models.DateTimeField(_("xem lần đầu lúc"), null=True, blank=True)
    #: When the assignment was replaced by another (None: in force).
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân công xử lý")
        verbose_name_plural = _("phân công xử lý")
        ordering = ["assigned_at", "pk"]
        constraints = [
            # One assignee in force per dossier and role: a reassignment ends the previous one.
            models.UniqueConstraint(
                fields=["dossier", "role"],
                condition=models.Q(ended_at__isnull=True),
                name="assignment_one_in_force_per_role",
            )
        ]
        indexes = [models.Index(fields=["user", "ended_at"], name="assignment_user_in_force")]

    def __str__(self) -> str:
        return f"{self.dossier_id} → {self.user_id} ({self.role}, {self.step})"
