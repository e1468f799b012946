"""Object-level permissions (django-guardian) for staff, per locality.

Guardian's tables live in each locality schema, so a grant in Xã Tứ Kỳ means nothing in any
other locality, even for an object with the same id. These helpers work for any model; the
dossier feature uses the dossier ones:

    grant_dossier_access(specialist=user, dossier=dossier)      # view + change
    user.has_perm("workflows.change_dossier", dossier)          # True, in this locality only
    dossiers = objects_with_access(user=user, queryset=Dossier.objects.all())
    revoke_dossier_access(specialist=user, dossier=dossier)

Perms are given as actions ("view", "change", or a model's custom permission codename) and
turned into the model's codenames, e.g. "change" on a Dossier is `workflows.change_dossier`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, get_objects_for_user, get_users_with_perms, remove_perm

from . import selectors
from .roles import Role

DEFAULT_ACTIONS = ("view", "change")


def _codenames(obj_or_model, actions: Iterable[str]) -> list[str]:
    meta = obj_or_model._meta
    codenames = []
    for action in actions:
        codename = action if "_" in action else f"{action}_{meta.model_name}"
        codenames.append(f"{meta.app_label}.{codename}")
    return codenames


@transaction.atomic
def grant_object_access(*, user, obj: Model, actions: Iterable[str] = DEFAULT_ACTIONS) -> list[str]:
    """Give `user` the `actions` on this one object, in the current locality. Returns the full
    permission names granted."""
    granted = []
    for perm in _codenames(obj, actions):
        assign_perm(perm, user, obj)
        granted.append(perm)
    _forget(user)
    return granted


@transaction.atomic
def revoke_object_access(*, user, obj: Model, actions: Iterable[str] = DEFAULT_ACTIONS) -> None:
    for perm in _codenames(obj, actions):
        remove_perm(perm, user, obj)
    _forget(user)


def users_with_object_access(obj: Model):
    """Accounts holding any object permission on `obj` here."""
    return get_users_with_perms(obj, with_group_users=False)


def objects_with_access(*, user, queryset: QuerySet, action: str = "view") -> QuerySet:
    """The objects of `queryset` this person may `action` (object grants only; a model-wide
    permission from a role group does not widen this list)."""
    return get_objects_for_user(
        user,
        _codenames(queryset.model, [action]),
        klass=queryset,
        use_groups=False,
        with_superuser=False,
        accept_global_perms=False,
    )


@transaction.atomic
def grant_dossier_access(
    *, specialist, dossier: Model, actions: Iterable[str] = DEFAULT_ACTIONS
) -> list[str]:
    """Assign a dossier to a specialist: object permissions on that dossier only. The person must
    hold the specialist role in the current locality (the dossier's)."""
    if not selectors.user_has_role(specialist, Role.SPECIALIST):
        raise PermissionDenied(
            _("%(name)s không phải chuyên viên xử lý của đơn vị này.")
            % {"name": specialist.get_full_name()}
        )
    return grant_object_access(user=specialist, obj=dossier, actions=actions)


@transaction.atomic
def revoke_dossier_access(
    *, specialist, dossier: Model, actions: Iterable[str] = DEFAULT_ACTIONS
) -> None:
    revoke_object_access(user=specialist, obj=dossier, actions=actions)


def _forget(user) -> None:
    for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, attr):
            delattr(user, attr)
