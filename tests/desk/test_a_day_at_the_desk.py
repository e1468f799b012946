"""One dossier through the whole desk, as five officers of Tứ Kỳ see it on their own pages: the
citizen submits online; the receiving officer finds it in the inbox and receives it (Mẫu 01);
assigns it to a specialist; the leader reassigns it to the other specialist; the receiving
officer forwards it; the second specialist submits it for approval; the leader approves with an
opinion; the returning officer finds it in "to return" and hands it over at the desk. Then the
control slip (Mẫu 06) and the register (Mẫu 07) are read back from their PDFs, every step has its
early / on time / late record, the index reports national status 10, the citizen's page says
"Đã trả kết quả" and the unit's statistics count it done on time.

Each piece has its own tests (tests/desk, tests/dossiers, workflows/tests, platform/scoreboard);
this one checks that they agree about the same dossier."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.dossiers import conftest as dossier_fixtures
from tests.dossiers.journey import act, walk
from workflows import clock
from workflows.models import Dossier, DossierStep
from workflows.public_index.models import DossierIndexEntry
from workflows.tests.helpers import (
    APPROVAL,
    EXTRACT_COPY,
    at,
    extract_copy_post,
    pdf_text,
    text_of,
)

pytestmark = pytest.mark.slow

citizen = dossier_fixtures.citizen  # the applicant of tests/dossiers (Nguyễn Văn An)

INBOX = "/ho-so/can-bo/"
COLLECTOR = {
    "collector_name": "Nguyễn Văn An",
    "collector_id_number": "031090001234",
    "originals_compared": "on",
}


def _in_tu_ky(demo_localities, work):
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        return work()
    finally:
        connection.set_schema_to_public()


def _assign(client, reference, assignee, *, state, current=None, note=""):
    return client.post(
        f"/ho-so/can-bo/{reference}/phan-cong/",
        {
            "assign-assignee": str(assignee.pk),
            "assign-note": note,
            "assign-state": state,
            "assign-current": str(current.pk) if current else "",
        },
    )


def test_one_dossier_from_the_citizen_to_the_return_through_five_officers(
    staff, offered, citizen, client_for, demo_localities
):
    desk = client_for("tu_ky", staff["receiving"])
    dung = client_for("tu_ky", staff["specialist"])
    minh = client_for("tu_ky", staff["specialist2"])
    leader = client_for("tu_ky", staff["leader"])
    returning = client_for("tu_ky", staff["returning"])

    # Monday 03/08/2026 08:00: the citizen submits online on Tứ Kỳ's portal; the procedure is
    # settled within the day (17:00), each step within its share of that working day.
    with clock.frozen_at(at(2026, 8, 3, 8, 0)):
        reference, submitted = walk(
            client_for("tu_ky", citizen), EXTRACT_COPY, extract_copy_post(), {}
        )
    assert submitted.status_code == 302
    dossier = _in_tu_ky(demo_localities, lambda: Dossier.objects.get(reference=reference))
    code = dossier.code

    with clock.frozen_at(at(2026, 8, 3, 8, 20)):
        # The receiving officer's header counts it; the "to receive" list shows it.
        home = text_of(desk.get(INBOX, {"view": "receive"}))
        assert code in home and "Hồ sơ cần xử lý" in home
        assert act(desk, reference, "receive", "submitted").status_code == 302
        receipt = dossier_pdf(desk, reference, "receipt")
        assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in receipt.upper() and code in receipt
        assert _assign(desk, reference, staff["specialist"], state="received").status_code == 302
        # Once assigned, the dossier is in Dũng's "assigned to me", not in Minh's list.
        assert code in text_of(dung.get(INBOX, {"view": "assigned"}))
        assert code not in text_of(minh.get(INBOX))

    with clock.frozen_at(at(2026, 8, 3, 8, 40)):
        # The leader moves it to Minh without sending it back.
        moved = _assign(
            leader, reference, staff["specialist2"], state="received", current=staff["specialist"]
        )
        assert moved.status_code == 302
        assert code in text_of(minh.get(INBOX, {"view": "assigned"}))
        assert code not in text_of(dung.get(INBOX, {"view": "assigned"}))
        assert act(desk, reference, "forward_for_processing", "received").status_code == 302

    with clock.frozen_at(at(2026, 8, 3, 11, 0)):
        sent = act(minh, reference, "submit_for_approval", "in_processing", note="Dự thảo")
        assert sent.status_code == 302
        assert code in text_of(leader.get(INBOX, {"view": "approve"}))
        # The opinion is required: refused at the field, nothing changed.
        refused = act(leader, reference, "approve", "awaiting_approval")
        assert refused.status_code == 400 and "Vui lòng ghi ý kiến phê duyệt" in text_of(refused)
        approved = act(leader, reference, "approve", "awaiting_approval", **APPROVAL)
        assert approved.status_code == 302

    with clock.frozen_at(at(2026, 8, 3, 13, 45)):
        assert code in text_of(returning.get(INBOX, {"view": "return"}))
        handed = act(returning, reference, "return_result", "result_ready", **COLLECTOR)
        assert handed.status_code == 302, text_of(handed)[:1500]

        # Mẫu 06: every hand-over, with the people, from the history.
        control = pdf_text(desk.get(f"/ho-so/can-bo/{reference}/phieu-kiem-soat.pdf").content)
        for name in ("Trần Thị Bình", "Hoàng Văn Minh", "Lê Văn Cường", "Vũ Thị Lan"):
            assert name in control, name
        # Mẫu 07: the register of August lists it.
        register = desk.get(
            "/ho-so/can-bo/so-theo-doi.pdf", {"tu": "01/08/2026", "den": "31/08/2026"}
        )
        assert code in pdf_text(register.content)

    finished = _in_tu_ky(demo_localities, lambda: Dossier.objects.get(reference=reference))
    assert finished.state == "returned" and finished.timeliness in {"early", "on_time"}
    steps = _in_tu_ky(
        demo_localities,
        lambda: list(
            DossierStep.objects.filter(dossier=finished)
            .order_by("started_at", "pk")
            .values_list("step", "timeliness")
        ),
    )
    assert [step for step, _ in steps] == ["receive", "process", "approve", "return_result"]
    assert all(timeliness in {"early", "on_time"} for _, timeliness in steps), steps

    entry = DossierIndexEntry.objects.get(reference=reference)
    assert (entry.national_status, entry.channel, entry.supplement_rounds) == (10, 2, 0)
    assert "Đã trả kết quả" in text_of(client_for("tu_ky", citizen).get(f"/ho-so/{reference}/"))

    # The leader's statistics for August count it received and done on time.
    with clock.frozen_at(at(2026, 9, 1, 9, 0)):
        board = leader.get("/thong-ke/", {"ky": "thang", "nam": "2026", "so": "8"})
    assert board.status_code == 200
    figures = board.content.decode()
    assert "Tháng 08/2026" in figures
    assert "Tiếp nhận trong kỳ: 1" in figures and "Đã giải quyết: quá hạn: 0" in figures


def dossier_pdf(client, reference, kind: str) -> str:
    """The text of the dossier's slip of `kind`, downloaded through the officer's page."""
    page = client.get(f"/ho-so/can-bo/{reference}/")
    assert page.status_code == 200
    document = next(item for item in page.context["issued"] if item.kind == kind)
    response = client.get(f"/ho-so/{reference}/giay-to-phat-hanh/{document.pk}/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return pdf_text(body)
