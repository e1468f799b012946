"""Codes and appointment dates of dossiers submitted through HTTP, against Vietnam's real
holiday calendar (the `holidays` package): the eve of Tết 2026, the make-up Saturday 22/08/2026,
and same-day procedures at 15:05, at submission and at reception by the desk."""

from __future__ import annotations

import pytest
from django.db import connection

from procedure_plugins.models import ProcedureOffering
from procedure_plugins.services import offering_set_local_values
from workflows import clock
from workflows.models import Dossier
from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    EXTRACT_COPY,
    HOUSEHOLD_BUSINESS,
    at,
    birth_registration_post,
    extract_copy_post,
    household_business_post,
    pdf_bytes,
    pdf_text,
    text_of,
)

from .journey import walk

pytestmark = pytest.mark.slow


def dossier(demo_localities, reference) -> Dossier:
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        return Dossier.objects.get(reference=reference)
    finally:
        connection.set_schema_to_public()


def receipt_text(client, reference) -> str:
    response = client.get(f"/ho-so/{reference}/bien-nhan.pdf")
    assert response.status_code == 200
    return pdf_text(b"".join(response.streaming_content))


def test_submitted_on_the_eve_of_tet_counts_from_the_first_working_day_after(
    offered, citizen, client_for, demo_localities
):
    """Monday 16/02/2026 is Giao thừa; Tết runs to Friday 20/02: the clock starts Monday
    23/02/2026 07:30, and the code carries that receiving day."""
    tu_ky = demo_localities["tu_ky"]
    offering_set_local_values(  # Tứ Kỳ registers household businesses in 2 days (limits 1–3)
        offering=ProcedureOffering.objects.get(locality=tu_ky, procedure_code=HOUSEHOLD_BUSINESS),
        processing_time_amount=2,
    )
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(at(2026, 2, 16, 9, 0)):
        birth, response = walk(
            client,
            BIRTH_REGISTRATION,
            birth_registration_post(),
            {"giay_chung_sinh": [("chung-sinh.pdf", pdf_bytes())]},
        )
        assert response.status_code == 302
        business, response = walk(client, HOUSEHOLD_BUSINESS, household_business_post(), {})
        assert response.status_code == 302

    page = text_of(client.get(f"/ho-so/{birth}/da-nop/"))
    assert "11074-260223-0001" in page
    assert "07:30 ngày 23/02/2026" in page  # counted from
    assert "17:00 ngày 23/02/2026" in page  # same day, on the first working day after Tết
    text = receipt_text(client, birth)
    assert "Thời gian nhận hồ sơ: 07 giờ 30 phút, ngày 23/02/2026" in text
    assert "17 giờ 00 phút, ngày 23/02/2026" in text

    page = text_of(client.get(f"/ho-so/{business}/da-nop/"))
    assert "11074-260223-0002" in page
    assert "17:00 ngày 25/02/2026" in page  # Tứ Kỳ's 2 working days: Tue 24, Wed 25
    assert "2 ngày làm việc" in receipt_text(client, business)

    saved = dossier(demo_localities, birth)
    assert saved.submitted_at == at(2026, 2, 16, 9, 0)
    assert saved.counted_from == at(2026, 2, 23, 7, 30)


def test_submitted_on_the_make_up_saturday_22_08_2026(offered, citizen, client_for):
    """Saturday 22/08/2026 is a working day (made up for Monday 31/08)."""
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(at(2026, 8, 22, 10, 0)):
        copy, response = walk(client, EXTRACT_COPY, extract_copy_post(), {})
        assert response.status_code == 302
        business, response = walk(client, HOUSEHOLD_BUSINESS, household_business_post(), {})
        assert response.status_code == 302
    page = text_of(client.get(f"/ho-so/{copy}/da-nop/"))
    assert "11074-260822-0001" in page
    assert "17:00 ngày 22/08/2026" in page  # same day: the Saturday itself
    assert "Thời hạn tính từ" not in page  # received during working hours
    page = text_of(client.get(f"/ho-so/{business}/da-nop/"))
    assert "11074-260822-0002" in page
    assert "17:00 ngày 26/08/2026" in page  # 3 working days: Mon 24, Tue 25, Wed 26


def test_same_day_procedure_submitted_at_15_05_is_due_the_next_working_day(
    offered, citizen, client_for
):
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(at(2026, 3, 9, 15, 5)):  # Monday
        reference, response = walk(client, EXTRACT_COPY, extract_copy_post(), {})
    assert response.status_code == 302
    page = text_of(client.get(f"/ho-so/{reference}/da-nop/"))
    assert "11074-260309-0001" in page
    assert "17:00 ngày 10/03/2026" in page


def test_received_by_the_desk_at_15_05_moves_a_same_day_appointment_to_the_next_working_day(
    offered, citizen, officers, client_for, demo_localities
):
    """Submitted at 14:50 (promised today 17:00), received by the officer at 15:05: the desk
    counts from the reception, after the cut-off, so the appointment becomes the next working
    day; a new receipt (Mẫu 01) with the officer's name says so."""
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(at(2026, 3, 13, 14, 50)):  # Friday
        reference, response = walk(client, EXTRACT_COPY, extract_copy_post(), {})
    assert response.status_code == 302
    assert "17:00 ngày 13/03/2026" in text_of(client.get(f"/ho-so/{reference}/da-nop/"))

    officer = client_for("tu_ky", officers["receiving_officer"])
    with clock.frozen_at(at(2026, 3, 13, 15, 5)):
        response = officer.post(
            f"/ho-so/can-bo/{reference}/thao-tac/receive/", {"state": "submitted"}
        )
    assert response.status_code == 302, text_of(response)[:1000]

    page = text_of(client.get(f"/ho-so/{reference}/"))
    assert "Đã tiếp nhận" in page
    assert "17:00 ngày 16/03/2026" in page  # Monday, after the weekend
    text = receipt_text(client, reference)
    assert "Thời gian nhận hồ sơ: 15 giờ 05 phút, ngày 13/03/2026" in text
    assert "17 giờ 00 phút, ngày 16/03/2026" in text
    assert "Trần Thị Bình" in text
    saved = dossier(demo_localities, reference)
    assert saved.received_at == at(2026, 3, 13, 15, 5)
    assert saved.appointment_at == at(2026, 3, 16, 17, 0)
