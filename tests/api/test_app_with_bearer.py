"""A citizen's mobile app: the person signs in at the identity provider (authorisation code +
PKCE, panva's oidc-provider on loopback, as in the identity tests), the app calls the API with
the access token as a bearer token: browse the catalogue, start a dossier, attach a file,
submit, follow it, answer the supplement the desk asks for."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.identity.conftest import (  # noqa: F401 - the provider the identity tests start
    OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET,
    oidc_accounts,
    oidc_provider,
    oidc_settings,
)
from tests.identity.test_oidc_login import log_in_at_provider
from workflows.tests.factories import EXTRACT_COPY_ANSWERS
from workflows.tests.helpers import EXTRACT_COPY, pdf_bytes

from .conftest import Api

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

REDIRECT_URI = "http://dichvucong.localhost/tai-khoan/oidc/callback/"


def access_token(settings, subject: str) -> str:
    """What the app does: authorise with PKCE, sign the person in, trade the code."""
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    query = urlencode(
        {
            "client_id": OIDC_CLIENT_ID,
            "response_type": "code",
            "redirect_uri": REDIRECT_URI,
            "scope": "openid email profile national_id",
            "state": secrets.token_urlsafe(8),
            "nonce": secrets.token_urlsafe(8),
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    back = log_in_at_provider(f"{settings.OIDC_OP_AUTHORIZATION_ENDPOINT}?{query}", subject)
    code = parse_qs(urlsplit(back).query)["code"][0]
    tokens = requests.post(
        settings.OIDC_OP_TOKEN_ENDPOINT,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "client_id": OIDC_CLIENT_ID,
            "client_secret": OIDC_CLIENT_SECRET,
            "code_verifier": verifier,
        },
        timeout=10,
    )
    assert tokens.status_code == 200, tokens.text
    return tokens.json()["access_token"]


def test_a_bearer_token_the_provider_does_not_know_is_refused(oidc_settings, client_for):  # noqa: F811
    app = Api(client_for("tu_ky"), token="not-a-token")
    response = app.get("/api/v1/dossiers")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_the_app_submits_follows_and_answers_a_supplement(
    oidc_settings,  # noqa: F811
    offered,
    client_for,
    api_for,
    officers,
):
    token = access_token(oidc_settings, "vneid-an")
    app = Api(client_for("tu_ky"), token=token)

    # Browse: the catalogue needs no login; the procedure brings its form and documents.
    procedure = app.get(f"/api/v1/procedures/{EXTRACT_COPY}").json()
    assert "giay_to_tuy_than" in [d["key"] for d in procedure["documents"]]

    # The token is the person: their national account, matched by ID number (VNeID's claim).
    draft = app.post("/api/v1/dossiers", {"procedure_code": EXTRACT_COPY})
    assert draft.status_code == 201, draft.content[:800]
    person = get_user_model().objects.get(id_number="031090004455")
    assert draft.json()["answers"]["nguoi_yeu_cau"]["ho_ten"] == "Nguyễn Văn An"
    reference = draft.json()["reference"]
    path = f"/api/v1/dossiers/{reference}"
    assert app.put(f"{path}/answers", {"answers": EXTRACT_COPY_ANSWERS}).status_code == 200
    scan = app.upload(
        f"{path}/files",
        {"document_key": "giay_to_tuy_than", "file": SimpleUploadedFile("cccd.pdf", pdf_bytes())},
    )
    assert scan.status_code == 201, scan.content[:500]
    assert app.put(f"{path}/delivery", {"method": "online"}).status_code == 200
    submitted = app.post(f"{path}/submit")
    assert submitted.status_code == 200, submitted.content[:800]
    code = submitted.json()["code"]

    # The desk asks for a supplement (through the API, with an officer's session).
    receiving = api_for("tu_ky", officers["receiving_officer"])
    asked = receiving.post(
        f"/api/v1/desk/dossiers/{reference}/actions/request_supplement",
        {"expected_state": "submitted", "data": {"reason": "Bổ sung bản chụp CCCD mặt sau."}},
    )
    assert asked.status_code == 200, asked.content[:800]

    # The app follows the dossier: what is expected of the person, and why.
    followed = app.get(path).json()
    assert followed["code"] == code and followed["state"] == "supplement_requested"
    assert followed["needs_action"] is True
    assert followed["supplement_note"] == "Bổ sung bản chụp CCCD mặt sau."
    assert [d["reference"] for d in app.get("/api/v1/dossiers").json()["items"]] == [reference]

    back = app.upload(
        f"{path}/files",
        {"document_key": "giay_to_tuy_than", "file": SimpleUploadedFile("sau.pdf", pdf_bytes(2))},
    )
    assert back.status_code == 201, back.content[:500]
    answered = app.post(f"{path}/supplement", {"note": "Đã bổ sung mặt sau."})
    assert answered.status_code == 200, answered.content[:800]
    assert answered.json()["state"] == "submitted"
    assert [e["type"] for e in answered.json()["timeline"]] == [
        "submitted",
        "supplement_requested",
        "resubmitted",
    ]
    assert person.pk == get_user_model().objects.get(id_number="031090004455").pk
