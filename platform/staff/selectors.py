"""Reads about staff roles.

Unless a function says otherwise, it reads the schema of the current connection, i.e. the
locality of the current request: "is this person an editor?" means "an editor *here*".
Functions that look into another locality's schema say so in their name (`*_in`) and are the
only places where a query crosses localities.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_tenants.utils import schema_context

from tenants.choices import Level
from tenants.context import current_locality, current_schema
from tenants.models import Locality

from .models import GroupMembership, StaffEvent
from .roles import LOCALITY_APPOINTABLE_ROLES, Role


def is_platform_admin(user) -> bool:
    """Platform administrators (`is_staff`, "quản trị nền tảng") manage every locality."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.is_staff)
    )


def user_roles(user) -> list[str]:
    """The person's roles in the current locality, in `Role` order."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    names = set(
        Group.objects.filter(user=user, name__in=Role.values).values_list("name", flat=True)
    )
    return [role.value for role in Role if role.value in names]


def user_has_role(user, role: Role | str) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return Group.objects.filter(user=user, name=str(role)).exists()


def user_has_any_role(user, roles) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return Group.objects.filter(user=user, name__in=[str(r) for r in roles]).exists()


def user_roles_in(user, locality: Locality) -> list[str]:
    """Cross-locality read: the person's roles in another locality's schema."""
    if locality.schema_name == current_schema():
        return user_roles(user)
    with schema_context(locality.schema_name):
        return user_roles(user)


def can_manage_staff(user) -> bool:
    """May this person appoint and remove staff in the current locality?"""
    if current_locality() is None:
        return False
    return is_platform_admin(user) or user_has_role(user, Role.LOCALITY_ADMIN)


def appointable_roles(actor) -> list[Role]:
    """Roles the actor may give on the current locality's staff page."""
    if is_platform_admin(actor):
        return list(Role)
    return list(LOCALITY_APPOINTABLE_ROLES)


def province_of(locality: Locality) -> Locality | None:
    node = locality
    while node is not None and node.level not in (Level.PROVINCE, Level.NATIONAL):
        node = node.parent
    return node if node is not None and node.level == Level.PROVINCE else None


def is_provincial_admin_for(user, locality: Locality) -> bool:
    """Locality administrator of the province above `locality` (or of `locality` itself if it is
    a province). Reads the province's schema."""
    province = province_of(locality)
    if province is None or not user.is_authenticated:
        return False
    return Role.LOCALITY_ADMIN.value in user_roles_in(user, province)


def can_manage_locality(user, locality: Locality) -> bool:
    """May this person appoint the locality's administrators and switch its portal on or off?

    Platform administrators: every locality. Provincial administrators: the communes (and
    districts) of their province, not the province itself.
    """
    if locality.level == Level.NATIONAL:
        return False
    if is_platform_admin(user):
        return True
    if locality.level == Level.PROVINCE:
        return False
    return is_provincial_admin_for(user, locality)


def managed_localities(user, here: Locality | None):
    """The localities listed on `/tai-khoan/don-vi/` of the portal `here` (None = national root),
    or None when this person manages nothing from this portal."""
    base = Locality.objects.exclude(level=Level.NATIONAL).prefetch_related("domains")
    if here is None or here.level == Level.NATIONAL:
        if not is_platform_admin(user):
            return None
        return base.filter(level=Level.PROVINCE).order_by("name")
    if here.level == Level.PROVINCE:
        if not (is_platform_admin(user) or is_provincial_admin_for(user, here)):
            return None
        return base.filter(parent=here).order_by("name")
    return None


@dataclass
class StaffMember:
    user: Any
    roles: list[str] = field(default_factory=list)

    @property
    def role_pairs(self) -> list[tuple[str, str]]:
        return [(role, str(Role(role).label)) for role in self.roles]


def staff_members() -> list[StaffMember]:
    """Everyone holding a role in the current locality, with their roles, by name."""
    by_user: dict[int, StaffMember] = {}
    roles_by_user: dict[int, set[str]] = defaultdict(set)
    memberships = GroupMembership.objects.filter(group__name__in=Role.values).select_related(
        "user", "group"
    )
    for membership in memberships:
        by_user.setdefault(membership.user_id, StaffMember(user=membership.user))
        roles_by_user[membership.user_id].add(membership.group.name)
    for user_id, member in by_user.items():
        member.roles = [role.value for role in Role if role.value in roles_by_user[user_id]]
    return sorted(by_user.values(), key=lambda m: m.user.get_full_name().lower())


def role_holders_in(locality: Locality, role: Role | str) -> list:
    """Cross-locality read: the accounts holding `role` in `locality`."""
    User = get_user_model()
    with schema_context(locality.schema_name):
        user_ids = list(
            GroupMembership.objects.filter(group__name=str(role)).values_list("user_id", flat=True)
        )
    return list(User.objects.filter(pk__in=user_ids).order_by("full_name", "username"))


def recent_events(limit: int = 20) -> list[StaffEvent]:
    return list(StaffEvent.objects.all()[:limit])


def recent_events_in(locality: Locality, limit: int = 20) -> list[StaffEvent]:
    with schema_context(locality.schema_name):
        return recent_events(limit)
