"""Writes about staff: appointing and removing roles, switching a locality's portal on or off,
and giving role groups their Django/Wagtail permissions.

Each service checks that the actor may do it, changes the memberships in the locality's own
schema, and writes one audit event (`StaffEvent`) there.

    staff_appoint(locality=tu_ky, actor=admin, user=citizen, role=Role.RECEIVING_OFFICER)
"""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from tenants import page_cache
from tenants.context import current_schema, on_national_root
from tenants.models import Locality

from . import selectors
from .models import GroupMembership, StaffEvent
from .roles import (
    ROLE_COLLECTION_PERMISSIONS,
    ROLE_MODEL_PERMISSIONS,
    ROLE_PAGE_PERMISSIONS,
    Role,
    role_group,
)


@contextmanager
def _in_schema_of(locality: Locality):
    """Run in the locality's schema (a no-op when the connection is already there)."""
    if current_schema() == locality.schema_name:
        yield
    else:
        with schema_context(locality.schema_name):
            yield


def _forget_cached_permissions(*users) -> None:
    # ModelBackend caches permissions on the user object; a role change must show at once.
    for user in users:
        for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            if hasattr(user, attr):
                delattr(user, attr)


def _label(user) -> str:
    if user is None:
        return ""
    return f"{user.get_full_name()} ({user.email or user.get_username()})"


def _check_may_assign(*, actor, locality: Locality, role: Role) -> None:
    """Platform administrators: any role anywhere. Provincial administrators: the locality
    administrator role of the localities in their province. A locality administrator: every other
    role in their own locality."""
    if selectors.is_platform_admin(actor):
        return
    if role == Role.LOCALITY_ADMIN:
        if selectors.can_manage_locality(actor, locality):
            return
        raise PermissionDenied(
            _(
                "Chỉ quản trị cấp tỉnh hoặc quản trị nền tảng mới bổ nhiệm được quản trị đơn vị "
                "cho %(locality)s."
            )
            % {"locality": locality.name}
        )
    with _in_schema_of(locality):
        if selectors.user_has_role(actor, Role.LOCALITY_ADMIN):
            return
    raise PermissionDenied(
        _("Bạn không phải quản trị đơn vị của %(locality)s.") % {"locality": locality.name}
    )


@transaction.atomic
def staff_appoint(*, locality: Locality, actor, user, role: Role | str) -> GroupMembership:
    """Give `user` the `role` in `locality` (its own schema). Idempotent refusal: appointing
    someone to a role they hold is a `ValidationError` the page shows at the field."""
    role = Role(role)
    _check_may_assign(actor=actor, locality=locality, role=role)
    if not user.is_active:
        raise ValidationError({"identifier": _("Tài khoản này đang bị khoá, không bổ nhiệm được.")})
    if user.email_confirmed_at is None:
        raise ValidationError(
            {
                "identifier": _(
                    "Tài khoản này chưa xác nhận thư điện tử. Người được bổ nhiệm cần xác nhận "
                    "tài khoản trước."
                )
            }
        )
    with _in_schema_of(locality):
        group = role_group(role)
        if GroupMembership.objects.filter(user=user, group=group).exists():
            raise ValidationError(
                {
                    "identifier": _("%(name)s đã là %(role)s tại %(locality)s.")
                    % {"name": user.get_full_name(), "role": role.label, "locality": locality.name}
                }
            )
        membership = GroupMembership.objects.create(user=user, group=group)
        StaffEvent.objects.create(
            kind=StaffEvent.Kind.ROLE_APPOINTED,
            actor=actor,
            actor_label=_label(actor),
            subject=user,
            subject_label=_label(user),
            role=role.value,
            locality_code=locality.code,
            locality_name=locality.name,
        )
    _forget_cached_permissions(user)
    return membership


@transaction.atomic
def staff_remove(*, locality: Locality, actor, user, role: Role | str) -> None:
    """Take `role` in `locality` away from `user`. A locality administrator cannot remove their
    own administrator role (a provincial administrator does that), so a locality is never left
    without anyone able to appoint."""
    role = Role(role)
    _check_may_assign(actor=actor, locality=locality, role=role)
    if (
        role == Role.LOCALITY_ADMIN
        and user.pk == actor.pk
        and not selectors.is_platform_admin(actor)
    ):
        raise PermissionDenied(
            _("Bạn không thể tự miễn nhiệm vai trò quản trị đơn vị; hãy nhờ quản trị cấp tỉnh.")
        )
    with _in_schema_of(locality):
        deleted, _details = GroupMembership.objects.filter(
            user=user, group__name=role.value
        ).delete()
        if not deleted:
            raise ValidationError(
                _("%(name)s không giữ vai trò %(role)s tại %(locality)s.")
                % {"name": user.get_full_name(), "role": role.label, "locality": locality.name}
            )
        StaffEvent.objects.create(
            kind=StaffEvent.Kind.ROLE_REMOVED,
            actor=actor,
            actor_label=_label(actor),
            subject=user,
            subject_label=_label(user),
            role=role.value,
            locality_code=locality.code,
            locality_name=locality.name,
        )
    _forget_cached_permissions(user)


@transaction.atomic
def locality_set_active(*, locality: Locality, actor, active: bool) -> Locality:
    """Open or suspend a locality's portal (an inactive locality's host shows the not-found
    page). Recorded in the public schema, where localities live."""
    if not selectors.can_manage_locality(actor, locality):
        raise PermissionDenied(
            _("Bạn không có quyền quản lý %(locality)s.") % {"locality": locality.name}
        )
    # The row, locked, is the truth: the caller's object may be stale (loaded before another
    # administrator's change), and two simultaneous clicks must record one change, not two.
    is_active = (
        Locality.objects.select_for_update().values_list("is_active", flat=True).get(pk=locality.pk)
    )
    locality.is_active = active
    if is_active == active:
        return locality
    Locality.objects.filter(pk=locality.pk).update(is_active=active)
    page_cache.changed_everywhere()  # update() sends no post_save: every worker's host map
    with schema_context(get_public_schema_name()):
        StaffEvent.objects.create(
            kind=StaffEvent.Kind.LOCALITY_ACTIVATED
            if active
            else StaffEvent.Kind.LOCALITY_DEACTIVATED,
            actor=actor,
            actor_label=_label(actor),
            locality_code=locality.code,
            locality_name=locality.name,
        )
    return locality


@transaction.atomic
def role_permissions_sync() -> None:
    """Give the role groups of the current locality schema their permissions (roles.py).

    A data migration does this for every schema; call it again after changing the mapping, or
    after the CMS recreates the page tree (`manage.py staff_sync_roles` runs it everywhere).
    """

    if on_national_root():
        return  # Wagtail (and so its permissions) exists only in locality schemas.

    def permission(app_label: str, model: str, codename: str) -> Permission:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        perm, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        return perm

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role in Role:
        group = role_group(role)
        for app_label, model, codename in ROLE_MODEL_PERMISSIONS.get(role, []):
            group.permissions.add(permission(app_label, model, codename))
        if root_page is not None:
            for codename in ROLE_PAGE_PERMISSIONS.get(role, []):
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=permission("wagtailcore", "page", codename),
                )
        if root_collection is not None:
            for app_label, model, codename in ROLE_COLLECTION_PERMISSIONS.get(role, []):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(app_label, model, codename),
                )
