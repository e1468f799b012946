"""A month of dossiers with known outcomes, written straight into the national index.

Each case names, by hand, the columns of the desk's table it must be counted in for March 2031
(read on 15/04/2031); the tests count those names themselves and compare with the statistics.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from workflows.national_status import Channel
from workflows.public_index.models import DossierIndexEntry
from workflows.tests.helpers import at

from ..periods import month

PERIOD = month(2031, 3)
NOW = at(2031, 4, 15, 9, 0)
ONLINE, COUNTER = Channel.ONLINE, Channel.IN_PERSON


@dataclass
class Case:
    name: str
    columns: set[str]
    fields: dict = field(default_factory=dict)


def _done(received, due, finished, timeliness, **more):
    return {
        "state": "returned" if more.get("returned_at") else "result_ready",
        "received_at": received,
        "appointment_at": due,
        "finished_at": finished,
        "ended_at": finished,
        "timeliness": timeliness,
        **more,
    }


def _open(received, due, **more):
    return {"state": "in_processing", "received_at": received, "appointment_at": due, **more}


MAR = 3
CASES = [
    Case(
        "carried over, done early, returned",
        {"carried_over", "done_early", "electronic_result", "digitised"},
        _done(
            at(2031, 2, 20, 9),
            at(2031, MAR, 5, 17),
            at(2031, MAR, 3, 10),
            "early",
            returned_at=at(2031, MAR, 4, 9),
            electronic_result=True,
            digitised_components=True,
        ),
    ),
    Case(
        "done on time, online, paid by fee, not collected, rated 5",
        {
            "received",
            "done_on_time",
            "not_collected",
            "online_received",
            "with_fee",
            "electronic_result",
            "digitised",
        },
        _done(
            at(2031, MAR, 3, 9),
            at(2031, MAR, 6, 17),
            at(2031, MAR, 6, 10),
            "on_time",
            fee=8000,
            rating=5,
            electronic_result=True,
            digitised_components=True,
        ),
    ),
    Case(
        "done late at the counter, a digitised paper reused, returned after the period, rated 1",
        {
            "received",
            "done_late",
            "not_collected",
            "with_fee",
            "negative_rating",
            "reused_digitised",
        },
        _done(
            at(2031, MAR, 3, 9),
            at(2031, MAR, 6, 17),
            at(2031, MAR, 7, 10),
            "late",
            channel=COUNTER,
            fee=8000,
            rating=1,
            returned_at=at(2031, 4, 2, 9),
            digitised_components=True,
            reused_digitised=True,
        ),
    ),
    Case(
        "supplemented once, done early",
        {"received", "done_early", "online_received", "electronic_result", "digitised"},
        _done(
            at(2031, MAR, 10, 9),
            at(2031, MAR, 13, 17),
            at(2031, MAR, 12, 10),
            "early",
            supplement_rounds=1,
            returned_at=at(2031, MAR, 15, 9),
            electronic_result=True,
            digitised_components=True,
        ),
    ),
    Case(
        "supplemented twice, done early: late",
        {"received", "done_late", "online_received"},
        _done(
            at(2031, MAR, 10, 9),
            at(2031, MAR, 13, 17),
            at(2031, MAR, 11, 10),
            "early",
            supplement_rounds=2,
            returned_at=at(2031, MAR, 15, 9),
        ),
    ),
    Case(
        "stopped after reception",
        {"received", "refused", "online_received"},
        {
            "state": "refused",
            "received_at": at(2031, MAR, 11, 9),
            "appointment_at": at(2031, MAR, 14, 17),
            "finished_at": at(2031, MAR, 12, 9),
            "ended_at": at(2031, MAR, 12, 9),
            "timeliness": "early",
        },
    ),
    Case(
        "withdrawn after reception",
        {"received", "withdrawn", "online_received"},
        {
            "state": "withdrawn",
            "received_at": at(2031, MAR, 11, 9),
            "appointment_at": at(2031, MAR, 14, 17),
            "ended_at": at(2031, MAR, 12, 9),
        },
    ),
    Case(
        "withdrawn before reception",
        set(),
        {
            "state": "withdrawn",
            "submitted_at": at(2031, MAR, 11, 9),
            "ended_at": at(2031, MAR, 12, 9),
        },
    ),
    Case(
        "refused at the desk",
        set(),
        {"state": "refused", "submitted_at": at(2031, MAR, 4, 9), "ended_at": at(2031, MAR, 4, 15)},
    ),
    Case(
        "in processing, late at the end",
        {"received", "processing_late", "online_received"},
        _open(at(2031, MAR, 20, 9), at(2031, MAR, 25, 17)),
    ),
    Case(
        "in processing, due the next morning",
        {"received", "processing_near_due", "online_received"},
        _open(at(2031, MAR, 28, 9), at(2031, 4, 1, 9)),
    ),
    Case(
        "in processing, not yet due",
        {"received", "processing_not_due", "online_received"},
        _open(at(2031, MAR, 31, 9), at(2031, 4, 7, 17)),
    ),
    Case(
        "finished late after the period: open and not due at its end",
        {"received", "processing_not_due"},
        _done(at(2031, MAR, 26, 9), at(2031, 4, 2, 17), at(2031, 4, 3, 9), "late", channel=COUNTER),
    ),
    Case("received after the period", set(), _open(at(2031, 4, 5, 9), at(2031, 4, 10, 17))),
    Case(
        "done and returned before the period",
        set(),
        _done(
            at(2031, 2, 2, 9),
            at(2031, 2, 5, 17),
            at(2031, 2, 4, 9),
            "early",
            returned_at=at(2031, 2, 6, 9),
        ),
    ),
    Case(
        "done before the period, never collected",
        {"not_collected"},
        _done(at(2031, 2, 2, 9), at(2031, 2, 5, 17), at(2031, 2, 4, 9), "early"),
    ),
    Case(
        "waiting for a supplement",
        {"paused"},
        {
            "state": "supplement_requested",
            "submitted_at": at(2031, MAR, 27, 9),
            "paused_since": at(2031, MAR, 28, 9),
            "supplement_rounds": 1,
        },
    ),
]

#: The on-time indicator, counted by hand from the cases above: finished (5 done + 1 stopped)
#: + 4 open at the end = 10; late: done late 2 + open late 1 = 3.
HANDLED, LATE = 10, 3


def expected(column: str, cases=CASES) -> int:
    return sum(1 for case in cases if column in case.columns)


def write(locality, applicant, cases=CASES, *, procedure_code: str = "2.000635") -> list:
    rows = []
    for case in cases:
        values = {"channel": ONLINE, **case.fields}
        rows.append(
            DossierIndexEntry(
                locality=locality,
                applicant=applicant,
                reference=uuid.uuid4(),
                code=f"T-{uuid.uuid4().hex[:8]}".upper(),
                procedure_code=procedure_code,
                created_at=values.get("submitted_at") or values.get("received_at"),
                **values,
            )
        )
    return DossierIndexEntry.objects.bulk_create(rows)
