"""A supplement asked for before the dossier's legal clock has started (it arrived in the
evening, at a weekend, on the eve of Tết): it stops nothing, the citizen's "Nộp bổ sung" works,
and the clock starts with the complete dossier. Walked through the citizen's and the officers'
pages, to the result, with the appointment checked on the page and on the receipt (Mẫu 01).

Also the repair of dossiers stuck the old way (a pause recorded before the clock's start made
"Nộp bổ sung" answer 500): `manage.py dossier_repair_pauses`.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from workflows import clock
from workflows.models import Dossier, DossierPause, IssuedDocument
from workflows.tests.helpers import (
    APPROVAL,
    AT_DESK,
    HOUSEHOLD_BUSINESS,
    at,
    household_business_post,
    pdf_bytes,
    pdf_text,
    text_of,
)

from . import journey
from .journey import upload, walk

pytestmark = pytest.mark.slow


def act(client, reference, name, state, **fields):
    response = journey.act(client, reference, name, state, **fields)
    assert response.status_code == 302, (name, text_of(response)[:800])


def saved(locality, reference) -> Dossier:
    connection.set_tenant(locality)
    try:
        return Dossier.objects.get(reference=reference)
    finally:
        connection.set_schema_to_public()


def pauses(locality, reference) -> int:
    connection.set_tenant(locality)
    try:
        return DossierPause.objects.filter(dossier__reference=reference).count()
    finally:
        connection.set_schema_to_public()


def receipt_text(client, reference) -> str:
    response = client.get(f"/ho-so/{reference}/bien-nhan.pdf")
    assert response.status_code == 200
    return pdf_text(b"".join(response.streaming_content))


def slip(date: str) -> str:
    """The appointment as Mẫu 01 prints it: `17 giờ 00 phút, ngày 13/03/2026`."""
    return f"17 giờ 00 phút, ngày {date}"


# Household business: 3 working days in Tứ Kỳ (the procedure's own value).
SCENARIOS = {
    # Tuesday 19:00 counts from Wednesday 07:30; asked at 20:00; answered Thursday 10:00: the
    # clock starts then (Fri 13, Mon 16, Tue 17); received Thursday 14:00 (same date).
    "evening": dict(
        submitted=at(2026, 3, 10, 19, 0),
        code_day="260311",
        requested=at(2026, 3, 10, 20, 0),
        answered=at(2026, 3, 12, 10, 0),
        due="17/03/2026",
        received=at(2026, 3, 12, 14, 0),
        finished=at(2026, 3, 16, 10, 0),
        timeliness="early",
    ),
    # Saturday counts from Monday 07:30; asked Saturday, answered Sunday evening: the clock
    # starts Monday 07:30 (Tue, Wed, Thu); received Monday 08:00.
    "weekend": dict(
        submitted=at(2026, 3, 7, 10, 0),
        code_day="260309",
        requested=at(2026, 3, 7, 11, 0),
        answered=at(2026, 3, 8, 20, 0),
        due="12/03/2026",
        received=at(2026, 3, 9, 8, 0),
        finished=at(2026, 3, 12, 9, 0),
        timeliness="on_time",
    ),
    # The eve of Tết 2026 (Monday 16/02) counts from Monday 23/02 07:30; the officer on duty
    # asks on Tuesday 17/02; the citizen answers Tuesday 24/02 09:00 (Wed, Thu, Fri 27/02).
    "eve_of_tet": dict(
        submitted=at(2026, 2, 16, 9, 0),
        code_day="260223",
        requested=at(2026, 2, 17, 10, 0),
        answered=at(2026, 2, 24, 9, 0),
        due="27/02/2026",
        received=at(2026, 2, 24, 10, 0),
        finished=at(2026, 2, 27, 16, 0),
        timeliness="on_time",
    ),
}


@pytest.mark.parametrize("case", list(SCENARIOS))
def test_supplement_before_the_clock_starts_then_answer_receipt_and_result(
    case, offered, citizen, officers, client_for, demo_localities
):
    s = SCENARIOS[case]
    tu_ky = demo_localities["tu_ky"]
    client = client_for("tu_ky", citizen)
    desk = client_for("tu_ky", officers["receiving_officer"])

    with clock.frozen_at(s["submitted"]):
        reference, response = walk(client, HOUSEHOLD_BUSINESS, household_business_post(), {})
    assert response.status_code == 302
    code = saved(tu_ky, reference).code
    assert code.startswith(f"11074-{s['code_day']}-")

    with clock.frozen_at(s["requested"]):
        act(desk, reference, "request_supplement", "submitted", reason="Bổ sung hợp đồng thuê")
    page = text_of(client.get(f"/ho-so/{reference}/"))
    assert "Bổ sung hợp đồng thuê" in page

    with clock.frozen_at(s["answered"]):
        response = upload(
            client, reference, "giay_to_dia_diem", [("hop-dong-thue.pdf", pdf_bytes())]
        )
        assert response.status_code == 302, text_of(response)[:800]
        response = client.post(f"/ho-so/{reference}/kiem-tra/", {"note": "Đã bổ sung hợp đồng"})
    assert response.status_code == 302, text_of(response)[:800]
    page = text_of(client.get(f"/ho-so/{reference}/"))
    assert "Mới nộp, chờ tiếp nhận" in page
    assert f"17:00 ngày {s['due']}" in page

    with clock.frozen_at(s["received"]):
        act(desk, reference, "receive", "submitted")
    assert slip(s["due"]) in receipt_text(client, reference)
    dossier = saved(tu_ky, reference)
    assert dossier.state == "received"
    assert dossier.code == code  # the code keeps its day
    assert dossier.appointment_at == at(*map(int, s["due"].split("/")[::-1]), 17, 0)

    steps = [
        (desk, "forward_for_processing", "received", {"note": "Chuyển bộ phận đăng ký"}),
        (client_for("tu_ky", officers["specialist"]), "submit_for_approval", "in_processing", {}),
        (client_for("tu_ky", officers["leader"]), "approve", "awaiting_approval", APPROVAL),
        (
            client_for("tu_ky", officers["returning_officer"]),
            "return_result",
            "result_ready",
            AT_DESK,
        ),
    ]
    with clock.frozen_at(s["finished"]):
        for officer, name, state, fields in steps:
            act(officer, reference, name, state, **fields)
    dossier = saved(tu_ky, reference)
    assert (dossier.state, dossier.timeliness) == ("returned", s["timeliness"])
    page = text_of(client.get(f"/ho-so/{reference}/"))
    assert "Đã trả kết quả" in page and f"17:00 ngày {s['due']}" in page
    connection.set_tenant(tu_ky)
    try:
        issued = IssuedDocument.objects.filter(dossier__reference=reference)
        kinds = set(issued.values_list("kind", flat=True))
    finally:
        connection.set_schema_to_public()
    assert {"receipt", "supplement_request", "control_slip", "result"} <= kinds


def stuck_the_old_way(client, desk, locality, moment_submitted, moment_requested):
    """Submit in the evening and ask for a supplement at once, as before the fix: the desk
    recorded a pause although the clock had not started."""
    with clock.frozen_at(moment_submitted):
        reference, response = walk(client, HOUSEHOLD_BUSINESS, household_business_post(), {})
    assert response.status_code == 302
    with clock.frozen_at(moment_requested):
        act(desk, reference, "request_supplement", "submitted", reason="Bổ sung hợp đồng thuê")
    connection.set_tenant(locality)
    try:
        dossier = Dossier.objects.get(reference=reference)
        DossierPause.objects.create(dossier=dossier, paused_at=moment_requested, reason="cũ")
    finally:
        connection.set_schema_to_public()
    return reference


def repair(*args) -> str:
    out = io.StringIO()
    call_command("dossier_repair_pauses", *args, stdout=out)
    return out.getvalue()


def test_dossiers_stuck_the_old_way_are_found_and_repaired(
    offered, citizen, officers, client_for, demo_localities, use_locality
):
    from identity.tests.factories import make_user
    from staff.roles import Role, role_group

    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    use_locality(chu_puh)
    chu_puh_officer = make_user(full_name="Đinh Văn Hải")
    chu_puh_officer.groups.add(role_group(Role.RECEIVING_OFFICER))
    connection.set_schema_to_public()
    here = stuck_the_old_way(
        client_for("tu_ky", citizen),
        client_for("tu_ky", officers["receiving_officer"]),
        tu_ky,
        at(2026, 3, 10, 19, 0),
        at(2026, 3, 10, 20, 0),
    )
    there = stuck_the_old_way(
        client_for("chu_puh", citizen),
        client_for("chu_puh", chu_puh_officer),
        chu_puh,
        at(2026, 3, 7, 10, 0),
        at(2026, 3, 7, 11, 0),
    )
    here_code, there_code = saved(tu_ky, here).code, saved(chu_puh, there).code

    report = repair("--dry-run")
    assert here_code in report and there_code in report
    assert "20:00 10/03/2026 → …" in report and "supplement_requested" in report
    assert "2 would be repaired" in report
    assert pauses(tu_ky, here) == 1  # a dry run changes nothing

    report = repair("--locality", tu_ky.schema_name)
    assert here_code in report and there_code not in report and ": 1 repaired" in report
    assert pauses(tu_ky, here) == 0
    assert pauses(chu_puh, there) == 1
    assert ": 1 repaired" in repair() and ": 0 repaired" in repair()
    assert pauses(chu_puh, there) == 0

    # The citizen's "Nộp bổ sung" now works, and the clock starts with the complete dossier.
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(at(2026, 3, 12, 10, 0)):
        response = client.post(f"/ho-so/{here}/kiem-tra/", {"note": "Đã bổ sung"})
    assert response.status_code == 302, text_of(response)[:800]
    assert "17:00 ngày 17/03/2026" in text_of(client.get(f"/ho-so/{here}/"))


def test_an_unknown_locality_is_refused_by_the_repair_command(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="c99999"):
        repair("--locality", "c99999")
