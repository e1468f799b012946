"""Every figure of the desk's table and of Decision 766's groups equals a count made here by hand
from a month of dossiers with known outcomes (seed.py); roll-ups equal the sum of their units."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

import pytest

from identity.tests.factories import make_user
from workflows.tests.helpers import at

from .. import periods, selectors
from ..indicators import COLUMNS, Catalogue, DeskTable, score_groups
from . import seed

COUNTED = [f.name for f in fields(DeskTable) if f.name != "processing_hours"]


@pytest.fixture
def applicant(db):
    return make_user()


@pytest.fixture
def seeded(demo_localities, applicant):
    seed.write(demo_localities["tu_ky"], applicant)
    return demo_localities


def test_every_column_of_the_unit_table_equals_the_hand_count(seeded):
    table = selectors.unit_table(seeded["tu_ky"], seed.PERIOD, now=seed.NOW)
    for column in COUNTED:
        assert getattr(table, column) == seed.expected(column), column
    # what is to process is what ended plus what is still open
    assert table.to_process == table.done + table.refused + table.withdrawn + table.in_processing
    assert table.handled == seed.HANDLED and table.late == seed.LATE
    assert table.on_time_share == Decimal("70.0")


def test_the_766_groups_from_the_same_counts(seeded):
    table = selectors.unit_table(seeded["tu_ky"], seed.PERIOD, now=seed.NOW)
    groups = {g.code: g for g in score_groups(table, Catalogue(procedures=4, online=4, complete=3))}
    (on_time,) = groups["on_time"].indicators
    assert (on_time.part, on_time.whole, on_time.points) == (7, 10, Decimal("14.00"))
    online_procedures, online_dossiers, paid = groups["online"].indicators
    received = seed.expected("received")
    assert (online_dossiers.part, online_dossiers.whole) == (
        seed.expected("online_received"),
        received,
    )
    assert online_dossiers.points == online_dossiers.max_points  # 8 of 10 ≥ 50 %: full marks
    assert (paid.part, paid.whole, paid.points) == (0, 2, Decimal("0.00"))
    digital, digitised, reused = groups["digitisation"].indicators
    done = sum(seed.expected(c) for c in ("done_early", "done_on_time", "done_late"))
    assert (digital.part, digital.whole) == (seed.expected("electronic_result"), done)
    assert digital.points == Decimal("5.50")  # 60 % of an 80 % threshold: 3/4 of 22/3
    # done with digitised components and an electronic result: 3 of the 5 done
    assert (digitised.part, digitised.whole) == (seed.expected("digitised"), done) == (3, 5)
    assert digitised.points == Decimal("5.50")
    # received with a digitised paper reused: 1 of the 10 received, 10 % of 80 %: 1/8 of 7.33
    assert (reused.part, reused.whole) == (seed.expected("reused_digitised"), received) == (1, 10)
    assert reused.points == Decimal("0.92")
    # the group: (5.50 + 5.50 + 0.92) of 3 × 7.33, scaled to 22: 11.92 × 22 / 21.99 = 11.925…
    assert groups["digitisation"].points == Decimal("11.93")
    (satisfaction,) = groups["satisfaction"].indicators
    # 100 % − (3 late + 1 "very unsatisfied") / 10 = 60 %; full marks at 90 %: 18 × 60/90
    assert satisfaction.value == Decimal("60.0") and satisfaction.points == Decimal("12.00")
    (publicity,) = groups["publicity"].indicators
    assert publicity.points == Decimal("13.50")


def test_the_period_end_is_now_while_the_period_runs(seeded):
    """Read on 26/03/2031 12:00: nothing finished later counts, the late one is not late yet."""
    table = selectors.unit_table(seeded["tu_ky"], seed.PERIOD, now=at(2031, 3, 26, 12, 0))
    assert table.processing_late == 1  # due 25/03, still open
    assert table.received == 8  # the two received on 28/03 and 31/03 are not yet
    assert table.done_late == 2 and table.done == 5


def test_per_procedure_rows_add_up_to_the_unit(seeded, applicant):
    seed.write(seeded["tu_ky"], applicant, seed.CASES[:5], procedure_code="1.001193")
    by_procedure = selectors.procedure_tables(seeded["tu_ky"], seed.PERIOD, now=seed.NOW)
    assert set(by_procedure) == {"1.001193", "2.000635"}
    unit = selectors.unit_table(seeded["tu_ky"], seed.PERIOD, now=seed.NOW)
    assert by_procedure["1.001193"] + by_procedure["2.000635"] == unit
    assert by_procedure["1.001193"].received == seed.expected("received", seed.CASES[:5])


def test_province_and_national_rollups_are_the_sums_of_their_units(seeded, applicant):
    hai_phong, gia_lai = seeded["hai_phong"], seeded["gia_lai"]
    seed.write(hai_phong, applicant, seed.CASES[:4])  # the province's own desk
    seed.write(seeded["chu_puh"], applicant, seed.CASES[2:9])
    own, total, ranked = selectors.province_ranking(hai_phong, seed.PERIOD, now=seed.NOW)
    tu_ky = dict((u.pk, t) for u, t in ranked)[seeded["tu_ky"].pk]
    assert tu_ky == selectors.unit_table(seeded["tu_ky"], seed.PERIOD, now=seed.NOW)
    assert own.received == seed.expected("received", seed.CASES[:4])
    assert total == sum((t for _u, t in ranked), own)
    assert total.received == own.received + tu_ky.received
    country, provinces = selectors.national_ranking(seed.PERIOD, now=seed.NOW)
    by_province = {p.pk: t for p, t in provinces}
    assert by_province[hai_phong.pk] == total
    assert by_province[gia_lai.pk].received == seed.expected("received", seed.CASES[2:9])
    assert country == sum(by_province.values(), DeskTable())


def test_the_dossiers_behind_a_number_are_the_ones_counted(seeded):
    for column in ("done_late", "processing_near_due", "not_collected"):
        rows = selectors.dossiers_behind(seeded["tu_ky"], seed.PERIOD, column, now=seed.NOW)
        assert len(rows) == seed.expected(column), column


def test_every_page_column_has_a_label_and_a_value():
    table = DeskTable(received=1)
    assert len(table.row()) == len(COLUMNS)


@pytest.mark.parametrize(
    ("query", "label", "start", "end"),
    [
        (
            {"ky": "thang", "nam": "2031", "so": "2"},
            "Tháng 02/2031",
            at(2031, 2, 1),
            at(2031, 3, 1),
        ),
        ({"ky": "quy", "nam": "2031", "so": "4"}, "Quý IV/2031", at(2031, 10, 1), at(2032, 1, 1)),
        ({"ky": "6thang", "nam": "2031"}, "6 tháng năm 2031", at(2031, 1, 1), at(2031, 7, 1)),
        ({"ky": "9thang", "nam": "2031"}, "9 tháng năm 2031", at(2031, 1, 1), at(2031, 10, 1)),
        ({"ky": "nam", "nam": "2031"}, "Năm 2031", at(2031, 1, 1), at(2032, 1, 1)),
        (
            {"ky": "khoang", "tu": "02/03/2031", "den": "08/03/2031"},
            "Từ 02/03/2031 đến 08/03/2031",
            at(2031, 3, 2),
            at(2031, 3, 9),
        ),
    ],
)
def test_periods(query, label, start, end):
    period = periods.period_from_query(query, today=at(2031, 5, 5).date())
    assert (period.label, period.start, period.end) == (label, start, end)


def test_a_bad_period_names_the_field():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as bad:
        periods.period_from_query({"ky": "thang", "so": "13"}, today=at(2031, 5, 5).date())
    assert "so" in bad.value.message_dict
    with pytest.raises(ValidationError) as bad:
        periods.period_from_query(
            {"ky": "khoang", "tu": "31/02/2031", "den": "x"}, today=at(2031, 5, 5).date()
        )
    assert "tu" in bad.value.message_dict


def test_the_job_keeps_the_national_figures_and_the_page_says_when(seeded, applicant):
    from django.core.cache import cache

    from ..services import national_figures, national_figures_refresh
    from ..tasks import refresh_national

    cache.clear()
    counted = national_figures_refresh(now=at(2031, 3, 20, 9, 0))
    assert seed.PERIOD in counted and len(counted) == 6
    first = national_figures(seed.PERIOD, now=at(2031, 3, 20, 9, 5))
    assert first.counted_at == at(2031, 3, 20, 9, 0)
    seed.write(seeded["tu_ky"], applicant, seed.CASES[:3])  # more dossiers after the count
    assert national_figures(seed.PERIOD, now=at(2031, 3, 20, 9, 6)) == first
    cache.clear()
    assert refresh_national() == 6  # on today's clock: other periods, counted live on a miss
    again = national_figures(seed.PERIOD, now=seed.NOW)
    assert again.counted_at == seed.NOW
    assert again.total == selectors.national_ranking(seed.PERIOD, now=seed.NOW)[0]
    assert again.total.received == seed.expected("received") + seed.expected(
        "received", seed.CASES[:3]
    )
    cache.clear()
