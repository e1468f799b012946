"""Assigning dossiers through the officers' pages: assign, reassign by the leader only, a stale
page, another locality, many at once; the assignment is the guardian grant that "assigned to me"
and permission checks read."""

from __future__ import annotations

import pytest
from django.db import connection

from outbox.models import Message
from workflows.models import Assignment, Dossier
from workflows.tests.helpers import EXTRACT_COPY, HOUSEHOLD_BUSINESS, text_of

pytestmark = pytest.mark.slow

INBOX = "/ho-so/can-bo/"


def _assign(client, dossier, assignee, *, current=None, state=None, note=""):
    return client.post(
        f"/ho-so/can-bo/{dossier.reference}/phan-cong/",
        {
            "assign-assignee": str(assignee.pk) if assignee else "",
            "assign-note": note,
            "assign-state": state or dossier.state,
            "assign-current": str(current.pk) if current else "",
        },
    )


def _in_tu_ky(demo_localities, work):
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        return work()
    finally:
        connection.set_schema_to_public()


def _holder(demo_localities, dossier):
    def read():
        row = Assignment.objects.filter(dossier=dossier, ended_at__isnull=True).first()
        return row.user_id if row else None

    return _in_tu_ky(demo_localities, read)


def _may_change(demo_localities, user, dossier) -> bool:
    def read():
        fresh = type(user).objects.get(pk=user.pk)
        return fresh.has_perm("workflows.change_dossier", Dossier.objects.get(pk=dossier.pk))

    return _in_tu_ky(demo_localities, read)


def test_the_receiving_officer_assigns_and_the_dossier_follows_the_assignee(
    seeded, staff, client_for, demo_localities
):
    free = seeded["free"]
    desk = client_for("tu_ky", staff["receiving"])
    page = desk.get(f"/ho-so/can-bo/{free.reference}/")
    assert "Chưa giao cho chuyên viên nào." in text_of(page)
    assert "Phân công" in text_of(page)

    done = _assign(desk, free, staff["specialist"], note="Ưu tiên xử lý trong ngày")
    assert done.status_code == 302, text_of(done)[:800]
    assert _holder(demo_localities, free) == staff["specialist"].pk
    # The assignment is a guardian grant on this dossier: the permission check reads it.
    assert _may_change(demo_localities, staff["specialist"], free)
    assert not _may_change(demo_localities, staff["specialist2"], free)
    # The assignee is told by e-mail, through the outbox, with the dossier's code.
    told = _in_tu_ky(
        demo_localities,
        lambda: list(
            Message.objects.filter(kind="assigned", channel="email").values_list(
                "recipient", "body"
            )
        ),
    )
    assert [recipient for recipient, body in told if free.code in body] == [
        staff["specialist"].email
    ]

    dung = client_for("tu_ky", staff["specialist"])
    mine = dung.get(INBOX, {"view": "assigned"})
    assert free.code in text_of(mine)
    # Once assigned, only in the assignee's inbox; the other specialist still finds it in "all"
    # and may act on it.
    minh = client_for("tu_ky", staff["specialist2"])
    assert free.code not in text_of(minh.get(INBOX))
    assert free.code in text_of(minh.get(INBOX, {"view": "all"}))
    assert "Trình lãnh đạo phê duyệt" in text_of(minh.get(f"/ho-so/can-bo/{free.reference}/"))

    detail = text_of(dung.get(f"/ho-so/can-bo/{free.reference}/"))
    assert "Phân công xử lý : Phạm Thị Dung" in detail
    assert "Ưu tiên xử lý trong ngày" in detail
    visited = _in_tu_ky(
        demo_localities, lambda: Assignment.objects.get(dossier=free, ended_at=None).visited_at
    )
    assert visited is not None


def test_only_the_leader_reassigns_and_a_stale_page_is_refused(
    seeded, staff, client_for, demo_localities
):
    dossier = seeded["dung"]
    receiving = client_for("tu_ky", staff["receiving"])
    page = text_of(receiving.get(f"/ho-so/can-bo/{dossier.reference}/"))
    assert "Đang giao cho Phạm Thị Dung" in page
    assert "Phân công lại" not in page  # the form is not offered

    refused = _assign(receiving, dossier, staff["specialist2"], current=staff["specialist"])
    assert refused.status_code == 403
    assert "Chỉ lãnh đạo đơn vị được phân công lại" in text_of(refused)
    assert _holder(demo_localities, dossier) == staff["specialist"].pk

    # A specialist has no say in assignments either.
    by_specialist = client_for("tu_ky", staff["specialist"])
    assert _assign(by_specialist, dossier, staff["specialist2"]).status_code == 403

    leader = client_for("tu_ky", staff["leader"])
    assert "Giao lại cho chuyên viên khác" in text_of(
        leader.get(f"/ho-so/can-bo/{dossier.reference}/")
    )
    moved = _assign(leader, dossier, staff["specialist2"], current=staff["specialist"])
    assert moved.status_code == 302
    assert _holder(demo_localities, dossier) == staff["specialist2"].pk
    assert not _may_change(demo_localities, staff["specialist"], dossier)
    assert _may_change(demo_localities, staff["specialist2"], dossier)
    refreshed = _in_tu_ky(demo_localities, lambda: Dossier.objects.get(pk=dossier.pk))
    assert refreshed.state == "in_processing"  # not sent back
    history = text_of(leader.get(f"/ho-so/can-bo/{dossier.reference}/"))
    assert "Phân công lại : Phạm Thị Dung → Hoàng Văn Minh" in history

    # The same page pressed again (it still shows Phạm Thị Dung): someone acted first.
    stale = _assign(leader, dossier, staff["specialist"], current=staff["specialist"])
    assert stale.status_code == 409
    assert "Hồ sơ đã được người khác cập nhật, vui lòng tải lại." in text_of(stale)
    assert _holder(demo_localities, dossier) == staff["specialist2"].pk

    # A page shown before the dossier moved on.
    late = _assign(
        leader, dossier, staff["specialist"], current=staff["specialist2"], state="received"
    )
    assert late.status_code == 409


def test_bad_input_is_shown_at_the_field(seeded, staff, client_for, demo_localities):
    free = seeded["free"]
    leader = client_for("tu_ky", staff["leader"])
    empty = _assign(leader, free, None, note="Giao gấp")
    assert empty.status_code == 400
    assert "Vui lòng chọn chuyên viên xử lý." in text_of(empty)
    assert "Giao gấp" in empty.content.decode()  # what was typed stays
    not_a_specialist = _assign(leader, free, staff["returning"])
    assert not_a_specialist.status_code == 400
    assert "không phải chuyên viên xử lý của đơn vị này" in text_of(not_a_specialist)
    assert _holder(demo_localities, free) is None
    # Not a state where a specialist works (waiting for the citizen's dossier to be received).
    new = seeded["new-soon"]
    assert _assign(leader, new, staff["specialist"]).status_code == 409


def test_another_localitys_officer_is_refused_and_never_sees_the_dossier(
    seeded, staff, client_for, demo_localities
):
    free = seeded["free"]
    on_tu_ky = client_for("tu_ky", staff["outsider"])
    assert _assign(on_tu_ky, free, staff["specialist"]).status_code == 403
    at_home = client_for("chu_puh", staff["outsider"])
    assert _assign(at_home, free, staff["specialist"]).status_code == 404
    assert at_home.post("/ho-so/can-bo/phan-cong/", {}).status_code == 400
    assert _holder(demo_localities, free) is None
    citizen = client_for("tu_ky", free.applicant)
    assert _assign(citizen, free, staff["specialist"]).status_code == 403


@pytest.fixture
def batch(seeded, dossier_in):
    """Three more received dossiers of one procedure, and one of another."""
    applicant = seeded["free"].applicant
    same = [
        dossier_in("tu_ky", applicant=applicant, state="received", procedure_code=EXTRACT_COPY)
        for _ in range(3)
    ]
    other = dossier_in(
        "tu_ky", applicant=applicant, state="received", procedure_code=HOUSEHOLD_BUSINESS
    )
    return same, other


def test_the_leader_assigns_many_of_one_procedure_and_step_at_once(
    batch, staff, client_for, demo_localities
):
    same, other = batch
    leader = client_for("tu_ky", staff["leader"])
    listing = leader.get(INBOX, {"view": "all", "procedure": EXTRACT_COPY, "state": "received"})
    assert "Phân công các hồ sơ đã chọn" in text_of(listing)
    data = {
        "assignee": str(staff["specialist2"].pk),
        "procedure": EXTRACT_COPY,
        "step": "received",
        "dossiers": [str(d.reference) for d in same],
        "back": f"view=all&procedure={EXTRACT_COPY}&state=received",
    }
    done = leader.post("/ho-so/can-bo/phan-cong/", data)
    assert done.status_code == 302
    assert done["Location"].startswith("/ho-so/can-bo/?view=all")
    assert [_holder(demo_localities, d) for d in same] == [staff["specialist2"].pk] * 3
    assert "Đã phân công 3 hồ sơ." in text_of(leader.get(done["Location"]))

    # One of another procedure in the batch: nothing is assigned.
    mixed = leader.post(
        "/ho-so/can-bo/phan-cong/",
        {
            **data,
            "assignee": str(staff["specialist"].pk),
            "dossiers": [str(same[0].reference), str(other.reference)],
        },
    )
    assert mixed.status_code == 400
    assert "cùng một thủ tục" in text_of(mixed)
    # The list again, with the choices kept: the specialist chosen, the boxes ticked.
    html = mixed.content.decode()
    assert f'<option value="{staff["specialist"].pk}" selected>' in html
    assert f'value="{same[0].reference}" form="assign-many" checked' in html
    empty = leader.post("/ho-so/can-bo/phan-cong/", {**data, "assignee": ""})
    assert empty.status_code == 400
    assert "Vui lòng chọn chuyên viên xử lý." in text_of(empty)
    assert _holder(demo_localities, same[0]) == staff["specialist2"].pk
    assert _holder(demo_localities, other) is None

    # The receiving officer may not assign in bulk (and is not offered the form).
    receiving = client_for("tu_ky", staff["receiving"])
    listing = receiving.get(INBOX, {"view": "all", "procedure": EXTRACT_COPY, "state": "received"})
    assert "Phân công các hồ sơ đã chọn" not in text_of(listing)
    assert receiving.post("/ho-so/can-bo/phan-cong/", data).status_code == 403

    # A batch seen at another step: the dossiers have moved on.
    stale = leader.post("/ho-so/can-bo/phan-cong/", {**data, "step": "in_processing"})
    assert stale.status_code == 409
