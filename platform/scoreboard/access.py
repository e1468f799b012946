"""Who sees which statistics: one check, asked by every page and export of this app.

- a unit's leaders and administrators see their unit (on its portal);
- a province's administrators and leaders see the province and every unit below it;
- platform administrators see everything, the national root's table of provinces included;
- citizens and other localities' officers see only the public page (`/thong-ke/cong-khai/`).

    scoreboard_check(user, unit)      # raises PermissionDenied with the reason
    may_view_scoreboard(user, unit)   # True / False, for templates and menus
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from staff.roles import Role
from staff.selectors import is_platform_admin, province_of, user_roles_in
from tenants.choices import Level
from tenants.models import Locality

#: The roles of a unit that see its statistics.
VIEWER_ROLES = frozenset({Role.LEADER.value, Role.LOCALITY_ADMIN.value})


def _sees_unit_itself(user, unit: Locality) -> bool:
    return bool(VIEWER_ROLES.intersection(user_roles_in(user, unit)))


def scoreboard_check(user, unit: Locality | None) -> None:
    """Raise PermissionDenied unless `user` may see the statistics of `unit` (None: the nation)."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Vui lòng đăng nhập bằng tài khoản cán bộ."))
    if is_platform_admin(user):
        return
    if unit is None or unit.level == Level.NATIONAL:
        raise PermissionDenied(_("Chỉ quản trị nền tảng xem được thống kê toàn quốc."))
    if _sees_unit_itself(user, unit):
        return
    province = province_of(unit)
    if province is not None and province.pk != unit.pk and _sees_unit_itself(user, province):
        return
    raise PermissionDenied(
        _("Chỉ lãnh đạo, quản trị của đơn vị hoặc của tỉnh xem được thống kê này.")
    )


def officer_scope(user, unit: Locality | None) -> int | None:
    """Whose per-officer figures `user` sees in `unit`: None for every officer (those who see
    the unit's statistics), their own id for any other officer of the unit; else
    PermissionDenied (citizens, other localities' officers, the nation)."""
    if may_view_scoreboard(user, unit):
        return None
    signed_in = user is not None and user.is_authenticated
    if unit is not None and signed_in and user_roles_in(user, unit):
        return user.pk
    raise PermissionDenied(_("Chỉ cán bộ của đơn vị xem được số liệu của mình."))


def may_view_scoreboard(user, unit: Locality | None) -> bool:
    try:
        scoreboard_check(user, unit)
    except PermissionDenied:
        return False
    return True
