"""The catalogue and the lookup over the API: public reads with ETags and pages, the lookup
page's masking and limits, every refusal a problem document in Vietnamese."""

from __future__ import annotations

import pytest

from workflows.tests.helpers import EXTRACT_COPY

from .conftest import ROOT

pytestmark = pytest.mark.django_db


def problem(response) -> dict:
    assert response["Content-Type"] == "application/problem+json", response.content[:300]
    body = response.json()
    assert body["status"] == response.status_code
    return body


def test_the_catalogue_lists_what_the_unit_offers_page_by_page(offered, client_for):
    client = client_for("tu_ky")
    first = client.get("/api/v1/procedures?page_size=2")
    assert first.status_code == 200
    body = first.json()
    assert body["meta"]["page_size"] == 2 and body["meta"]["count"] >= 3
    assert len(body["items"]) == 2
    second = client.get("/api/v1/procedures?page_size=2&page=2").json()
    assert not {p["code"] for p in body["items"]} & {p["code"] for p in second["items"]}
    found = client.get("/api/v1/procedures?q=trich luc").json()["items"]
    assert EXTRACT_COPY in [p["code"] for p in found]


def test_a_procedure_carries_its_form_documents_fee_and_time_with_an_etag(offered, client_for):
    client = client_for("tu_ky")
    response = client.get(f"/api/v1/procedures/{EXTRACT_COPY}")
    assert response.status_code == 200
    procedure = response.json()
    assert procedure["name"].startswith("Cấp bản sao trích lục")
    assert procedure["form_schema"]["properties"]["nguoi_yeu_cau"]
    assert "giay_to_tuy_than" in [d["key"] for d in procedure["documents"]]
    assert procedure["processing_time"] and procedure["fee"]
    again = client.get(f"/api/v1/procedures/{EXTRACT_COPY}", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_procedure_not_offered_here_is_a_problem_document(offered, client_for):
    body = problem(client_for("tu_ky").get("/api/v1/procedures/9.999999"))
    assert body["status"] == 404
    assert body["type"].endswith("/not-found")
    assert "không cung cấp thủ tục 9.999999" in body["detail"]


def test_the_national_root_reads_any_units_catalogue(offered, client, demo_localities):
    response = client.get("/api/v1/units/23942/procedures", HTTP_HOST=ROOT)
    assert EXTRACT_COPY in [p["code"] for p in response.json()["items"]]
    assert problem(client.get("/api/v1/units/00000/procedures", HTTP_HOST=ROOT))["status"] == 404


def test_bad_query_values_are_listed_by_field_in_vietnamese(offered, client_for):
    body = problem(client_for("tu_ky").get("/api/v1/procedures?page=abc"))
    assert body["status"] == 400
    assert body["errors"] == [{"field": "query.page", "message": "Vui lòng nhập một số."}]


def test_lookup_masks_names_unless_the_id_number_proves_the_person(
    offered, citizen, client_for, dossier_in
):
    dossier = dossier_in("tu_ky", applicant=citizen, code="11074-260710-0001")
    stranger = client_for("chu_puh")  # any portal answers by code
    rows = stranger.post(
        "/api/v1/lookup", {"code": dossier.code}, content_type="application/json"
    ).json()["rows"]
    assert rows[0]["state_label"] and rows[0]["applicant_name"] == ""
    proven = stranger.post(
        "/api/v1/lookup",
        {"code": dossier.code, "id_number": citizen.id_number},
        content_type="application/json",
    ).json()["rows"]
    assert proven[0]["applicant_name"] == "Nguyễn Văn An"
    by_number = stranger.post(
        "/api/v1/lookup", {"id_number": citizen.id_number}, content_type="application/json"
    )
    assert problem(by_number)["type"].endswith("/identity-not-proven")


def test_lookup_counts_against_the_pages_rate_limit(settings, offered, client_for):
    settings.LOOKUP_RATE_LIMIT = "2/m"
    client = client_for("tu_ky")
    for _ in range(2):
        client.post("/api/v1/lookup", {"code": "X-260101-1"}, content_type="application/json")
    refused = client.post("/api/v1/lookup", {"code": "X-260101-1"}, content_type="application/json")
    assert problem(refused)["status"] == 429
    # The lookup page shares the count (the same client address, every host).
    assert client.post("/ho-so/tra-cuu/", {"code": "X-260101-1"}).status_code == 429


def test_statistics_are_the_public_pages_figures(offered, citizen, client_for, dossier_in, client):
    dossier_in("tu_ky", applicant=citizen)
    figures = client_for("tu_ky").get("/api/v1/statistics?ky=nam&nam=2026").json()
    assert figures["unit"] == "Xã Tứ Kỳ" and figures["period"] == "Năm 2026"
    assert figures["table"]["received"] >= 0 and len(figures["groups"]) == 5
    nation = client.get("/api/v1/statistics", HTTP_HOST=ROOT).json()
    assert nation["unit"] == "Toàn quốc"
    bad = client_for("tu_ky").get("/api/v1/statistics?ky=thang&nam=1990")
    assert problem(bad)["errors"][0]["field"] == "nam"
