"""A state a plugin adds (land-change registration's field inspection) reads as its label, never
as its code, on every page that shows a dossier's state: the officer's queue and page, the
citizen's dossier page, "Hồ sơ của tôi" (on the commune's host and the national root, read
through the public index) and the lookup."""

from __future__ import annotations

import pytest
from django.db import connection

from workflows.tests.helpers import text_of

LAND_CHANGE = "1.004227"
LABEL = "Đang kiểm tra, đo đạc thực địa"
CODE = "field_inspection"


@pytest.fixture
def inspected(db, demo_localities, citizen, officers, dossier_in):
    """A land-change dossier of `citizen` in Tứ Kỳ, out on the parcel (the plugin's own state)."""
    from procedure_plugins.services import offering_enable

    offering_enable(locality=demo_localities["tu_ky"], code=LAND_CHANGE)
    return dossier_in(
        "tu_ky",
        applicant=citizen,
        procedure_code=LAND_CHANGE,
        state=CODE,
        answers={"loai_bien_dong": "thay_doi_dien_tich"},
        code="11074-261202-0042",
    )


def shows_the_label(response) -> None:
    assert response.status_code == 200, response.status_code
    text = text_of(response)
    assert LABEL in text
    assert CODE not in text


def test_the_officer_reads_the_label_in_the_queue_and_on_the_dossier(
    inspected, officers, client_for
):
    desk = client_for("tu_ky", officers["specialist"])
    shows_the_label(desk.get("/ho-so/can-bo/"))
    shows_the_label(desk.get(f"/ho-so/can-bo/{inspected.reference}/"))


def test_the_citizen_reads_the_label_on_the_dossier_and_in_my_dossiers(
    inspected, citizen, client_for, host_client, demo_localities
):
    client = client_for("tu_ky", citizen)
    shows_the_label(client.get(f"/ho-so/{inspected.reference}/"))
    shows_the_label(client.get("/ho-so/cua-toi/"))
    national = host_client(demo_localities["national"])
    national.force_login(citizen)
    shows_the_label(national.get("/ho-so/cua-toi/"))


def test_the_lookup_reads_the_label(inspected, client_for):
    shows_the_label(client_for("tu_ky").get(f"/ho-so/tra-cuu/?ma={inspected.code}"))


def test_a_state_no_installed_workflow_knows_never_shows_its_code(
    citizen, client_for, demo_localities, dossier_in
):
    dossier = dossier_in("tu_ky", applicant=citizen)
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        # As if the plugin that added `police_verification` had been uninstalled since.
        type(dossier).objects.filter(pk=dossier.pk).update(state="police_verification")
    finally:
        connection.set_schema_to_public()
    text = text_of(client_for("tu_ky", citizen).get(f"/ho-so/{dossier.reference}/"))
    assert "police_verification" not in text
    assert "Đang giải quyết" in text
