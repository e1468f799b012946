"""Platform administrators register partners and grant them localities and operations at the
shell; a partner's calls are listed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from api.models import Partner

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("api_partner", *args, stdout=out)
    return out.getvalue()


def test_register_grant_suspend_and_list(demo_localities):
    added = run("add", "dvcqg", "Cổng DVC quốc gia", "--locality", "31", "--operation", "intake")
    assert "Secret (shown once): " in added
    partner = Partner.objects.get(key_id="dvcqg")
    assert partner.secret in added and partner.operations == ["intake"]
    run("grant", "dvcqg", "--locality", "52", "--operation", "intake_status")
    run("revoke", "dvcqg", "--locality", "31")
    run("suspend", "dvcqg")
    partner.refresh_from_db()
    assert partner.operations == ["intake", "intake_status"]
    assert [unit.code for unit in partner.localities.all()] == ["52"]
    assert not partner.is_active
    assert "dvcqg\tCổng DVC quốc gia\tsuspended\tintake,intake_status\t52" in run("list")
    with pytest.raises(CommandError, match="Unknown unit codes: 99999"):
        run("grant", "dvcqg", "--locality", "99999")
    with pytest.raises(CommandError, match="taken"):
        run("add", "dvcqg")
