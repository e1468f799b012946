"""Against the running server (runserver on the test database, its own process): the national
portal pushes a dossier to Tứ Kỳ with a signed call, Tứ Kỳ's four officers log in on the portal
and take it through the API's actions to returned, the portal's scripts' way (session cookie and
X-CSRFToken); and a mobile app with a bearer token from the local identity provider submits,
follows and answers a supplement. What the journeys need is committed first and everything they
made is deleted afterwards."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from api.models import NationalIntake, Operation, Partner, PartnerCall
from api.partners import partner_register, signed_headers
from identity.tests.factories import PASSWORD, make_user
from staff.roles import Role, role_group
from tests.identity.conftest import (  # noqa: F401 - the provider the identity tests start
    OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET,
    oidc_accounts,
    oidc_provider,
)
from tests.support import portal_server
from workflows.tests.factories import EXTRACT_COPY_ANSWERS
from workflows.tests.helpers import EXTRACT_COPY, pdf_bytes

from .test_app_with_bearer import access_token

pytestmark = pytest.mark.slow

ROOT = "dichvucong.localhost"
TU_KY = "tu-ky.hai-phong.dichvucong.localhost"
ROLES = (Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER, Role.RETURNING_OFFICER)


@pytest.fixture(autouse=True)
def fast_password_hashing():
    """Not here: the running server checks passwords with the portal's own hashers."""


def _in(locality, work):
    connection.set_tenant(locality)
    try:
        return work()
    finally:
        connection.set_schema_to_public()


@pytest.fixture
def committed(demo_localities, django_db_blocker):
    """A partner granted Hải Phòng, Tứ Kỳ offering the procedure, one officer per role."""
    from procedure_plugins.models import ProcedureOffering
    from workflows.models import Dossier, DossierCodeCounter
    from workflows.public_index.models import DossierIndexEntry

    tu_ky = demo_localities["tu_ky"]
    tag = uuid.uuid4().hex[:8]
    national_id = f"G22.99-{tag}"
    with django_db_blocker.unblock():
        offering, created = ProcedureOffering.objects.get_or_create(
            locality=tu_ky, procedure_code=EXTRACT_COPY
        )
        was_active = offering.is_active
        offering.is_active = True
        offering.save()
        counters = set(
            _in(tu_ky, lambda: list(DossierCodeCounter.objects.values_list("period", flat=True)))
        )
        partner, secret = partner_register(
            name="Cổng DVC quốc gia (thử)",
            key_id=f"dvcqg-{tag}",
            localities=[demo_localities["hai_phong"]],
            operations=[Operation.INTAKE],
        )
        officers = {}
        for role in ROLES:
            user = make_user(
                username=f"can-bo-{role}-{tag}".replace("_", "-"),
                id_number=None,
                email=f"{role}-{tag}@can-bo.test",
            )
            _in(tu_ky, lambda user=user, role=role: user.groups.add(role_group(role)))
            officers[str(role)] = user
    yield {"partner": partner, "secret": secret, "officers": officers, "national_id": national_id}
    with django_db_blocker.unblock():
        record = NationalIntake.objects.filter(national_id=national_id).first()
        if record is not None:
            reference = record.dossier_reference
            applicant_id = _in(tu_ky, lambda: Dossier.objects.get(reference=reference).applicant_id)
            record.delete()
            _in(tu_ky, lambda: Dossier.objects.filter(reference=reference).delete())
            DossierIndexEntry.objects.filter(reference=reference).delete()
            shutil.rmtree(
                Path(settings.PRIVATE_FILES_ROOT) / tu_ky.schema_name / "ho-so" / str(reference),
                ignore_errors=True,
            )
            if not _in(tu_ky, lambda: Dossier.objects.filter(applicant_id=applicant_id).exists()):
                get_user_model().objects.filter(
                    pk=applicant_id, id_number="031090007788"
                )._raw_delete(connection.alias)
        _in(tu_ky, lambda: DossierCodeCounter.objects.exclude(period__in=counters).delete())
        PartnerCall.objects.filter(partner=partner).delete()
        Partner.objects.filter(pk=partner.pk).delete()
        for user in officers.values():
            _in(tu_ky, lambda user=user: user.groups.clear())
            get_user_model().objects.filter(pk=user.pk)._raw_delete(connection.alias)
        if created:
            offering.delete()
        elif not was_active:
            offering.is_active = False
            offering.save()


class Browserless:
    """HTTP to the running portal at 127.0.0.1 with the locality's Host header, keeping its
    cookies by hand (they are scoped to the base domain, which does not resolve here)."""

    def __init__(self, url, host: str) -> None:
        self.url, self.host, self.cookies = url, host, SimpleCookie()

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        address = self.url(self.host, path).replace(self.host, "127.0.0.1", 1)
        headers = {"Host": self.host, **kwargs.pop("headers", {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        if "csrftoken" in self.cookies:
            headers.setdefault("X-CSRFToken", self.cookies["csrftoken"].value)
        response = requests.request(
            method, address, headers=headers, allow_redirects=False, timeout=30, **kwargs
        )
        for value in response.raw.headers.getlist("Set-Cookie"):
            self.cookies.load(value)
        return response


def logged_in(url, username: str) -> Browserless:
    """The officer logs in on the portal's page; the session cookie covers the API."""
    browser = Browserless(url, TU_KY)
    browser.request("GET", "/tai-khoan/dang-nhap/")
    done = browser.request(
        "POST",
        "/tai-khoan/dang-nhap/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,
        },
        headers={"Referer": f"http://{TU_KY}/tai-khoan/dang-nhap/"},
    )
    assert done.status_code == 302, done.text[:500]
    return browser


def test_from_the_national_portal_to_returned_on_the_running_server(committed):
    scan = pdf_bytes()
    body = json.dumps(
        {
            "national_id": committed["national_id"],
            "unit_code": "11074",
            "procedure_code": EXTRACT_COPY,
            "applicant": {"id_number": "031090007788", "full_name": "Đỗ Văn Hùng"},
            "answers": EXTRACT_COPY_ANSWERS,
            "delivery": {"method": "desk"},
            "documents": [
                {
                    "document_key": "giay_to_tuy_than",
                    "file_name": "cccd.pdf",
                    "content_base64": base64.b64encode(scan).decode(),
                    "sha256": hashlib.sha256(scan).hexdigest(),
                }
            ],
        }
    ).encode()
    path = "/api/v1/intake/dossiers"
    with portal_server() as url:
        for attempt in ("first", "again"):
            headers = signed_headers(
                key_id=committed["partner"].key_id,
                secret=committed["secret"],
                method="POST",
                path=path,
                body=body,
            )
            pushed = Browserless(url, ROOT).request(
                "POST", path, data=body, headers={**headers, "Content-Type": "application/json"}
            )
            assert pushed.status_code == (201 if attempt == "first" else 200), pushed.text[:800]
        reference, code = pushed.json()["reference"], pushed.json()["code"]
        assert code.startswith("11074-")

        steps = [
            ("receiving_officer", "receive", "submitted", {}),
            ("receiving_officer", "forward_for_processing", "received", {"note": "Tư pháp"}),
            ("specialist", "submit_for_approval", "in_processing", {"note": "Dự thảo"}),
            ("leader", "approve", "awaiting_approval", {"note": "Đồng ý"}),
            (
                "returning_officer",
                "return_result",
                "result_ready",
                {
                    "collector_name": "Đỗ Văn Hùng",
                    "collector_id_number": "031090007788",
                    "originals_compared": True,
                },
            ),
        ]
        for role, name, state, data in steps:
            session = logged_in(url, committed["officers"][role].username)
            response = session.request(
                "POST",
                f"/api/v1/desk/dossiers/{reference}/actions/{name}",
                json={"expected_state": state, "data": data},
            )
            assert response.status_code == 200, (name, response.text[:800])
        final = session.request("GET", f"/api/v1/desk/dossiers/{reference}").json()
        assert final["state"] == "returned" and final["code"] == code
        assert final["intake"] == "national_portal"


@pytest.fixture
def app_person(demo_localities, django_db_blocker):
    """Deletes, after the test, what the app's person (vneid-an, 031090004455) made."""
    from workflows.models import Dossier
    from workflows.public_index.models import DossierIndexEntry

    tu_ky = demo_localities["tu_ky"]
    yield
    with django_db_blocker.unblock():
        person = get_user_model().objects.filter(id_number="031090004455").first()
        if person is None:
            return
        references = _in(
            tu_ky,
            lambda: list(
                Dossier.objects.filter(applicant=person).values_list("reference", flat=True)
            ),
        )
        _in(tu_ky, lambda: Dossier.objects.filter(applicant=person).delete())
        DossierIndexEntry.objects.filter(applicant=person).delete()
        for reference in references:
            shutil.rmtree(
                Path(settings.PRIVATE_FILES_ROOT) / tu_ky.schema_name / "ho-so" / str(reference),
                ignore_errors=True,
            )
        get_user_model().objects.filter(pk=person.pk)._raw_delete(connection.alias)


def test_a_mobile_app_with_a_bearer_token_on_the_running_server(
    committed,
    app_person,
    oidc_provider,  # noqa: F811
):
    discovery = requests.get(f"{oidc_provider}/.well-known/openid-configuration", timeout=5).json()
    provider = SimpleNamespace(
        OIDC_OP_AUTHORIZATION_ENDPOINT=discovery["authorization_endpoint"],
        OIDC_OP_TOKEN_ENDPOINT=discovery["token_endpoint"],
    )
    token = access_token(provider, "vneid-an")
    environment = {
        "OIDC_ENABLED": "1",
        "OIDC_RP_CLIENT_ID": OIDC_CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": OIDC_CLIENT_SECRET,
        "OIDC_OP_ISSUER": discovery["issuer"],
        "OIDC_OP_AUTHORIZATION_ENDPOINT": discovery["authorization_endpoint"],
        "OIDC_OP_TOKEN_ENDPOINT": discovery["token_endpoint"],
        "OIDC_OP_USER_ENDPOINT": discovery["userinfo_endpoint"],
        "OIDC_OP_JWKS_ENDPOINT": discovery["jwks_uri"],
    }
    bearer = {"Authorization": f"Bearer {token}"}
    with portal_server(environment) as url:
        app = Browserless(url, TU_KY)
        assert (
            app.request(
                "GET", "/api/v1/dossiers", headers={"Authorization": "Bearer x"}
            ).status_code
            == 401
        )
        procedure = app.request("GET", f"/api/v1/procedures/{EXTRACT_COPY}").json()
        assert procedure["code"] == EXTRACT_COPY
        draft = app.request(
            "POST", "/api/v1/dossiers", json={"procedure_code": EXTRACT_COPY}, headers=bearer
        )
        assert draft.status_code == 201, draft.text[:800]
        path = f"/api/v1/dossiers/{draft.json()['reference']}"
        steps = [
            ("PUT", f"{path}/answers", {"json": {"answers": EXTRACT_COPY_ANSWERS}}, 200),
            (
                "POST",
                f"{path}/files",
                {
                    "data": {"document_key": "giay_to_tuy_than"},
                    "files": {"file": ("cccd.pdf", pdf_bytes(), "application/pdf")},
                },
                201,
            ),
            ("PUT", f"{path}/delivery", {"json": {"method": "online"}}, 200),
            ("POST", f"{path}/submit", {}, 200),
        ]
        for method, where, payload, status in steps:
            response = app.request(method, where, headers=bearer, **payload)
            assert response.status_code == status, (where, response.text[:800])
        code = response.json()["code"]

        officer = logged_in(url, committed["officers"]["receiving_officer"].username)
        asked = officer.request(
            "POST",
            f"/api/v1/desk/dossiers/{draft.json()['reference']}/actions/request_supplement",
            json={"expected_state": "submitted", "data": {"reason": "Bổ sung mặt sau CCCD."}},
        )
        assert asked.status_code == 200, asked.text[:800]

        followed = app.request("GET", path, headers=bearer).json()
        assert followed["code"] == code and followed["state"] == "supplement_requested"
        assert followed["supplement_note"] == "Bổ sung mặt sau CCCD."
        more = app.request(
            "POST",
            f"{path}/files",
            headers=bearer,
            data={"document_key": "giay_to_tuy_than"},
            files={"file": ("sau.pdf", pdf_bytes(2), "application/pdf")},
        )
        assert more.status_code == 201, more.text[:800]
        answered = app.request("POST", f"{path}/supplement", headers=bearer, json={"note": "Xong"})
        assert answered.status_code == 200, answered.text[:800]
        assert answered.json()["state"] == "submitted"
