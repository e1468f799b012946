"""The paused column of a past period: every dossier that waited for a supplement at some moment
of the period, pauses begun and ended inside it included, counted by hand here."""

from __future__ import annotations

import pytest

from identity.tests.factories import make_user
from workflows.public_index.services import utc_text
from workflows.tests.helpers import at

from .. import periods, selectors
from . import seed


def _pause(paused, resumed=None):
    return [utc_text(paused), utc_text(resumed)]


#: name → (index fields, the months it waited in)
CASES = {
    "paused and resumed inside March, done": (
        {
            "state": "result_ready",
            "received_at": at(2031, 3, 5, 9),
            "finished_at": at(2031, 3, 12, 9),
            "ended_at": at(2031, 3, 12, 9),
            "pauses": [_pause(at(2031, 3, 6, 9), at(2031, 3, 8, 9))],
        },
        {2031_03},
    ),
    "paused in February only": (
        {
            "state": "in_processing",
            "received_at": at(2031, 2, 2, 9),
            "pauses": [_pause(at(2031, 2, 3, 9), at(2031, 2, 20, 9))],
        },
        {2031_02},
    ),
    "paused since 30 March, still waiting": (
        {
            "state": "supplement_requested",
            "submitted_at": at(2031, 3, 29, 9),
            "paused_since": at(2031, 3, 30, 9),
            "pauses": [_pause(at(2031, 3, 30, 9))],
        },
        {2031_03, 2031_04},
    ),
    "paused 30 March to 2 April, twice": (
        {
            "state": "in_processing",
            "received_at": at(2031, 3, 2, 9),
            "pauses": [
                _pause(at(2031, 3, 3, 9), at(2031, 3, 4, 9)),
                _pause(at(2031, 3, 30, 9), at(2031, 4, 2, 9)),
            ],
        },
        {2031_03, 2031_04},
    ),
}


@pytest.mark.parametrize("month", [2, 3, 4])
def test_paused_counts_every_pause_of_the_period(demo_localities, db, month):
    tu_ky = demo_localities["tu_ky"]
    seed.write(tu_ky, make_user(), [seed.Case(n, set(), f) for n, (f, _m) in CASES.items()])
    table = selectors.unit_table(tu_ky, periods.month(2031, month), now=at(2031, 5, 1, 9))
    assert table.paused == sum(1 for _f, months in CASES.values() if 2031_00 + month in months)
