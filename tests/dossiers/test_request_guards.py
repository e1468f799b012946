"""Guards that nothing else in the suite would miss: the upload step's CSRF protection, and who
may send an apology (thư xin lỗi) and when. Each refusal leaves the dossier as it was; each is
paired with the same request made rightly, so a refusal for another reason cannot pass."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.db import connection

from workflows import clock
from workflows.calendar import VIETNAM_TZ
from workflows.models import Attachment, Dossier, IssuedDocument
from workflows.tests.factories import make_dossier
from workflows.tests.helpers import EXTRACT_COPY, extract_copy_post, image_bytes, text_of

from .journey import fill_form, start, upload

pytestmark = pytest.mark.django_db

MONDAY_MORNING = datetime.datetime(2026, 3, 9, 9, 0, tzinfo=VIETNAM_TZ)


# -- the upload step: CSRF ---------------------------------------------------------------------


@pytest.fixture
def draft(offered, citizen, client_for):
    """A citizen's draft of the extract copy, at its documents step; returns its reference."""
    client = client_for("tu_ky", citizen)
    reference = start(client, EXTRACT_COPY)
    fill_form(client, reference, extract_copy_post())
    return reference


@pytest.fixture
def strict_client(citizen, demo_localities, host_client):
    """The citizen's browser as Django sees a real one: CSRF checked, logged in on Tứ Kỳ."""
    client = host_client(demo_localities["tu_ky"], enforce_csrf_checks=True)
    client.force_login(citizen)
    return client


def attachments_of(reference: str, locality) -> list[str]:
    connection.set_tenant(locality)
    try:
        return list(
            Attachment.objects.filter(dossier__reference=reference).values_list(
                "original_name", flat=True
            )
        )
    finally:
        connection.set_schema_to_public()


def test_an_upload_without_the_csrf_token_is_refused_and_stores_nothing(
    draft, strict_client, demo_localities
):
    # What a page on another site could make the citizen's browser send.
    response = upload(
        strict_client, draft, "giay_to_tuy_than", [("cccd-gia-mao.png", image_bytes("PNG"))]
    )
    assert response.status_code == 403
    assert attachments_of(draft, demo_localities["tu_ky"]) == []
    page = strict_client.get(f"/ho-so/{draft}/giay-to/")
    assert page.status_code == 200
    assert "cccd-gia-mao.png" not in text_of(page)


def test_the_same_upload_with_the_pages_token_is_stored(draft, strict_client, demo_localities):
    page = strict_client.get(f"/ho-so/{draft}/giay-to/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token, "the documents page carries no CSRF token"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = strict_client.post(
        f"/ho-so/{draft}/giay-to/",
        {
            "csrfmiddlewaretoken": token.group(1),
            "document": "giay_to_tuy_than",
            "files": [SimpleUploadedFile("cccd.png", image_bytes("PNG"))],
        },
    )
    assert response.status_code == 302, text_of(response)[:2000]
    assert attachments_of(draft, demo_localities["tu_ky"]) == ["cccd.png"]


# -- the apology: who and when -------------------------------------------------------------------


def apology_post(dossier: Dossier) -> dict[str, str]:
    return {
        "state": dossier.state,
        "apology-new_date": "20/04/2026",
        "apology-reason": "Cần xác minh thêm với cơ quan đăng ký hộ tịch nơi cư trú trước đây.",
    }


def a_dossier(*, citizen, state: str, locality) -> Dossier:
    connection.set_tenant(locality)
    try:
        with clock.frozen_at(MONDAY_MORNING):
            fields = {"received_at": MONDAY_MORNING} if state != "submitted" else {}
            return make_dossier(
                applicant=citizen, procedure_code=EXTRACT_COPY, state=state, **fields
            )
    finally:
        connection.set_schema_to_public()


def as_it_stands(dossier: Dossier, locality) -> tuple:
    """What an apology changes: the state, the promised date, the history and the slips."""
    connection.set_tenant(locality)
    try:
        fresh = Dossier.objects.get(pk=dossier.pk)
        return (
            fresh.state,
            fresh.extended_appointment_at,
            list(fresh.events.values_list("type", flat=True)),
            list(IssuedDocument.objects.filter(dossier=fresh).values_list("kind", flat=True)),
        )
    finally:
        connection.set_schema_to_public()


def post_apology(client, dossier: Dossier):
    with clock.frozen_at(MONDAY_MORNING + datetime.timedelta(days=10)):
        return client.post(f"/ho-so/can-bo/{dossier.reference}/xin-loi/", apology_post(dossier))


def test_an_officer_whose_role_may_not_apologise_is_refused(
    offered, citizen, officers, client_for, demo_localities
):
    tu_ky = demo_localities["tu_ky"]
    dossier = a_dossier(citizen=citizen, state="in_processing", locality=tu_ky)
    before = as_it_stands(dossier, tu_ky)
    # The returning officer works the desk (the page opens) but does not answer for the delay.
    returning = client_for("tu_ky", officers["returning_officer"])
    assert returning.get(f"/ho-so/can-bo/{dossier.reference}/").status_code == 200
    response = post_apology(returning, dossier)
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này với hồ sơ." in text_of(response)
    assert as_it_stands(dossier, tu_ky) == before
    assert mail.outbox == []

    # The specialist handling the dossier may: the same request goes through.
    response = post_apology(client_for("tu_ky", officers["specialist"]), dossier)
    assert response.status_code == 302, text_of(response)[:2000]
    state, extended, history, slips = as_it_stands(dossier, tu_ky)
    assert (state, extended) == (
        "in_processing",
        datetime.datetime(2026, 4, 20, 17, 0, tzinfo=VIETNAM_TZ),
    )
    assert history[-1] == "apology_issued"
    assert slips == ["apology"]


@pytest.mark.parametrize("state", ["submitted", "returned"])
def test_no_apology_before_reception_or_after_the_result(
    state, offered, citizen, officers, client_for, demo_localities
):
    tu_ky = demo_localities["tu_ky"]
    dossier = a_dossier(citizen=citizen, state=state, locality=tu_ky)
    before = as_it_stands(dossier, tu_ky)
    response = post_apology(client_for("tu_ky", officers["specialist"]), dossier)
    # Refused like any action the dossier's state does not allow (workflows/views/desk.py).
    assert response.status_code == 409
    assert "Không thực hiện được thao tác này ở trạng thái hiện tại của hồ sơ." in text_of(response)
    assert as_it_stands(dossier, tu_ky) == before
    assert mail.outbox == []
