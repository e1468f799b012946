"""A plugin's step shares (optional declaration, checked like the rest) and a locality's own
shares within the plugin's limits (`offering_set_step_shares`, asked like the processing time)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_tenants.utils import schema_context

from identity.tests.factories import make_user
from procedure_plugins.checks import check_procedure_plugins
from procedure_plugins.contract import StepShares
from procedure_plugins.models import ProcedureOffering
from procedure_plugins.services import offering_enable, offering_set_step_shares
from staff.models import GroupMembership
from staff.roles import Role, role_group

from .factories import make_plugin

pytestmark = pytest.mark.django_db

OWN = {"receive": 5, "process": 50, "approve": 30, "return_result": 15}


def locality_admin(locality):
    user = make_user()
    with schema_context(locality.schema_name):
        GroupMembership.objects.create(user=user, group=role_group(Role.LOCALITY_ADMIN))
    return user


def test_declared_step_shares_pass_and_anything_else_is_e030(fresh_registry):
    fresh_registry("7.000050")(
        make_plugin(step_shares=StepShares(receive=5, process=70, approve=15, return_result=10))
    )
    assert check_procedure_plugins(registry=fresh_registry) == []
    fresh_registry("7.000051")(make_plugin(step_shares={"receive": 100}))
    (message,) = check_procedure_plugins(registry=fresh_registry)
    assert message.id == "procedure_plugins.E030"
    assert "step_shares must be a StepShares" in message.msg


def test_a_declaration_that_does_not_add_up_is_refused_where_it_is_written():
    with pytest.raises(ValueError, match="add up to 110%"):
        StepShares(receive=20, process=60, approve=20, return_result=10)


def test_a_locality_sets_its_own_shares_within_the_limits(demo_localities):
    tu_ky = demo_localities["tu_ky"]
    offering = offering_enable(locality=tu_ky, code="2.000720")
    offering_set_step_shares(offering=offering, shares=OWN, actor=locality_admin(tu_ky))
    offering.refresh_from_db()
    assert offering.step_shares == OWN
    offering_set_step_shares(offering=offering, shares=None)  # back to the plugin's
    offering.refresh_from_db()
    assert offering.step_shares is None


@pytest.mark.parametrize(
    "shares",
    [
        {**OWN, "receive": 2, "process": 53},  # under the 5% floor
        {**OWN, "process": 55},  # 105%
        {**OWN, "approve": "ba mươi"},
        {"receive": 50, "process": 50},
    ],
)
def test_shares_outside_the_limits_are_refused_naming_plugin_and_limit(demo_localities, shares):
    offering = offering_enable(locality=demo_localities["tu_ky"], code="2.000720")
    with pytest.raises(ValidationError) as refused:
        offering_set_step_shares(offering=offering, shares=shares)
    (message,) = refused.value.message_dict["step_shares"]
    assert message.startswith("Thủ tục 2.000720 (Đăng ký thành lập hộ kinh doanh)")
    assert "từ 5% đến 80% và tổng bằng 100%" in message
    offering.refresh_from_db()
    assert offering.step_shares is None


def test_shares_fixed_by_the_plugin_cannot_be_changed(demo_localities, fresh_registry):
    fixed = StepShares(receive=10, process=60, approve=20, return_result=10, limits=None)
    fresh_registry("7.000052")(make_plugin(step_shares=fixed))
    with schema_context("public"):
        offering = ProcedureOffering.objects.create(
            locality=demo_localities["tu_ky"], procedure_code="7.000052"
        )
    with pytest.raises(ValidationError, match="do thủ tục quy định"):
        offering_set_step_shares(offering=offering, shares=OWN, registry=fresh_registry)


def test_only_the_locality_s_administrators_may_set_shares(demo_localities):
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    offering = offering_enable(locality=tu_ky, code="2.000720")
    for outsider in (locality_admin(chu_puh), make_user()):
        with pytest.raises(PermissionDenied):
            offering_set_step_shares(offering=offering, shares=OWN, actor=outsider)
    offering.refresh_from_db()
    assert offering.step_shares is None


def test_the_management_page_sets_the_shares_and_keeps_what_was_typed(demo_localities, host_client):
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    offering_enable(locality=tu_ky, code="2.000720")
    client = host_client(tu_ky)
    client.force_login(locality_admin(tu_ky))
    page = client.get("/thu-tuc/quan-tri/").content.decode()
    assert "Tỷ lệ thời hạn bước “Xử lý” (%)" in page
    assert "Từ 5% đến 80%, tổng các bước bằng 100%; để trống cả bốn bước: 60%." in page
    typed = {
        "code": "2.000720",
        "action": "save",
        "processing_time_amount": "2",
        "share_receive": "10",
        "share_process": "85",
        "share_approve": "5",
        "share_return_result": "",
    }
    refused = client.post("/thu-tuc/quan-tri/", typed)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "tổng bằng 100%; đã nhập 10%, 85%, 5%, —." in page
    assert 'value="85"' in page  # kept as typed
    offering = ProcedureOffering.objects.get(locality=tu_ky, procedure_code="2.000720")
    assert offering.step_shares is None
    assert offering.processing_time_amount is None  # both or neither
    saved = client.post(
        "/thu-tuc/quan-tri/", {**typed, "share_process": "60", "share_return_result": "25"}
    )
    assert saved.status_code == 302
    offering.refresh_from_db()
    assert offering.step_shares == {
        "receive": 10,
        "process": 60,
        "approve": 5,
        "return_result": 25,
    }
    assert offering.processing_time_amount == 2
    assert 'value="25"' in client.get("/thu-tuc/quan-tri/").content.decode()
    # Tứ Kỳ's administrator is nobody on Chư Pưh's host; a citizen is nobody anywhere.
    other = host_client(chu_puh)
    other.force_login(locality_admin(tu_ky))
    assert other.post("/thu-tuc/quan-tri/", typed).status_code == 403
    citizen = host_client(tu_ky)
    citizen.force_login(make_user())
    assert citizen.post("/thu-tuc/quan-tri/", typed).status_code == 403
