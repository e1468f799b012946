"""A plugin upgrade never breaks dossiers in flight: each dossier keeps its version."""

from __future__ import annotations

import json

import pytest
from django_fsm import can_proceed

from procedure_plugins.schema import validate_answers
from procedure_plugins.schema.fields import form, phone, text
from workflows.models import Dossier

from .factories import ReviewedDossier, make_plugin

pytestmark = pytest.mark.django_db

CODE = "6.000001"
V1_SCHEMA = form("Đơn v1", {"ho_ten": text("Họ và tên")}, required=["ho_ten"])
V2_SCHEMA = form(
    "Đơn v2",
    {"ho_ten": text("Họ và tên"), "dien_thoai": phone()},
    required=["ho_ten", "dien_thoai"],
)


def test_dossier_in_flight_keeps_its_version_after_an_upgrade(
    default_registry_restored, demo_localities, offer, host_client, use_locality
):
    from identity.tests.factories import make_user

    registry = default_registry_restored
    v1 = registry(CODE)(make_plugin("UpgradeV1", version=1, schema=V1_SCHEMA))
    tu_ky = demo_localities["tu_ky"]
    offer(tu_ky, CODE)
    use_locality(tu_ky)
    in_flight = Dossier.objects.create(
        procedure_code=CODE,
        plugin_version=v1.version,
        applicant=make_user(),
        answers={"ho_ten": "Ngô Thị Lan"},
        state="in_processing",
    )

    # The province installs version 2: a new required field and a legal review step.
    v2 = registry(CODE)(
        make_plugin("UpgradeV2", version=2, schema=V2_SCHEMA, workflow=ReviewedDossier)
    )
    assert registry.get(CODE) is v2

    in_flight = Dossier.objects.get(pk=in_flight.pk)
    assert in_flight.plugin is v1
    assert validate_answers(in_flight.plugin.schema, in_flight.answers) == []
    workflow = in_flight.as_workflow()
    assert type(workflow) is Dossier
    assert not hasattr(workflow, "start_legal_review")
    workflow.submit_for_approval()
    workflow.save()

    fresh = Dossier.objects.create(
        procedure_code=CODE,
        plugin_version=2,
        applicant=make_user(),
        answers={"ho_ten": "A"},
        state="in_processing",
    ).as_workflow()
    assert type(fresh) is ReviewedDossier
    assert can_proceed(fresh.start_legal_review)
    assert fresh.get_state_label() == "Đang xử lý"

    # New submissions see version 2; version 1's form stays published for old dossiers.
    client = host_client(tu_ky)
    current = json.loads(client.get(f"/thu-tuc/{CODE}/bieu-mau.json").content)
    assert current["title"] == "Đơn v2" and current["x-procedure"]["version"] == 2
    old = json.loads(client.get(f"/thu-tuc/{CODE}/bieu-mau.json", {"phien-ban": "1"}).content)
    assert old["title"] == "Đơn v1"
    assert "Đang thẩm định pháp lý" in client.get(f"/thu-tuc/{CODE}/").content.decode()
