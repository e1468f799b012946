"""The national figures, kept by a batched job: the one write of this app (to the cache).

A unit's or a province's table is counted live (tens of milliseconds over 1,000,000 index rows,
docs/performance.md), so it is always exact. The nation's table of provinces reads every row of
the period (about three seconds for a year over 1,000,000 rows on a small machine), so the job
`scoreboard.refresh_national` (Celery beat, every `NATIONAL_REFRESH_SECONDS`) counts it for the
periods people open (this and last month, this quarter, 6 and 9 months, this year) and keeps it
in the cache; the page reads that, says when it was counted, and counts live on a miss (another
period, an empty cache).

    national_figures(period, now=now)        # (total, ranked, counted_at), cached or counted
    national_figures_refresh(now=now)        # what the job runs; returns the periods counted
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache

from tenants.choices import Dataset
from tenants.models import Locality
from workflows.calendar import to_local

from . import periods
from .indicators import DeskTable
from .selectors import national_ranking

NATIONAL_REFRESH_SECONDS = 600
#: Kept a little longer than the job's interval, so a late run never leaves the page empty.
NATIONAL_CACHE_SECONDS = 2 * NATIONAL_REFRESH_SECONDS


@dataclass(frozen=True)
class NationalFigures:
    total: DeskTable
    ranked: list[tuple[Locality, DeskTable]]
    counted_at: datetime.datetime


def _key(period: periods.Period, dataset: str) -> str:
    return f"scoreboard:national:{dataset}:{period.start.isoformat()}:{period.end.isoformat()}"


def _count(period: periods.Period, *, now: datetime.datetime, dataset: str) -> NationalFigures:
    total, ranked = national_ranking(period, now=now, dataset=dataset)
    stored = (total, [(unit.pk, table) for unit, table in ranked], now)
    cache.set(_key(period, dataset), stored, NATIONAL_CACHE_SECONDS)
    return NationalFigures(total, ranked, now)


def national_figures(
    period: periods.Period, *, now: datetime.datetime, dataset: str = Dataset.CURRENT
) -> NationalFigures:
    """The nation's table for `period`: as the job last counted it, else counted now."""
    stored = cache.get(_key(period, dataset))
    if stored is None:
        return _count(period, now=now, dataset=dataset)
    total, ranked_pks, counted_at = stored
    units = Locality.objects.in_bulk([pk for pk, _table in ranked_pks])
    ranked = [(units[pk], table) for pk, table in ranked_pks if pk in units]
    return NationalFigures(total, ranked, counted_at)


def standard_periods(today: datetime.date) -> list[periods.Period]:
    """The periods the job keeps counted: this and last month, this quarter, the 6 and 9 months
    and the year to which today belongs."""
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).month
    last_month_year = today.year if today.month > 1 else today.year - 1
    return [
        periods.month(today.year, today.month),
        periods.month(last_month_year, last_month),
        periods.quarter(today.year, (today.month - 1) // 3 + 1),
        periods.months(today.year, 6),
        periods.months(today.year, 9),
        periods.year_period(today.year),
    ]


def national_figures_refresh(
    *, now: datetime.datetime, dataset: str = Dataset.CURRENT
) -> list[periods.Period]:
    counted = standard_periods(to_local(now).date())
    for period in counted:
        _count(period, now=now, dataset=dataset)
    return counted
