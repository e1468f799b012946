"""The inbox's pure pieces: which states each role acts on (read from the workflows), the
name folding done in SQL against `tenants.text.fold`, and the "time left" column."""

from __future__ import annotations

import unicodedata

import pytest
from django.db import connection

from tenants.text import fold
from workflows.inbox.folding import Folded
from workflows.inbox.query import TimeLeft, due_soon_limit, time_left
from workflows.inbox.roles import assignable_states, states_by_role
from workflows.models import DeskSettings, Dossier
from workflows.tests.helpers import at

NAMES = [
    "Nguyễn Văn An",
    "ĐỖ THỊ HOÀ",
    "Đỗ Thị Hòa",
    "  Trần   Quốc   Toản ",
    "Lê Thị Ngọc Ánh",
    "Phạm Thị Thuỷ Tiên",
    "Huỳnh Ỷ Lan",
    unicodedata.normalize("NFD", "Vũ Thị Lụa"),  # decomposed, as some keyboards send it
    "Rơ Chăm Hiền",
    "",
]


def test_each_role_acts_on_the_states_the_transitions_say():
    table = states_by_role()
    assert table["receiving_officer"] == {"submitted", "received"}
    assert table["leader"] == {"awaiting_approval"}  # refusing is no inbox work
    assert table["returning_officer"] == {"result_ready"}
    # The specialist's states include a plugin's own (land change's field inspection).
    assert {"in_processing", "transferred", "field_inspection"} <= table["specialist"]
    assert "received" in assignable_states("specialist")
    assert "submitted" not in assignable_states("specialist")


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_names_fold_in_sql_exactly_as_in_python(name):
    with connection.cursor() as cursor:
        sql, params = Folded(_Literal(name)).as_sql(_Compiler(), connection)
        cursor.execute(f"SELECT {sql}", params)
        (folded,) = cursor.fetchone()
    assert folded == fold(name)


class _Literal:
    """A bound text parameter, as an expression Folded can wrap."""

    def __init__(self, text: str) -> None:
        self.text = text

    def resolve_expression(self, *args, **kwargs):
        return self

    def as_sql(self, compiler, connection):
        return "%s::text", [self.text]


class _Compiler:
    def compile(self, node):
        return node.as_sql(self, connection)


@pytest.mark.parametrize(
    ("now", "due", "expected"),
    [
        # Wednesday 09:00; one working day of working time ends Thursday 09:00.
        (at(2026, 7, 22, 9, 0), at(2026, 7, 22, 17, 0), TimeLeft("6 giờ làm việc", "soon")),
        (at(2026, 7, 22, 9, 0), at(2026, 7, 22, 11, 0), TimeLeft("2 giờ làm việc", "soon")),
        (at(2026, 7, 22, 9, 0), at(2026, 7, 23, 17, 0), TimeLeft("1 ngày làm việc", "")),
        # 6 h today + 3 full days + Tuesday = 4 days 6 h: whole working days, rounded down.
        (at(2026, 7, 22, 9, 0), at(2026, 7, 28, 17, 0), TimeLeft("4 ngày làm việc", "")),
        # Friday 16:00, due Monday 08:30: the weekend does not count (1 h + 1 h).
        (at(2026, 7, 24, 16, 0), at(2026, 7, 27, 8, 30), TimeLeft("2 giờ làm việc", "soon")),
        (
            at(2026, 7, 22, 9, 0),
            at(2026, 7, 21, 17, 0),
            TimeLeft("Quá hạn 1 ngày làm việc", "overdue"),
        ),
        (
            at(2026, 7, 22, 9, 0),
            at(2026, 7, 17, 17, 0),
            TimeLeft("Quá hạn 3 ngày làm việc", "overdue"),
        ),
    ],
)
def test_time_left_in_working_days_or_hours(now, due, expected):
    settings = DeskSettings()
    dossier = Dossier(state="in_processing", appointment_at=due)
    limit = due_soon_limit(now, settings)
    assert time_left(dossier=dossier, now=now, desk_settings=settings, soon_limit=limit) == expected


def test_a_finished_dossier_has_no_time_left():
    settings = DeskSettings()
    now = at(2026, 7, 22, 9, 0)
    dossier = Dossier(state="returned", appointment_at=at(2026, 7, 1, 17, 0))
    limit = due_soon_limit(now, settings)
    assert time_left(dossier=dossier, now=now, desk_settings=settings, soon_limit=limit).tone == ""
