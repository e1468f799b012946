"""The OpenAPI documents and the interactive page, on a locality's host and the national root."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

ROOT = "dichvucong.localhost"


def test_locality_document_lists_catalogue_citizen_and_desk(host_client, tu_ky):
    response = host_client(tu_ky).get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    paths = document["paths"]
    assert "/api/v1/procedures" in paths
    assert "/api/v1/dossiers/{reference}/submit" in paths
    assert "/api/v1/desk/dossiers/{reference}/actions/{name}" in paths
    assert "/api/v1/intake/dossiers" not in paths  # national only
    refused = paths["/api/v1/dossiers/{reference}"]["get"]["responses"]["404"]
    assert "application/problem+json" in refused["content"]


def test_national_document_has_intake(client, demo_localities):
    document = client.get("/api/v1/openapi.json", HTTP_HOST=ROOT).json()
    assert "/api/v1/intake/dossiers" in document["paths"]
    assert "/api/v1/units/{unit}/procedures" in document["paths"]
    assert "/api/v1/dossiers" not in document["paths"]


def test_docs_page_loads_nothing_from_a_cdn(host_client, tu_ky):
    page = host_client(tu_ky).get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn." not in page and "https://" not in page.split("<body")[0]
