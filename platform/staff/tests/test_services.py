"""Appointing and removing roles: who may, where it takes effect, what is recorded."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django_tenants.utils import schema_context

from identity.tests.factories import make_user
from staff import selectors, services
from staff.models import StaffEvent
from staff.roles import Role

pytestmark = pytest.mark.django_db


def test_role_holds_only_in_the_locality_where_it_was_given(demo_localities, appoint):
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    officer = appoint(make_user(), tu_ky, Role.RECEIVING_OFFICER)
    assert selectors.user_roles_in(officer, tu_ky) == ["receiving_officer"]
    assert selectors.user_roles_in(officer, chu_puh) == []
    with schema_context(tu_ky.schema_name):
        assert selectors.user_has_role(officer, Role.RECEIVING_OFFICER)
    with schema_context(chu_puh.schema_name):
        assert not selectors.user_has_role(officer, Role.RECEIVING_OFFICER)


def test_one_person_may_hold_roles_in_several_localities(demo_localities, appoint):
    person = make_user()
    appoint(person, demo_localities["tu_ky"], Role.SPECIALIST)
    appoint(person, demo_localities["chu_puh"], Role.LEADER)
    assert selectors.user_roles_in(person, demo_localities["tu_ky"]) == ["specialist"]
    assert selectors.user_roles_in(person, demo_localities["chu_puh"]) == ["leader"]


def test_editor_has_wagtail_admin_access_only_where_appointed(demo_localities, appoint):
    from wagtail.images.permissions import permission_policy as image_policy

    editor = appoint(make_user(), demo_localities["tu_ky"], Role.EDITOR)
    with schema_context(demo_localities["tu_ky"].schema_name):
        fresh = type(editor).objects.get(pk=editor.pk)
        assert fresh.has_perm("wagtailadmin.access_admin")
        assert image_policy.user_has_permission(fresh, "add")
    with schema_context(demo_localities["chu_puh"].schema_name):
        fresh = type(editor).objects.get(pk=editor.pk)
        assert not fresh.has_perm("wagtailadmin.access_admin")
        assert not image_policy.user_has_permission(fresh, "add")


def test_appointment_is_audited_in_the_localitys_schema(demo_localities, platform_admin):
    tu_ky = demo_localities["tu_ky"]
    person = make_user(full_name="Người Được Giao")
    services.staff_appoint(locality=tu_ky, actor=platform_admin, user=person, role=Role.LEADER)
    services.staff_remove(locality=tu_ky, actor=platform_admin, user=person, role=Role.LEADER)
    with schema_context(tu_ky.schema_name):
        kinds = list(
            StaffEvent.objects.filter(subject=person).values_list("kind", "role", "actor_id")
        )
    assert kinds == [
        ("role_removed", "leader", platform_admin.pk),
        ("role_appointed", "leader", platform_admin.pk),
    ]
    with schema_context(demo_localities["chu_puh"].schema_name):
        assert not StaffEvent.objects.filter(subject=person).exists()


def test_locality_admin_appoints_staff_but_not_other_admins_nor_elsewhere(demo_localities, appoint):
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    admin = appoint(make_user(), tu_ky, Role.LOCALITY_ADMIN)
    person = make_user()
    services.staff_appoint(locality=tu_ky, actor=admin, user=person, role=Role.SPECIALIST)
    with pytest.raises(PermissionDenied):
        services.staff_appoint(locality=tu_ky, actor=admin, user=person, role=Role.LOCALITY_ADMIN)
    with pytest.raises(PermissionDenied):
        services.staff_appoint(locality=chu_puh, actor=admin, user=person, role=Role.SPECIALIST)
    with pytest.raises(PermissionDenied):
        services.staff_remove(locality=tu_ky, actor=admin, user=admin, role=Role.LOCALITY_ADMIN)


def test_provincial_admin_appoints_commune_admins_of_their_province_only(demo_localities, appoint):
    provincial = appoint(make_user(), demo_localities["hai_phong"], Role.LOCALITY_ADMIN)
    person = make_user()
    services.staff_appoint(
        locality=demo_localities["tu_ky"], actor=provincial, user=person, role=Role.LOCALITY_ADMIN
    )
    assert selectors.user_roles_in(person, demo_localities["tu_ky"]) == ["locality_admin"]
    with pytest.raises(PermissionDenied):
        services.staff_appoint(
            locality=demo_localities["chu_puh"],
            actor=provincial,
            user=person,
            role=Role.LOCALITY_ADMIN,
        )
    # A provincial administrator does not appoint their own province's administrators.
    with pytest.raises(PermissionDenied):
        services.staff_appoint(
            locality=demo_localities["hai_phong"],
            actor=provincial,
            user=person,
            role=Role.LOCALITY_ADMIN,
        )


def test_citizen_without_role_may_not_appoint(demo_localities):
    citizen, person = make_user(), make_user()
    with pytest.raises(PermissionDenied):
        services.staff_appoint(
            locality=demo_localities["tu_ky"], actor=citizen, user=person, role=Role.EDITOR
        )


def test_unconfirmed_or_already_appointed_people_are_refused(demo_localities, platform_admin):
    tu_ky = demo_localities["tu_ky"]
    with pytest.raises(ValidationError, match="chưa xác nhận"):
        services.staff_appoint(
            locality=tu_ky, actor=platform_admin, user=make_user(confirmed=False), role="editor"
        )
    person = make_user()
    services.staff_appoint(locality=tu_ky, actor=platform_admin, user=person, role="editor")
    with pytest.raises(ValidationError, match="đã là Biên tập viên"):
        services.staff_appoint(locality=tu_ky, actor=platform_admin, user=person, role="editor")


def test_service_returns_the_connection_to_the_schema_it_was_in(demo_localities, platform_admin):
    connection.set_schema_to_public()
    services.staff_appoint(
        locality=demo_localities["tu_ky"], actor=platform_admin, user=make_user(), role="leader"
    )
    assert connection.schema_name == "public"


def test_locality_switched_off_and_on_with_audit(demo_localities, appoint, host_client):
    chu_puh = demo_localities["chu_puh"]
    provincial = appoint(make_user(), demo_localities["gia_lai"], Role.LOCALITY_ADMIN)
    services.locality_set_active(locality=chu_puh, actor=provincial, active=False)
    assert host_client(chu_puh).get("/").status_code == 404
    services.locality_set_active(locality=chu_puh, actor=provincial, active=True)
    assert host_client(chu_puh).get("/").status_code == 200
    with schema_context("public"):
        kinds = list(
            StaffEvent.objects.filter(locality_code=chu_puh.code).values_list("kind", flat=True)
        )
    assert kinds == ["locality_activated", "locality_deactivated"]
    outsider = appoint(make_user(), demo_localities["hai_phong"], Role.LOCALITY_ADMIN)
    with pytest.raises(PermissionDenied):
        services.locality_set_active(locality=chu_puh, actor=outsider, active=False)


def test_switching_a_locality_trusts_the_database_not_a_stale_object(
    demo_localities, appoint, host_client
):
    from tenants.models import Locality

    chu_puh = demo_localities["chu_puh"]
    provincial = appoint(make_user(), demo_localities["gia_lai"], Role.LOCALITY_ADMIN)
    # Loaded while someone else had the portal switched off; it is open again since.
    stale = Locality.objects.get(pk=chu_puh.pk)
    stale.is_active = False
    services.locality_set_active(locality=stale, actor=provincial, active=False)
    assert host_client(chu_puh).get("/").status_code == 404
    assert not Locality.objects.get(pk=chu_puh.pk).is_active
    with schema_context("public"):
        kinds = list(
            StaffEvent.objects.filter(locality_code=chu_puh.code).values_list("kind", flat=True)
        )
    assert kinds == ["locality_deactivated"]


def test_role_permissions_sync_is_idempotent(use_locality, demo_localities):
    from wagtail.models import GroupPagePermission

    use_locality(demo_localities["tu_ky"])
    before = GroupPagePermission.objects.filter(group__name="editor").count()
    assert before == 5
    services.role_permissions_sync()
    services.role_permissions_sync()
    assert GroupPagePermission.objects.filter(group__name="editor").count() == before
