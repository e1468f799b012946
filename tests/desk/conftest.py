"""Fixtures for the officers' desk tests: five staff accounts of Tứ Kỳ (receiving, specialist
×2, leader, returning), an officer of Chư Pưh, and a seeded set of dossiers with the legal clock
frozen on a Wednesday morning. Clients and dossier factories are tests/dossiers' own."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connection

from tests.dossiers import conftest as dossier_fixtures
from workflows import clock
from workflows.calendar import VIETNAM_TZ
from workflows.tests.helpers import EXTRACT_COPY, HOUSEHOLD_BUSINESS

# tests/dossiers' fixtures, shared (pytest finds fixtures by name in this module).
client_for = dossier_fixtures.client_for
dossier_in = dossier_fixtures.dossier_in
offered = dossier_fixtures.offered
fast_password_hashing = dossier_fixtures.fast_password_hashing  # autouse
dossier_media = dossier_fixtures.dossier_media  # autouse

#: Wednesday 22/07/2026 09:00 in Vietnam: "due soon" ends Thursday 09:00 (one working day of
#: working time: 6 h on Wednesday, 1 h 30 on Thursday).
NOW = datetime.datetime(2026, 7, 22, 9, 0, tzinfo=VIETNAM_TZ)


def local(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=VIETNAM_TZ)


@pytest.fixture
def frozen():
    with clock.frozen_at(NOW) as moment:
        yield moment


@pytest.fixture
def staff(db, demo_localities) -> dict[str, Any]:
    """receiving, specialist, specialist2, leader, returning (Tứ Kỳ); outsider (Chư Pưh's
    receiving officer and leader, nothing in Tứ Kỳ)."""
    from identity.tests.factories import make_user
    from staff.roles import Role, role_group

    people: dict[str, Any] = {}
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        for key, role, name in (
            ("receiving", Role.RECEIVING_OFFICER, "Trần Thị Bình"),
            ("specialist", Role.SPECIALIST, "Phạm Thị Dung"),
            ("specialist2", Role.SPECIALIST, "Hoàng Văn Minh"),
            ("leader", Role.LEADER, "Lê Văn Cường"),
            ("returning", Role.RETURNING_OFFICER, "Vũ Thị Lan"),
        ):
            user = make_user(full_name=name)
            user.groups.add(role_group(role))
            people[key] = user
        connection.set_tenant(demo_localities["chu_puh"])
        outsider = make_user(full_name="Rơ Chăm Hiền")
        outsider.groups.add(role_group(Role.RECEIVING_OFFICER), role_group(Role.LEADER))
        people["outsider"] = outsider
    finally:
        connection.set_schema_to_public()
    return people


@dataclass
class Seed:
    """One seeded dossier and what the test knows about it independently of the inbox code."""

    key: str
    state: str
    procedure: str = EXTRACT_COPY
    intake: str = "portal"
    due: datetime.datetime | None = None
    assigned_to: str = ""
    applicant: str = "Nguyễn Văn An"
    submitted: datetime.datetime = field(default_factory=lambda: local(2026, 7, 20, 8, 0))
    finished: bool = False


#: The seeded set. Deadline classes at NOW: "overdue" = open and due before NOW; "soon" = open,
#: due from NOW to Thursday 09:00.
SEEDS = [
    Seed("new-late", "submitted", due=local(2026, 7, 21, 17, 0), applicant="Đỗ Thị Hoà"),
    Seed("new-soon", "submitted", due=local(2026, 7, 22, 17, 0), intake="national_portal"),
    Seed(
        "new-supplemented",
        "submitted",
        due=local(2026, 7, 30, 17, 0),
        procedure=HOUSEHOLD_BUSINESS,
        intake="counter",
        submitted=local(2026, 7, 21, 10, 0),
    ),
    Seed("received", "received", due=local(2026, 7, 23, 17, 0), intake="post"),
    Seed("free", "in_processing", due=local(2026, 7, 28, 17, 0)),
    Seed("dung", "in_processing", due=local(2026, 7, 22, 11, 0), assigned_to="specialist"),
    Seed("minh", "in_processing", due=local(2026, 7, 20, 17, 0), assigned_to="specialist2"),
    Seed("approval", "awaiting_approval", due=local(2026, 7, 24, 17, 0)),
    Seed("ready", "result_ready", due=local(2026, 7, 21, 17, 0), finished=True),
    Seed("returned", "returned", due=local(2026, 7, 10, 17, 0), finished=True),
]


@pytest.fixture
def seeded(staff, offered, dossier_in, demo_localities, frozen) -> dict[str, Any]:
    """The SEEDS in Tứ Kỳ (plus a draft there and a submitted dossier in Chư Pưh, neither of
    which any Tứ Kỳ inbox may show), assignments made through the service."""
    from identity.tests.factories import make_user
    from workflows import events
    from workflows.services.assignment import dossier_assign

    citizens: dict[str, Any] = {}
    made: dict[str, Any] = {}
    for seed in SEEDS:
        applicant = citizens.get(seed.applicant) or make_user(full_name=seed.applicant)
        citizens[seed.applicant] = applicant
        made[seed.key] = dossier_in(
            "tu_ky",
            applicant=applicant,
            procedure_code=seed.procedure,
            state=seed.state,
            intake=seed.intake,
            submitted_at=seed.submitted,
            appointment_at=seed.due,
            finished_at=seed.due if seed.finished else None,
        )
    dossier_in("tu_ky", applicant=citizens["Nguyễn Văn An"], state="draft", code=None)
    dossier_in("chu_puh", applicant=citizens["Nguyễn Văn An"], state="submitted")
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        # The citizen answered a supplement request: the history says so (the inbox flags it).
        events.dossier_resubmitted_event(
            dossier=made["new-supplemented"],
            user=made["new-supplemented"].applicant,
            from_state="supplement_requested",
            note="",
            at=clock.now(),
        )
        for seed in SEEDS:
            if seed.assigned_to:
                dossier_assign(
                    dossier=made[seed.key], actor=staff["leader"], assignee=staff[seed.assigned_to]
                )
    finally:
        connection.set_schema_to_public()
    return made
