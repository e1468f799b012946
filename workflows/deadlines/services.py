"""A locality's deadline-care settings: who may change them, and the change.

    deadline_care_configure(actor=admin, escalate_unassigned_after_hours=8)

The rule lives here once (`deadline_care_configure_check`), for a page, the admin or the shell
(`actor=None`: the operator) alike: the locality's own administrators and platform
administrators; anyone else gets PermissionDenied, in this locality and every other.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from staff.roles import Role
from staff.selectors import is_platform_admin, user_has_role

from ..models import DeadlineCareSettings

#: An escalation later than a month of working days is a typo, not a rule.
MAX_ESCALATION_HOURS = 160

_UNCHANGED: Any = object()


def _valid_hours(hours: Any) -> bool:
    if hours is None:
        return True
    return (
        isinstance(hours, int)
        and not isinstance(hours, bool)
        and 1 <= hours <= MAX_ESCALATION_HOURS
    )


def deadline_care_configure_check(*, actor: Any) -> None:
    """May `actor` change the deadline care of the connection's locality? Raises
    PermissionDenied otherwise."""
    if actor is None or is_platform_admin(actor) or user_has_role(actor, Role.LOCALITY_ADMIN):
        return
    raise PermissionDenied(_("Chỉ quản trị đơn vị mới thay đổi cấu hình theo dõi thời hạn."))


@transaction.atomic
def deadline_care_configure(
    *,
    actor: Any,
    escalate_unassigned_after_hours: int | None = _UNCHANGED,
    warn_due_tomorrow: bool | None = None,
    warn_step_overrun: bool | None = None,
) -> DeadlineCareSettings:
    """Set the locality's deadline care; arguments left out keep their value. Escalation:
    a number of working hours (1–160) after which a received dossier assigned to no one is
    offered to the leaders, or None for no escalation."""
    deadline_care_configure_check(actor=actor)
    hours = escalate_unassigned_after_hours
    if hours is not _UNCHANGED and not _valid_hours(hours):
        raise ValidationError(
            {
                "escalate_unassigned_after_hours": _(
                    "Số giờ làm việc phải là số nguyên từ 1 đến %(max)s; để trống nếu không "
                    "tự động chuyển lãnh đạo."
                )
                % {"max": MAX_ESCALATION_HOURS}
            }
        )
    settings = DeadlineCareSettings.objects.select_for_update().order_by("pk").first()
    settings = settings or DeadlineCareSettings()
    if hours is not _UNCHANGED:
        settings.escalate_unassigned_after_hours = hours
    if warn_due_tomorrow is not None:
        settings.warn_due_tomorrow = warn_due_tomorrow
    if warn_step_overrun is not None:
        settings.warn_step_overrun = warn_step_overrun
    settings.save()
    return settings
