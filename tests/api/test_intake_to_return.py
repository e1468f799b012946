"""A dossier pushed by the national portal (a signed partner call, as the national portal would
make it) into Tứ Kỳ's desk, then taken by Tứ Kỳ's officers through the API's actions to
returned. Idempotent pushes, machine-readable refusals, partner grants and the call log."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from api.models import NationalIntake, Operation, PartnerCall
from api.partners import partner_grant, partner_register, signed_headers
from identity.tests.factories import make_user
from staff.roles import Role, role_group
from workflows.models import Dossier
from workflows.tests.factories import EXTRACT_COPY_ANSWERS
from workflows.tests.helpers import EXTRACT_COPY, pdf_bytes

from .conftest import ROOT

pytestmark = pytest.mark.django_db

PATH = "/api/v1/intake/dossiers"
SCAN = pdf_bytes()


def payload(**overrides) -> dict:
    body = {
        "national_id": "G22.99-20260701-0000123",
        "unit_code": "11074",
        "procedure_code": EXTRACT_COPY,
        "applicant": {"id_number": "031090001234", "full_name": "Nguyễn Văn An"},
        "answers": copy.deepcopy(EXTRACT_COPY_ANSWERS),
        "delivery": {"method": "desk"},
        "documents": [
            {
                "document_key": "giay_to_tuy_than",
                "file_name": "cccd.pdf",
                "content_base64": base64.b64encode(SCAN).decode(),
                "sha256": hashlib.sha256(SCAN).hexdigest(),
            }
        ],
    }
    body.update(overrides)
    return body


@pytest.fixture
def national_portal(demo_localities):
    """The national portal as a partner granted Hải Phòng (its communes included)."""
    partner, secret = partner_register(
        name="Cổng Dịch vụ công quốc gia",
        key_id="dvcqg",
        localities=[demo_localities["hai_phong"]],
        operations=[Operation.INTAKE, Operation.INTAKE_STATUS],
    )
    return partner, secret


def push(client, partner_secret, body: dict, *, at: float | None = None, path: str = PATH):
    partner, secret = partner_secret
    raw = json.dumps(body).encode()
    headers = signed_headers(
        key_id=partner.key_id, secret=secret, method="POST", path=path, body=raw, at=at
    )
    return client.post(
        path,
        data=raw,
        content_type="application/json",
        HTTP_HOST=ROOT,
        **{"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()},
    )


def reason(response) -> str:
    assert response["Content-Type"] == "application/problem+json", response.content[:400]
    return response.json()["type"].rsplit("/", 1)[1]


def in_tu_ky(demo_localities, work):
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        return work()
    finally:
        connection.set_schema_to_public()


def test_the_same_push_twice_is_one_dossier_with_one_local_code(
    offered, client, demo_localities, national_portal
):
    first = push(client, national_portal, payload())
    assert first.status_code == 201, first.content[:1000]
    answer = first.json()
    assert answer["code"].startswith("11074-") and answer["state"] == "submitted"
    again = push(client, national_portal, payload())
    assert again.status_code == 200 and again.json()["code"] == answer["code"]
    dossiers = in_tu_ky(
        demo_localities, lambda: list(Dossier.objects.filter(reference=answer["reference"]))
    )
    assert len(dossiers) == 1 and dossiers[0].intake == "national_portal"
    scan = in_tu_ky(demo_localities, lambda: dossiers[0].attachments.get())
    assert scan.sha256 == hashlib.sha256(SCAN).hexdigest()
    assert NationalIntake.objects.count() == 1
    assert PartnerCall.objects.filter(partner__key_id="dvcqg", status__in=[200, 201]).count() == 2


def test_refusals_name_their_reason(offered, client, demo_localities, national_portal):
    assert reason(push(client, national_portal, payload(unit_code="99999"))) == "unit-unknown"
    assert reason(push(client, national_portal, payload(procedure_code="9.999999"))) == (
        "procedure-unknown"
    )
    assert reason(push(client, national_portal, payload(procedure_code="1.004227"))) == (
        "procedure-not-offered"
    )
    tampered = payload()
    tampered["documents"][0]["sha256"] = "0" * 64
    response = push(client, national_portal, tampered)
    assert response.status_code == 422 and reason(response) == "document-hash-mismatch"
    incomplete = payload(answers={"quan_he": "ban_than"})
    response = push(client, national_portal, incomplete)
    assert reason(response) == "answers-invalid"
    assert any(e["field"] == "answers" for e in response.json()["errors"])
    # Chư Pưh (Gia Lai) was not granted to this partner.
    response = push(client, national_portal, payload(unit_code="23942"))
    assert response.status_code == 403 and reason(response) == "locality-not-granted"
    in_tu_ky(demo_localities, lambda: None)
    assert not NationalIntake.objects.exists()
    logged = set(PartnerCall.objects.values_list("reason", flat=True))
    assert {"unit-unknown", "document-hash-mismatch", "locality-not-granted"} <= logged


def test_unsigned_stale_forged_or_ungranted_calls_are_refused(
    offered, client, demo_localities, national_portal
):
    unsigned = client.post(PATH, data=payload(), content_type="application/json", HTTP_HOST=ROOT)
    assert unsigned.status_code == 401 and reason(unsigned) == "signature-missing"
    stale = push(client, national_portal, payload(), at=time.time() - 3600)
    assert stale.status_code == 401 and reason(stale) == "timestamp-stale"
    partner, _secret = national_portal
    forged = push(client, (partner, "not-the-secret"), payload())
    assert forged.status_code == 401 and reason(forged) == "signature-invalid"
    partner_grant(partner=partner, operations=[Operation.INTAKE], revoke=True)
    ungranted = push(client, national_portal, payload())
    assert ungranted.status_code == 403 and reason(ungranted) == "operation-not-granted"
    partner.is_active = False
    partner.save()
    partner_grant(partner=partner, operations=[Operation.INTAKE])
    assert reason(push(client, national_portal, payload())) == "partner-inactive"
    assert PartnerCall.objects.filter(status=401).count() == 3


def test_from_the_national_portal_to_returned_through_the_officers_api(
    offered, client, demo_localities, national_portal, officers, api_for
):
    pushed = push(client, national_portal, payload())
    assert pushed.status_code == 201, pushed.content[:1000]
    reference = pushed.json()["reference"]
    receiving = api_for("tu_ky", officers["receiving_officer"])
    inbox = receiving.get("/api/v1/desk/inbox?view=receive").json()
    row = next(item for item in inbox["items"] if item["reference"] == reference)
    assert row["channel"] == "Trực tuyến qua Cổng Dịch vụ công quốc gia"
    assert row["applicant_name"] == "Nguyễn Văn An"

    path = f"/api/v1/desk/dossiers/{reference}"
    steps = [
        ("receiving_officer", "receive", "submitted", {}),
        ("receiving_officer", "forward_for_processing", "received", {"note": "Chuyển tư pháp"}),
        ("specialist", "submit_for_approval", "in_processing", {"note": "Dự thảo"}),
        ("leader", "approve", "awaiting_approval", {"note": "Đồng ý"}),
        (
            "returning_officer",
            "return_result",
            "result_ready",
            {
                "collector_name": "Nguyễn Thị Mai",
                "collector_id_number": "031190004567",
                "originals_compared": True,
            },
        ),
    ]
    for role, name, state, data in steps:
        officer = api_for("tu_ky", officers[role])
        shown = officer.get(path).json()
        assert shown["state"] == state
        assert name in [action["name"] for action in shown["actions"]], (role, shown["actions"])
        if name == "approve":  # the leader's opinion is required, as on the page
            refused = officer.post(f"{path}/actions/approve", {"expected_state": state})
            assert refused.status_code == 400
            assert refused.json()["errors"] == [
                {"field": "note", "message": "Vui lòng ghi ý kiến phê duyệt."}
            ]
        response = officer.post(f"{path}/actions/{name}", {"expected_state": state, "data": data})
        assert response.status_code == 200, (name, response.content[:1500])
        # Pressed again from the same (now stale) screen: 409, nothing done twice.
        again = officer.post(f"{path}/actions/{name}", {"expected_state": state, "data": data})
        assert again.status_code == 409, name
        if name == "approve":  # the leader attaches the signed result, checked by content
            not_pdf = officer.upload(
                f"{path}/result",
                {"file": SimpleUploadedFile("kq.pdf", b"text"), "expected_state": "result_ready"},
            )
            assert not_pdf.status_code == 400
            signed = officer.upload(
                f"{path}/result",
                {
                    "file": SimpleUploadedFile("kq.pdf", pdf_bytes(2)),
                    "expected_state": "result_ready",
                },
            )
            assert signed.status_code == 201, signed.content[:500]
            assert signed.json()["kind"] == "result"
            returning = api_for("tu_ky", officers["returning_officer"])
            refused = returning.upload(
                f"{path}/result",
                {
                    "file": SimpleUploadedFile("kq.pdf", pdf_bytes()),
                    "expected_state": "result_ready",
                },
            )
            assert refused.status_code == 403
    final = api_for("tu_ky", officers["returning_officer"]).get(path).json()
    assert final["state"] == "returned"
    assert [e["type"] for e in final["timeline"]][-1] == "result_returned"
    status = client.get(
        f"{PATH}/G22.99-20260701-0000123",
        HTTP_HOST=ROOT,
        **{
            "HTTP_" + k.upper().replace("-", "_"): v
            for k, v in signed_headers(
                key_id="dvcqg",
                secret=national_portal[1],
                method="GET",
                path=f"{PATH}/G22.99-20260701-0000123",
                body=b"",
            ).items()
        },
    )
    assert status.status_code == 200 and status.json()["state"] == "returned"


def test_the_desk_refuses_citizens_other_localities_officers_and_their_dossiers(
    offered, citizen, demo_localities, dossier_in, api_for, officers
):
    dossier = dossier_in("tu_ky", applicant=citizen)
    path = f"/api/v1/desk/dossiers/{dossier.reference}"
    assert api_for("tu_ky", citizen).get("/api/v1/desk/inbox").status_code == 403
    assert (
        api_for("tu_ky", citizen)
        .post(f"{path}/actions/receive", {"expected_state": "submitted"})
        .status_code
        == 403
    )
    elsewhere = make_user(full_name="Cán Bộ Chư Pưh")
    connection.set_tenant(demo_localities["chu_puh"])
    try:
        elsewhere.groups.add(role_group(Role.RECEIVING_OFFICER))
    finally:
        connection.set_schema_to_public()
    # Their role holds in Chư Pưh only; Tứ Kỳ's dossier does not exist on Chư Pưh's host.
    assert api_for("tu_ky", elsewhere).get(path).status_code == 403
    assert api_for("chu_puh", elsewhere).get(path).status_code == 404
    assert (
        api_for("chu_puh", elsewhere)
        .post(f"{path}/actions/receive", {"expected_state": "submitted"})
        .status_code
        == 404
    )
    # A receiving officer may not approve: the engine does not offer it (409 for the state,
    # 403 for the role, as the page answers).
    officer = api_for("tu_ky", officers["receiving_officer"])
    assert (
        officer.post(
            f"{path}/actions/approve", {"expected_state": "submitted", "data": {"note": "x"}}
        ).status_code
        == 409
    )
    assert (
        officer.post(f"{path}/actions/nonsense", {"expected_state": "submitted"}).status_code == 409
    )
