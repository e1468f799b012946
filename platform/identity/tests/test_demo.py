"""Demo logins for `make run`: created once, with their roles, and printed by the banner."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from identity.demo import DEMO_ACCOUNTS, demo_accounts_ensure, demo_login_lines
from staff.selectors import user_roles_in

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_created_once_with_their_roles(demo_localities):
    demo_accounts_ensure()
    demo_accounts_ensure()  # a second `make run` changes nothing
    User = get_user_model()
    assert User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).count() == 9
    tu_ky, hai_phong = demo_localities["tu_ky"], demo_localities["hai_phong"]
    assert user_roles_in(User.objects.get(username="canbo.tuky"), tu_ky) == ["receiving_officer"]
    assert user_roles_in(User.objects.get(username="bientap.tuky"), tu_ky) == ["editor"]
    assert user_roles_in(User.objects.get(username="quantri.tuky"), tu_ky) == ["locality_admin"]
    assert user_roles_in(User.objects.get(username="quantri.haiphong"), hai_phong) == [
        "locality_admin"
    ]
    assert User.objects.get(username="quantri").is_staff
    assert user_roles_in(User.objects.get(username="031090001234"), tu_ky) == []


def test_printed_demo_passwords_log_in(demo_localities, host_client):
    demo_accounts_ensure()
    client = host_client(demo_localities["tu_ky"])
    for account in DEMO_ACCOUNTS:
        response = client.post(
            "/tai-khoan/dang-nhap/", {"username": account.username, "password": account.password}
        )
        assert response.status_code == 302, account.username
        client.post("/tai-khoan/dang-xuat/")


def test_banner_prints_the_demo_logins(demo_localities):
    out = StringIO()
    call_command("portal_banner", port="8000", stdout=out)
    text = out.getvalue()
    for line in demo_login_lines():
        assert line in text
    assert "bientap.tuky" in text and "BienTap@2025" in text
