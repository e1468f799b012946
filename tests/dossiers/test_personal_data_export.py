"""A citizen downloads, from their profile, everything the platform holds about them: the account,
their dossiers in every locality (through the national index), their files' names, messages and
the access log — and nothing of another citizen; anonymous visitors are sent to log in."""

from __future__ import annotations

import json

import pytest

from identity.tests.factories import make_user
from workflows import clock
from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    EXTRACT_COPY,
    at,
    birth_registration_post,
    extract_copy_post,
    pdf_bytes,
)

from .journey import walk


@pytest.fixture
def two_localities(offered, citizen, client_for, demo_localities):
    """One dossier with a file in Tứ Kỳ, one in Chư Pưh."""
    references = {}
    with clock.frozen_at(at(2026, 6, 15, 9, 0)):
        references["tu_ky"], response = walk(
            client_for("tu_ky", citizen),
            BIRTH_REGISTRATION,
            birth_registration_post(),
            {"giay_chung_sinh": [("chung-sinh.pdf", pdf_bytes())]},
        )
        assert response.status_code == 302
        references["chu_puh"], response = walk(
            client_for("chu_puh", citizen), EXTRACT_COPY, extract_copy_post(), {}
        )
        assert response.status_code == 302
    return references


def test_the_citizen_downloads_all_their_data_from_any_host(
    two_localities, citizen, officers, client_for, demo_localities
):
    desk = client_for("tu_ky", officers["receiving_officer"])
    assert desk.get(f"/ho-so/can-bo/{two_localities['tu_ky']}/").status_code == 200
    mine = client_for("tu_ky", citizen)
    profile = mine.get("/tai-khoan/thong-tin-ca-nhan/").content.decode()
    assert 'href="/tai-khoan/du-lieu-cua-toi/"' in profile
    response = mine.get("/tai-khoan/du-lieu-cua-toi/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="du-lieu-ca-nhan-')
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["id_number"] == citizen.id_number
    assert data["account"]["email"] == citizen.email
    by_name = {entry["locality"]: entry for entry in data["localities"]}
    assert set(by_name) == {"Xã Tứ Kỳ", "Xã Chư Pưh"}
    (tu_ky_dossier,) = by_name["Xã Tứ Kỳ"]["dossiers"]
    assert tu_ky_dossier["reference"] == str(two_localities["tu_ky"])
    assert [f["name"] for f in tu_ky_dossier["files"]] == ["chung-sinh.pdf"]
    assert [(a["viewer"], a["unit"]) for a in tu_ky_dossier["access_log"]] == [
        ("Trần Thị Bình", "Xã Tứ Kỳ")
    ]
    assert tu_ky_dossier["answers"]
    (chu_puh_dossier,) = by_name["Xã Chư Pưh"]["dossiers"]
    assert chu_puh_dossier["reference"] == str(two_localities["chu_puh"])
    # The same file from the national root: the national index finds both localities.
    national = client_for("national", citizen).get("/tai-khoan/du-lieu-cua-toi/")
    assert national.status_code == 200
    assert {e["locality"] for e in json.loads(national.content)["localities"]} == set(by_name)


def test_nobody_else_gets_a_citizens_data(two_localities, citizen, officers, client_for):
    other = make_user(full_name="Hoàng Thị Nga")
    data = json.loads(client_for("tu_ky", other).get("/tai-khoan/du-lieu-cua-toi/").content)
    assert data["account"]["full_name"] == "Hoàng Thị Nga"
    assert data["localities"] == []
    assert citizen.id_number not in json.dumps(data)
    # An officer of the locality gets their own (empty) data, not the applicant's.
    officer_data = client_for("tu_ky", officers["receiving_officer"]).get(
        "/tai-khoan/du-lieu-cua-toi/"
    )
    assert citizen.id_number not in officer_data.content.decode()
    anonymous = client_for("tu_ky").get("/tai-khoan/du-lieu-cua-toi/")
    assert anonymous.status_code == 302 and "/tai-khoan/dang-nhap/" in anonymous["Location"]
