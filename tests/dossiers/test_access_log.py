"""Decree 13/2023: the applicant sees, on their dossier page, which officer of which unit opened
their dossier or downloaded its files, and when; their own readings are not listed, another
locality's officer (refused) leaves no entry, and no other citizen appears."""

from __future__ import annotations

import pytest
from django.db import connection

from identity.tests.factories import make_user
from staff.roles import Role, role_group
from workflows import clock
from workflows.models import Attachment, DossierAccess
from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    at,
    birth_registration_post,
    pdf_bytes,
    text_of,
)

from .journey import walk

NOBODY_YET = "Chưa có cán bộ nào mở hồ sơ này."


@pytest.fixture
def submitted(offered, citizen, client_for):
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(at(2026, 6, 15, 9, 0)):
        reference, response = walk(
            client,
            BIRTH_REGISTRATION,
            birth_registration_post(),
            {"giay_chung_sinh": [("chung-sinh.pdf", pdf_bytes())]},
        )
    assert response.status_code == 302
    return reference


def attachment_path(demo_localities, reference) -> str:
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        attachment = Attachment.objects.get(dossier__reference=reference)
        return f"/ho-so/{reference}/tep/{attachment.pk}/"
    finally:
        connection.set_schema_to_public()


def access_count(demo_localities) -> int:
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        return DossierAccess.objects.count()
    finally:
        connection.set_schema_to_public()


def test_the_applicant_sees_who_opened_their_dossier_and_files(
    submitted, citizen, officers, client_for, demo_localities
):
    mine = client_for("tu_ky", citizen)
    page = text_of(mine.get(f"/ho-so/{submitted}/"))
    assert "Ai đã xem hồ sơ của bạn" in page and NOBODY_YET in page
    # The applicant's own download is not an access by someone else.
    file_path = attachment_path(demo_localities, submitted)
    assert mine.get(file_path).status_code == 200
    assert access_count(demo_localities) == 0

    desk = client_for("tu_ky", officers["receiving_officer"])
    with clock.frozen_at(at(2026, 6, 16, 8, 5)):
        assert desk.get(f"/ho-so/can-bo/{submitted}/").status_code == 200
    with clock.frozen_at(at(2026, 6, 16, 8, 7)):
        assert desk.get(file_path).status_code == 200

    page = text_of(mine.get(f"/ho-so/{submitted}/"))
    assert NOBODY_YET not in page
    assert "Trần Thị Bình" in page
    assert "Xã Tứ Kỳ" in page
    assert "Xem hồ sơ" in page
    assert "Tải tệp: chung-sinh.pdf" in page
    assert access_count(demo_localities) == 2


def test_refused_readers_leave_no_entry_and_others_never_see_the_log(
    submitted, citizen, client_for, demo_localities
):
    connection.set_tenant(demo_localities["chu_puh"])
    try:
        stranger_officer = make_user(full_name="Đinh Văn Hải")
        stranger_officer.groups.add(role_group(Role.RECEIVING_OFFICER))
    finally:
        connection.set_schema_to_public()
    other_citizen = make_user(full_name="Hoàng Thị Nga")
    file_path = attachment_path(demo_localities, submitted)
    for reader in (stranger_officer, other_citizen):
        client = client_for("tu_ky", reader)
        assert client.get(f"/ho-so/can-bo/{submitted}/").status_code in (403, 404)
        assert client.get(file_path).status_code in (403, 404)
        assert client.get(f"/ho-so/{submitted}/").status_code in (403, 404)
    assert access_count(demo_localities) == 0
    page = text_of(client_for("tu_ky", citizen).get(f"/ho-so/{submitted}/"))
    assert "Đinh Văn Hải" not in page and "Hoàng Thị Nga" not in page
