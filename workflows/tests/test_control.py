"""When each step of the control slip (Mẫu 06) was due, and how it ended: worked examples of
`workflows.control.step_due` / `step_outcome` on the real calendar (Tết 2026 = Mon 16/02 to
Fri 20/02 off). The HTTP side (the slip read back from its PDF) is in
tests/dossiers/test_registers.py."""

from __future__ import annotations

import pytest

from workflows.choices import EventType
from workflows.control import step_due, step_outcome
from workflows.models import Dossier, DossierEvent

from .helpers import at

# An online dossier whose clock started Friday 13/02/2026 10:00 (the eve of the Tết break),
# promised for Wednesday 25/02/2026 17:00.
DOSSIER = dict(counted_from=at(2026, 2, 13, 10, 0), appointment_at=at(2026, 2, 25, 17, 0))


def outcome(type: str, moment) -> str:
    return step_outcome(dossier=Dossier(**DOSSIER), event=DossierEvent(type=type, at=moment))


@pytest.mark.parametrize(
    ("type", "moment", "expected"),
    [
        # Reception: one working day, so by Monday 23/02 17:00 (the first working day after Tết).
        (EventType.RECEIVED, at(2026, 2, 13, 15, 0), "early"),
        (EventType.RECEIVED, at(2026, 2, 23, 16, 0), "on_time"),
        (EventType.RECEIVED, at(2026, 2, 24, 8, 0), "late"),  # "chậm tiếp nhận"
        (EventType.SUPPLEMENT_REQUESTED, at(2026, 2, 23, 17, 30), "late"),
        # Later steps run against the appointment.
        (EventType.FORWARDED, at(2026, 2, 24, 9, 0), "early"),
        (EventType.APPROVED, at(2026, 2, 25, 16, 59), "on_time"),
        (EventType.RESULT_RETURNED, at(2026, 2, 26, 8, 0), "late"),
        # The citizen's own step has no deadline of the unit.
        (EventType.RESUBMITTED, at(2026, 3, 2, 8, 0), ""),
    ],
)
def test_step_outcomes(tu_ky, type, moment, expected):
    assert outcome(type, moment) == expected


def test_no_appointment_no_outcome(tu_ky):
    dossier = Dossier(counted_from=DOSSIER["counted_from"], appointment_at=None)
    event = DossierEvent(type=EventType.FORWARDED, at=at(2026, 2, 24, 9, 0))
    assert step_due(dossier=dossier, event=event) is None
    assert step_outcome(dossier=dossier, event=event) == ""
