"""Per-officer workload and timeliness: each officer's figures equal a count made here by hand
from the seeded month (seed.py) split between two officers; a leader sees every officer, an
officer only their own row, others 403; the exports say what the page says; the index row
follows the real assignment and step services."""

from __future__ import annotations

import csv
import io
from dataclasses import fields

import pytest
from openpyxl import load_workbook

from identity.tests.factories import make_user
from staff.roles import Role
from staff.tests.factories import officer_of
from workflows import clock, services
from workflows.public_index.models import DossierIndexEntry
from workflows.services.assignment import dossier_assign
from workflows.tests.factories import make_dossier
from workflows.tests.helpers import at

from .. import selectors
from ..indicators import DeskTable
from ..views import officers_data
from . import seed
from .people import get_as

QUERY = "?ky=thang&nam=2031&so=3"
COUNTED = [f.name for f in fields(DeskTable) if f.name != "processing_hours"]
#: The columns whose dossiers' late steps the officer's table sums (finished or still open).
STEP_COLUMNS = {
    "done_early",
    "done_on_time",
    "done_late",
    "refused",
    "processing_late",
    "processing_near_due",
    "processing_not_due",
}


@pytest.fixture
def split(demo_localities, db):
    """The seeded month: even cases to An, odd ones to Bình, the last one to nobody; case i has
    i % 3 late steps."""
    tu_ky = demo_localities["tu_ky"]
    an = officer_of(tu_ky, Role.SPECIALIST, "Nguyễn Văn An")
    binh = officer_of(tu_ky, Role.SPECIALIST, "Trần Thị Bình")
    owners: dict[int, list] = {an.pk: [], binh.pk: []}
    cases = []
    for i, case in enumerate(seed.CASES):
        fields_ = {**case.fields, "late_steps": i % 3}
        if i < len(seed.CASES) - 1:
            owner = an if i % 2 == 0 else binh
            fields_["assignee"] = owner
            owners[owner.pk].append((case, i % 3))
        cases.append(seed.Case(case.name, case.columns, fields_))
    seed.write(tu_ky, make_user(), cases)
    return {"tu_ky": tu_ky, "an": an, "binh": binh, "owners": owners, **demo_localities}


def test_each_officer_row_equals_the_hand_count(split):
    tables = selectors.officer_tables(split["tu_ky"], seed.PERIOD, now=seed.NOW)
    assert set(tables) == {split["an"].pk, split["binh"].pk}  # the unassigned one is nobody's
    for officer_id, owned in split["owners"].items():
        table, late_steps = tables[officer_id]
        cases = [case for case, _steps in owned]
        for column in COUNTED:
            assert getattr(table, column) == seed.expected(column, cases), (officer_id, column)
        assert late_steps == sum(steps for case, steps in owned if case.columns & STEP_COLUMNS)
    # the two officers and the unassigned dossier make up the unit
    unit = selectors.unit_table(split["tu_ky"], seed.PERIOD, now=seed.NOW)
    (an, _), (binh, _) = tables[split["an"].pk], tables[split["binh"].pk]
    assert (an + binh).received == unit.received - ("received" in seed.CASES[-1].columns)
    # one officer only
    only = selectors.officer_tables(
        split["tu_ky"], seed.PERIOD, now=seed.NOW, officer_id=split["binh"].pk
    )
    assert set(only) == {split["binh"].pk}


def test_a_leader_sees_every_officer_an_officer_only_themself(split, host_client):
    leader = officer_of(split["tu_ky"], Role.LEADER, "Lê Văn Cường")
    with clock.frozen_at(seed.NOW):
        page = get_as(host_client, split["tu_ky"], leader, "/thong-ke/can-bo/" + QUERY)
        own = get_as(host_client, split["tu_ky"], split["an"], "/thong-ke/can-bo/" + QUERY)
    assert page.status_code == 200
    text = page.content.decode()
    assert '<th scope="row">Nguyễn Văn An</th>' in text
    assert '<th scope="row">Trần Thị Bình</th>' in text
    assert own.status_code == 200
    mine = own.content.decode()
    assert '<th scope="row">Nguyễn Văn An</th>' in mine and "Trần Thị Bình" not in mine


@pytest.mark.parametrize("path", ["/thong-ke/can-bo/", "/thong-ke/can-bo/xuat.csv"])
def test_other_localities_and_citizens_are_refused(split, host_client, path):
    other_leader = officer_of(split["chu_puh"], Role.LEADER, "Đinh Văn Hùng")
    other_officer = officer_of(split["chu_puh"], Role.SPECIALIST, "Rơ Châm Ní")
    for user in (make_user(), other_leader, other_officer):
        assert get_as(host_client, split["tu_ky"], user, path + QUERY).status_code == 403
    anonymous = get_as(host_client, split["tu_ky"], None, path + QUERY)
    assert anonymous.status_code == 302 and "/tai-khoan/dang-nhap/" in anonymous["Location"]


def test_exports_open_and_match_the_page(split, host_client):
    leader = officer_of(split["tu_ky"], Role.LEADER, "Lê Văn Cường")
    with clock.frozen_at(seed.NOW):
        sheet = officers_data(split["tu_ky"], seed.PERIOD, officer_id=None)
        book = get_as(host_client, split["tu_ky"], leader, "/thong-ke/can-bo/xuat.xlsx" + QUERY)
        text = get_as(host_client, split["tu_ky"], leader, "/thong-ke/can-bo/xuat.csv" + QUERY)
    assert book.status_code == 200
    rows = list(load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == sheet.title and list(rows[1]) == sheet.headers
    assert [row[0] for row in rows[2:]] == ["Nguyễn Văn An", "Trần Thị Bình"]
    lines = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"))))
    assert lines[1] == sheet.headers
    figures = dict(zip(lines[1], lines[3], strict=True))  # Bình's row
    owned = [case for case, _steps in split["owners"][split["binh"].pk]]
    assert figures["Tiếp nhận trong kỳ"] == str(seed.expected("received", owned))
    steps = sum(s for c, s in split["owners"][split["binh"].pk] if c.columns & STEP_COLUMNS)
    assert figures["Số bước trễ hạn"] == str(steps)


@pytest.mark.usefixtures("dossier_media")
def test_the_index_row_follows_the_assignment_and_the_late_step(tu_ky, offered, citizen, officers):
    desk, specialist = officers["receiving_officer"], officers["specialist"]
    with clock.frozen_at(at(2026, 3, 2, 9, 0)):
        dossier = make_dossier(applicant=citizen)
        dossier = services.dossier_receive(dossier=dossier, user=desk)
        dossier = services.dossier_forward(dossier=dossier, user=desk)
        dossier_assign(dossier=dossier, actor=desk, assignee=specialist)
    row = DossierIndexEntry.objects.get(reference=dossier.reference)
    assert row.assignee_id == specialist.pk and row.late_steps == 0
    # the specialist sends it for approval a month later: the processing step ended late
    with clock.frozen_at(at(2026, 4, 2, 9, 0)):
        dossier.refresh_from_db()
        services.dossier_submit_for_approval(dossier=dossier, user=specialist)
    late = [s for s in dossier.steps.all() if s.timeliness == "late"]
    assert [s.step for s in late] == ["process"]
    row.refresh_from_db()
    assert row.late_steps == 1 and row.assignee_id == specialist.pk


def test_late_dossiers_and_intake_name_the_officer(split, host_client):
    """The dossiers behind "done late" give the delay and the officer; behind "received" (a
    day, a month: any period) who each went to."""
    leader = officer_of(split["tu_ky"], Role.LEADER, "Lê Văn Cường")
    names = {split["an"].pk: "Nguyễn Văn An", split["binh"].pk: "Trần Thị Bình"}
    with clock.frozen_at(seed.NOW):
        for column in ("done_late", "received"):
            page = get_as(host_client, split["tu_ky"], leader, f"/thong-ke/ho-so/{column}/" + QUERY)
            rows = page.content.decode().split('<tr><th scope="row">T-')[1:]
            assigned = sorted(
                names[pk]
                for pk, owned in split["owners"].items()
                for case, _steps in owned
                if column in case.columns
            )
            shown = sorted(n for row in rows for n in names.values() if f"<td>{n}</td>" in row)
            assert shown == assigned, column
            assert len(rows) == seed.expected(column)
