"""Object-level grants (django-guardian), per locality. The dossier model comes later; any model
works, so these use auth.Group objects, which every locality schema has."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection

from identity.tests.factories import make_user
from staff.object_access import (
    grant_dossier_access,
    grant_object_access,
    objects_with_access,
    revoke_dossier_access,
    users_with_object_access,
)
from staff.roles import Role

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)  # no permission cache carried over


def test_specialist_gets_exactly_the_dossiers_assigned(use_locality, demo_localities, appoint):
    specialist = appoint(make_user(), demo_localities["tu_ky"], Role.SPECIALIST)
    use_locality(demo_localities["tu_ky"])
    assigned, other = Group.objects.create(name="hồ sơ A"), Group.objects.create(name="hồ sơ B")
    granted = grant_dossier_access(specialist=specialist, dossier=assigned)
    assert granted == ["auth.view_group", "auth.change_group"]
    user = fresh(specialist)
    assert user.has_perm("auth.change_group", assigned)
    assert not user.has_perm("auth.change_group", other)
    assert list(objects_with_access(user=user, queryset=Group.objects.all())) == [assigned]
    assert list(users_with_object_access(assigned)) == [specialist]
    revoke_dossier_access(specialist=specialist, dossier=assigned)
    assert not fresh(specialist).has_perm("auth.view_group", assigned)


def test_grant_needs_the_specialist_role_in_this_locality(use_locality, demo_localities, appoint):
    elsewhere = appoint(make_user(), demo_localities["chu_puh"], Role.SPECIALIST)
    use_locality(demo_localities["tu_ky"])
    dossier = Group.objects.create(name="hồ sơ C")
    with pytest.raises(PermissionDenied):
        grant_dossier_access(specialist=elsewhere, dossier=dossier)


def test_grant_in_one_locality_means_nothing_in_another(use_locality, demo_localities):
    person = make_user()
    use_locality(demo_localities["tu_ky"])
    mine = Group.objects.create(name="cùng tên")
    grant_object_access(user=person, obj=mine, actions=["view"])
    assert fresh(person).has_perm("auth.view_group", mine)
    use_locality(demo_localities["chu_puh"])
    theirs = Group.objects.create(name="cùng tên")
    # Even where an object with the same id existed, no grant crosses the schema boundary.
    assert not fresh(person).has_perm("auth.view_group", theirs)
    assert list(objects_with_access(user=fresh(person), queryset=Group.objects.all())) == []


def test_content_type_cache_is_cleared_on_every_locality_switch(use_locality, demo_localities):
    """guardian resolves permissions through ContentType ids, which differ between schemas; the
    cache of those ids must not carry over when the connection changes locality."""
    use_locality(demo_localities["tu_ky"])
    ContentType.objects.get_for_model(Group)
    assert ContentType.objects._cache
    use_locality(demo_localities["chu_puh"])
    assert not ContentType.objects._cache
    connection.set_schema_to_public()
    assert not ContentType.objects._cache
