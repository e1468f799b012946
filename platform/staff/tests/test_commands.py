import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_context

from identity.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_platform_admin_command_grants_and_revokes(host_client, demo_localities):
    user = make_user(email="it@example.com")
    call_command("platform_admin", "it@example.com", stdout=StringIO())
    user.refresh_from_db()
    assert user.is_staff
    client = host_client(demo_localities["national"])
    client.force_login(user)
    assert client.get("/tai-khoan/don-vi/").status_code == 200
    call_command("platform_admin", user.id_number, "--revoke", stdout=StringIO())
    assert client.get("/tai-khoan/don-vi/").status_code == 403
    with pytest.raises(CommandError):
        call_command("platform_admin", "khong-co@example.com", stdout=StringIO())


def test_staff_sync_roles_restores_the_editor_permissions(demo_localities):
    from django.contrib.auth.models import Group

    with schema_context(demo_localities["chu_puh"].schema_name):
        Group.objects.get(name="editor").permissions.clear()
    out = StringIO()
    call_command("staff_sync_roles", stdout=out)
    assert re.search(r"Role permissions applied in \d+ localities\.", out.getvalue())
    with schema_context(demo_localities["chu_puh"].schema_name):
        codenames = Group.objects.get(name="editor").permissions.values_list("codename", flat=True)
        assert "access_admin" in codenames
