"""The catalogue's management page: provincial IT enables, the locality sets its own values."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from procedure_plugins import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_of(db):
    from identity.tests.factories import make_user
    from staff.models import GroupMembership
    from staff.roles import Role, role_group

    def make(locality):
        user = make_user()
        with schema_context(locality.schema_name):
            GroupMembership.objects.create(user=user, group=role_group(Role.LOCALITY_ADMIN))
        return user

    return make


def test_anonymous_is_sent_to_login_and_citizens_are_refused(host_client, demo_localities):
    from identity.tests.factories import make_user

    client = host_client(demo_localities["tu_ky"])
    response = client.get("/thu-tuc/quan-tri/")
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]
    client.force_login(make_user())
    assert client.get("/thu-tuc/quan-tri/").status_code == 403


def test_provincial_admin_enables_for_a_commune_and_for_all_communes(
    host_client, demo_localities, admin_of
):
    provincial = admin_of(demo_localities["hai_phong"])
    commune = host_client(demo_localities["tu_ky"])
    commune.force_login(provincial)
    page = commune.get("/thu-tuc/quan-tri/").content.decode()
    assert "Đăng ký kết hôn" in page and 'value="enable"' in page
    response = commune.post("/thu-tuc/quan-tri/", {"code": "1.000894", "action": "enable"})
    assert response.status_code == 302
    assert [p.code for p in selectors.offered_procedures(demo_localities["tu_ky"])] == ["1.000894"]
    province = host_client(demo_localities["hai_phong"])
    province.force_login(provincial)
    response = province.post(
        "/thu-tuc/quan-tri/", {"code": "1.001193", "action": "enable_communes"}
    )
    assert response.status_code == 302
    assert "1.001193" in {p.code for p in selectors.offered_procedures(demo_localities["tu_ky"])}
    assert (
        "Đã bật thủ tục Đăng ký khai sinh cho 1 xã, phường."
        in province.get("/thu-tuc/quan-tri/").content.decode()
    )


def test_locality_admin_sets_values_within_limits_but_cannot_enable(
    host_client, demo_localities, admin_of, offer
):
    tu_ky = demo_localities["tu_ky"]
    offer(tu_ky, "2.000720")
    client = host_client(tu_ky)
    client.force_login(admin_of(tu_ky))
    page = client.get("/thu-tuc/quan-tri/").content.decode()
    assert 'value="enable"' not in page
    assert "Từ 1 đến 3 ngày làm việc" in page
    refused = client.post("/thu-tuc/quan-tri/", {"code": "1.000894", "action": "enable"})
    assert refused.status_code == 403

    bad = client.post(
        "/thu-tuc/quan-tri/",
        {"code": "2.000720", "action": "save", "processing_time_amount": "5", "fee_amount": "abc"},
    )
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Vui lòng nhập số tiền bằng chữ số" in page
    assert 'value="5"' in page  # kept as typed

    outside = client.post(
        "/thu-tuc/quan-tri/",
        {"code": "2.000720", "action": "save", "processing_time_amount": "5", "fee_amount": ""},
    )
    assert outside.status_code == 400
    assert (
        "Thủ tục 2.000720 (Đăng ký thành lập hộ kinh doanh): thời hạn giải quyết phải từ 1 đến "
        "3 ngày làm việc" in outside.content.decode()
    )

    saved = client.post(
        "/thu-tuc/quan-tri/",
        {
            "code": "2.000720",
            "action": "save",
            "processing_time_amount": "2",
            "fee_amount": "40000",
            "agency_name": "Phòng Kinh tế xã Tứ Kỳ",
        },
    )
    assert saved.status_code == 302
    offered = selectors.offered_procedure(tu_ky, "2.000720")
    assert str(offered.processing_time) == "2 ngày làm việc" and offered.fee_for({}) == 40_000


def test_an_admin_of_one_commune_has_no_power_on_another(host_client, demo_localities, admin_of):
    client = host_client(demo_localities["chu_puh"])
    client.force_login(admin_of(demo_localities["tu_ky"]))
    assert client.get("/thu-tuc/quan-tri/").status_code == 403
    assert (
        client.post("/thu-tuc/quan-tri/", {"code": "1.000894", "action": "enable"}).status_code
        == 403
    )
    assert selectors.offered_procedures(demo_localities["chu_puh"]) == []


def test_the_services_refuse_who_the_page_refuses(demo_localities, admin_of):
    """The rule lives in the service: a commune's own administrator may set local values but
    not switch procedures on (provincial IT's), whichever way they call it."""
    from django.core.exceptions import PermissionDenied

    from procedure_plugins.services import (
        may_adjust_offerings,
        may_enable_offerings,
        offering_enable,
        offerings_enable_for_level,
    )

    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    commune_admin = admin_of(tu_ky)
    assert may_adjust_offerings(actor=commune_admin, locality=tu_ky)
    assert not may_enable_offerings(actor=commune_admin, locality=tu_ky)
    # Another locality: nothing at all.
    assert not may_adjust_offerings(actor=commune_admin, locality=chu_puh)
    with pytest.raises(PermissionDenied, match="quản trị cấp tỉnh"):
        offering_enable(locality=tu_ky, code="1.000894", actor=commune_admin)
    with pytest.raises(PermissionDenied):
        offerings_enable_for_level(
            province=demo_localities["hai_phong"],
            level="commune",
            code="1.000894",
            actor=commune_admin,
        )
    assert "1.000894" not in {p.code for p in selectors.offered_procedures(tu_ky)}
    # The provincial administrator of Gia Lai is nobody in Hải Phòng's communes.
    assert not may_enable_offerings(actor=admin_of(demo_localities["gia_lai"]), locality=tu_ky)
