"""An officer's reading of a dossier through the API is in the applicant's access log (Decree
13/2023), like a reading on the desk's page; refused readers leave no entry."""

from __future__ import annotations

from django.db import connection

from workflows.models import DossierAccess


def entries(demo_localities) -> list[tuple[str, str, str]]:
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        return list(DossierAccess.objects.values_list("viewer_name", "unit_name", "what"))
    finally:
        connection.set_schema_to_public()


def test_an_officers_api_reading_is_logged_and_shown_to_the_applicant(
    offered, citizen, demo_localities, dossier_in, api_for, officers, client_for
):
    dossier = dossier_in("tu_ky", applicant=citizen)
    path = f"/api/v1/desk/dossiers/{dossier.reference}"
    # The applicant is not an officer: refused, nothing recorded.
    assert api_for("tu_ky", citizen).get(path).status_code == 403
    assert entries(demo_localities) == []
    assert api_for("tu_ky", officers["receiving_officer"]).get(path).status_code == 200
    assert entries(demo_localities) == [("Trần Thị Bình", "Xã Tứ Kỳ", "API")]
    page = client_for("tu_ky", citizen).get(f"/ho-so/{dossier.reference}/").content.decode()
    assert "Trần Thị Bình" in page and "Xem hồ sơ: API" in page
