"""Provincial IT enables procedures per locality or per level, and sets local time and fee."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from procedure_plugins import selectors
from procedure_plugins.models import ProcedureOffering
from procedure_plugins.services import (
    offering_disable,
    offering_enable,
    offering_set_local_values,
    offerings_enable_for_level,
)
from tenants.choices import Level
from tenants.models import Locality

pytestmark = pytest.mark.django_db


def codes(locality) -> list[str]:
    return sorted(p.code for p in selectors.offered_procedures(locality))


def test_enable_for_one_locality_only(demo_localities):
    offering_enable(locality=demo_localities["tu_ky"], code="1.001193")
    assert codes(demo_localities["tu_ky"]) == ["1.001193"]
    assert codes(demo_localities["chu_puh"]) == []
    # Enabling twice is harmless.
    offering_enable(locality=demo_localities["tu_ky"], code="1.001193")
    assert ProcedureOffering.objects.filter(procedure_code="1.001193").count() == 1


def test_a_commune_procedure_cannot_be_enabled_on_a_province(demo_localities):
    with pytest.raises(ValidationError) as refused:
        offering_enable(locality=demo_localities["hai_phong"], code="1.000894")
    message = refused.value.messages[0]
    assert "1.000894 (Đăng ký kết hôn)" in message
    assert "Thành phố Hải Phòng" in message


def test_unknown_procedure_is_refused(demo_localities):
    with pytest.raises(ValidationError, match="9.999999 chưa được cài đặt"):
        offering_enable(locality=demo_localities["tu_ky"], code="9.999999")


def test_enable_for_every_commune_of_a_province_at_once(demo_localities, public_schema):
    hai_phong = demo_localities["hai_phong"]
    # Two more communes of Hải Phòng, as rows only (no portal schema needed for the catalogue).
    extra = [
        Locality.objects.create(
            schema_name=f"c9990{i}",
            level=Level.COMMUNE,
            code=f"9990{i}",
            name=f"Xã Thử {i}",
            slug=f"xa-thu-{i}",
            parent=hai_phong,
        )
        for i in (1, 2)
    ]
    created = offerings_enable_for_level(province=hai_phong, level=Level.COMMUNE, code="1.000894")
    assert {o.locality_id for o in created} == {demo_localities["tu_ky"].pk, *(u.pk for u in extra)}
    for unit in (demo_localities["tu_ky"], *extra):
        assert codes(unit) == ["1.000894"]
    assert codes(demo_localities["chu_puh"]) == []  # Gia Lai's commune untouched
    assert codes(hai_phong) == []  # nor the province itself


def test_enable_at_province_level(demo_localities):
    offerings_enable_for_level(
        province=demo_localities["gia_lai"], level=Level.PROVINCE, code="2.000635"
    )
    assert codes(demo_localities["gia_lai"]) == ["2.000635"]
    assert codes(demo_localities["chu_puh"]) == []


def test_disable_hides_the_procedure(demo_localities):
    offering_enable(locality=demo_localities["tu_ky"], code="1.001193")
    offering_disable(locality=demo_localities["tu_ky"], code="1.001193")
    assert codes(demo_localities["tu_ky"]) == []
    assert selectors.offered_procedure(demo_localities["tu_ky"], "1.001193") is None


def test_local_time_and_fee_within_limits_are_shown(demo_localities, host_client):
    offering = offering_enable(locality=demo_localities["tu_ky"], code="2.000720")
    offering_set_local_values(
        offering=offering,
        processing_time_amount=2,
        fee_amount=50_000,
        agency_name="Phòng Kinh tế UBND xã Tứ Kỳ",
    )
    offered = selectors.offered_procedure(demo_localities["tu_ky"], "2.000720")
    assert str(offered.processing_time) == "2 ngày làm việc"
    assert offered.fee_for({}) == 50_000
    page = host_client(demo_localities["tu_ky"]).get("/thu-tuc/2.000720/").content.decode()
    assert "2 ngày làm việc" in page and "theo quy định của địa phương" in page
    assert "50.000 đồng/hồ sơ" in page
    assert "Phòng Kinh tế UBND xã Tứ Kỳ" in page


def test_local_values_outside_the_plugins_limits_are_refused_naming_plugin_and_limit(
    demo_localities,
):
    offering = offering_enable(locality=demo_localities["tu_ky"], code="2.000720")
    with pytest.raises(ValidationError) as refused:
        offering_set_local_values(offering=offering, processing_time_amount=5, fee_amount=150_000)
    errors = refused.value.message_dict
    assert errors["processing_time_amount"] == [
        "Thủ tục 2.000720 (Đăng ký thành lập hộ kinh doanh): thời hạn giải quyết phải từ 1 đến 3 "
        "ngày làm việc (giới hạn của thủ tục); đã nhập 5."
    ]
    assert errors["fee_amount"] == [
        "Thủ tục 2.000720 (Đăng ký thành lập hộ kinh doanh): mức thu phải từ 0 đồng đến "
        "100.000 đồng (giới hạn của thủ tục); đã nhập 150.000 đồng."
    ]
    offering.refresh_from_db()
    assert offering.processing_time_amount is None and offering.fee_amount is None


def test_values_fixed_by_law_cannot_be_changed_locally(demo_localities):
    offering = offering_enable(locality=demo_localities["tu_ky"], code="2.000815")
    with pytest.raises(ValidationError) as refused:
        offering_set_local_values(offering=offering, processing_time_amount=2, fee_amount=1_000)
    errors = refused.value.message_dict
    assert "thời hạn giải quyết do pháp luật quy định" in errors["processing_time_amount"][0]
    assert "phí, lệ phí do pháp luật quy định" in errors["fee_amount"][0]
    assert "2.000815" in errors["fee_amount"][0]


def test_most_used_orders_by_submissions_then_by_the_plugins_rank(demo_localities, all_builtins):
    from identity.tests.factories import make_user
    from workflows.models import Dossier

    tu_ky = demo_localities["tu_ky"]
    for code in all_builtins:
        offering_enable(locality=tu_ky, code=code)
    assert [p.code for p in selectors.most_used(tu_ky, limit=3)] == [
        "1.001193",
        "2.000815",
        "2.000635",
    ]
    from django_tenants.utils import schema_context

    citizen = make_user()
    with schema_context(tu_ky.schema_name):
        for _ in range(2):
            Dossier.objects.create(
                procedure_code="1.004227", plugin_version=1, applicant=citizen, state="submitted"
            )
        Dossier.objects.create(procedure_code="2.000720", plugin_version=1, applicant=citizen)
    # A year of dossiers is counted once per MOST_USED_SECONDS, not on every page...
    assert selectors.most_used(tu_ky, limit=1)[0].code == "1.001193"
    from django.core.cache import caches

    caches["pages"].clear()  # ... which have passed
    assert [p.code for p in selectors.most_used(tu_ky, limit=3)] == [
        "1.004227",  # two dossiers submitted
        "1.001193",
        "2.000815",  # the household business one is only a draft: not counted
    ]
