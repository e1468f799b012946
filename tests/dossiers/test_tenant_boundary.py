"""Every dossier page refuses another locality's data: a Tứ Kỳ dossier opened on Chư Pưh's
host is not found (404); a Tứ Kỳ officer on Chư Pưh's portal has no role there (403)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from workflows import clock
from workflows.calendar import VIETNAM_TZ
from workflows.models import Dossier
from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    EXTRACT_COPY,
    birth_registration_post,
    extract_copy_post,
    pdf_bytes,
    text_of,
)

from .journey import walk

pytestmark = pytest.mark.slow


@pytest.fixture
def tu_ky_dossier(offered, citizen, client_for, demo_localities, use_locality):
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(datetime.datetime(2026, 7, 20, 9, 0, tzinfo=VIETNAM_TZ)):
        reference, response = walk(
            client,
            BIRTH_REGISTRATION,
            birth_registration_post(),
            {"giay_chung_sinh": [("cs.pdf", pdf_bytes())]},
        )
    assert response.status_code == 302
    client.get(f"/ho-so/{reference}/bien-nhan.pdf")
    use_locality(demo_localities["tu_ky"])
    dossier = Dossier.objects.get(reference=reference)
    attachment = dossier.attachments.get()
    receipt = dossier.issued_documents.get()
    connection.set_schema_to_public()
    return reference, attachment, receipt


def test_a_tu_ky_dossier_is_not_found_on_chu_puhs_host(
    tu_ky_dossier, citizen, client_for, demo_localities
):
    reference, attachment, receipt = tu_ky_dossier
    there = client_for("chu_puh", citizen)
    for path in (
        "",
        "to-khai/",
        "giay-to/",
        "nhan-ket-qua/",
        "kiem-tra/",
        "da-nop/",
        "bien-nhan.pdf",
        "rut/",
        f"tep/{attachment.pk}/",
        f"giay-to-phat-hanh/{receipt.pk}/",
    ):
        response = there.get(f"/ho-so/{reference}/{path}")
        assert response.status_code == 404, path
    for path in ("rut/", "danh-gia/", "xoa/", "kiem-tra/"):
        assert there.post(f"/ho-so/{reference}/{path}", {"state": "submitted"}).status_code == 404
    # Its files live in Tứ Kỳ's private folder only (never under the public media).
    tu_ky_root = Path(settings.PRIVATE_FILES_ROOT) / demo_localities["tu_ky"].schema_name
    chu_puh_root = Path(settings.PRIVATE_FILES_ROOT) / demo_localities["chu_puh"].schema_name
    assert (tu_ky_root / attachment.file.name).is_file()
    assert not (chu_puh_root / attachment.file.name).exists()
    # The same pages answer on Tứ Kỳ's own host.
    here = client_for("tu_ky", citizen)
    assert here.get(f"/ho-so/{reference}/tep/{attachment.pk}/").status_code == 200


def test_a_tu_ky_officer_has_no_role_on_chu_puhs_portal(
    tu_ky_dossier, officers, citizen, client_for
):
    reference, attachment, _receipt = tu_ky_dossier
    # A dossier of Chư Pưh, submitted there.
    with clock.frozen_at(datetime.datetime(2026, 7, 20, 10, 0, tzinfo=VIETNAM_TZ)):
        theirs, response = walk(
            client_for("chu_puh", citizen), EXTRACT_COPY, extract_copy_post(), {}
        )
    assert response.status_code == 302
    officer = client_for("chu_puh", officers["receiving_officer"])
    for path in ("/ho-so/can-bo/", f"/ho-so/can-bo/{theirs}/"):
        response = officer.get(path)
        assert response.status_code == 403, path
        assert "Vai trò cán bộ chỉ có hiệu lực tại địa phương nơi bạn được bổ nhiệm" in text_of(
            response
        )
    response = officer.post(f"/ho-so/can-bo/{theirs}/thao-tac/receive/", {"state": "submitted"})
    assert response.status_code == 403
    response = officer.post(f"/ho-so/can-bo/{theirs}/xin-loi/", {"state": "submitted"})
    assert response.status_code == 403
    # Nor can the officer read Tứ Kỳ's files through Chư Pưh's host.
    assert officer.get(f"/ho-so/{reference}/tep/{attachment.pk}/").status_code == 404
    # At home the officer sees Tứ Kỳ's dossier, and Chư Pưh's does not exist there.
    home = client_for("tu_ky", officers["receiving_officer"])
    assert home.get(f"/ho-so/can-bo/{reference}/").status_code == 200
    assert home.get(f"/ho-so/can-bo/{theirs}/").status_code == 404
    assert home.get(f"/ho-so/{reference}/tep/{attachment.pk}/").status_code == 200


def test_a_citizen_is_refused_the_desk(tu_ky_dossier, citizen, client_for):
    reference, _attachment, _receipt = tu_ky_dossier
    client = client_for("tu_ky", citizen)
    assert client.get("/ho-so/can-bo/").status_code == 403
    response = client.post(f"/ho-so/can-bo/{reference}/thao-tac/receive/", {"state": "submitted"})
    assert response.status_code == 403


def test_the_national_root_has_no_dossier_pages_but_my_dossiers_and_lookup(citizen, client_for):
    client = client_for("national", citizen)
    assert client.get("/ho-so/tra-cuu/").status_code == 200
    assert client.get(f"/ho-so/nop/{EXTRACT_COPY}/").status_code == 404
    assert client.get("/ho-so/cua-toi/").status_code == 200
