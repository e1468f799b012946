"""Every operation of the API that names a dossier refuses another locality's: the dossier of
Chư Pưh does not exist on Tứ Kỳ's host (404), even to its own applicant, and the desk's
operations refuse (403) both that applicant and Chư Pưh's officer, who has no role on Tứ Kỳ's.
Each partner operation refuses a partner not granted the locality or the operation (403)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from api.models import Operation
from api.partners import partner_register, signed_headers
from api.urls import locality_api
from identity.tests.factories import make_user
from staff.roles import Role, role_group
from workflows.tests.helpers import pdf_bytes

from .conftest import ROOT
from .test_intake_to_return import PATH, payload, push

pytestmark = pytest.mark.django_db


def dossier_operations() -> list[tuple[str, str]]:
    document = locality_api.get_openapi_schema(path_prefix="/api/v1/")
    return [
        (method, path)
        for path, item in document["paths"].items()
        if "{reference}" in path
        for method in item
    ]


def test_the_list_covers_the_citizens_and_the_desks_operations():
    names = {path for _method, path in dossier_operations()}
    assert "/api/v1/dossiers/{reference}/withdraw" in names
    assert "/api/v1/desk/dossiers/{reference}/actions/{name}" in names
    assert len(dossier_operations()) == 12


@pytest.mark.parametrize(("method", "path"), dossier_operations())
def test_another_localitys_dossier_is_refused(
    method, path, offered, citizen, dossier_in, demo_localities, api_for
):
    theirs = dossier_in("chu_puh", applicant=citizen)
    url = path.replace("{reference}", str(theirs.reference))
    url = url.replace("{name}", "receive").replace("{file_id}", "1")
    officer = make_user(full_name="Cán Bộ Chư Pưh")
    connection.set_tenant(demo_localities["chu_puh"])
    try:
        for role in (Role.RECEIVING_OFFICER, Role.LEADER):
            officer.groups.add(role_group(role))
    finally:
        connection.set_schema_to_public()
    body = {"expected_state": "submitted", "data": {}, "answers": {}, "method": "desk", "score": 5}
    scan = {"document_key": "giay_to_tuy_than", "file": SimpleUploadedFile("a.pdf", pdf_bytes())}
    expected = 403 if "/desk/" in path else 404  # no role here / no such dossier here
    for who in (citizen, officer):
        api = api_for("tu_ky", who)
        if method == "get":
            response = api.get(url)
        elif method == "delete":
            response = api.send("delete", url)
        elif url.endswith(("/files", "/result")):
            response = api.upload(url, {**scan, "expected_state": "submitted"})
        else:
            response = api.send(method, url, body)
        assert response.status_code == expected, (who, method, url, response.content[:300])
        assert response["Content-Type"] == "application/problem+json"


def test_partner_operations_refuse_what_was_not_granted(offered, client, demo_localities):
    granted = partner_register(
        name="Cổng quốc gia",
        key_id="dvcqg",
        localities=[demo_localities["hai_phong"]],
        operations=[Operation.INTAKE, Operation.INTAKE_STATUS],
    )
    assert push(client, granted, payload()).status_code == 201
    gia_lai_only = partner_register(
        name="Gia Lai",
        key_id="gia-lai",
        localities=[demo_localities["gia_lai"]],
        operations=[Operation.INTAKE, Operation.INTAKE_STATUS],
    )
    no_operations = partner_register(
        name="Chưa cấp thao tác", key_id="none", localities=[demo_localities["hai_phong"]]
    )
    for partner in (gia_lai_only, no_operations):
        assert push(client, partner, payload()).status_code == 403
        status_path = f"{PATH}/{payload()['national_id']}"
        headers = signed_headers(
            key_id=partner[0].key_id, secret=partner[1], method="GET", path=status_path, body=b""
        )
        response = client.get(
            status_path,
            HTTP_HOST=ROOT,
            **{"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()},
        )
        assert response.status_code == 403, response.content[:300]
        assert json.loads(response.content)["type"].rsplit("/", 1)[1] in (
            "locality-not-granted",
            "operation-not-granted",
        )
