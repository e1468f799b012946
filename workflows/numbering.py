"""Dossier codes (mã hồ sơ / mã số biên nhận): `<unit identifier>-<yymmdd>-<running number>`.

Example: the first dossier received by unit `H23.14` on 16 June 2022 is `H23.14-220616-0001`.
The date is the receiving day in Vietnam's time zone; the running number restarts every day,
month or year as the locality's `DeskSettings.code_period` says, and is zero-padded to
`code_digits` (a number that outgrows the padding simply gets longer: `...-10000`).

Uniqueness across processes and servers comes from PostgreSQL, never from an in-process lock: one
`INSERT ... ON CONFLICT (period) DO UPDATE SET value = value + 1 RETURNING value` statement takes
the counter row's lock, so concurrent allocations queue on that row and each one gets the next
number. The lock is held until the caller's transaction ends, and a rolled back transaction gives
its number back: codes stay gap-free. Allocate the code late in the submission's transaction so the
row stays locked for as short a time as possible.
"""

from __future__ import annotations

import datetime

from django.db import connection

from tenants.choices import Level
from tenants.context import on_national_root, require_locality
from tenants.models import Locality

from . import clock
from .calendar import to_local
from .models import CodePeriod, DeskSettings, DossierCodeCounter

__all__ = [
    "default_unit_identifier",
    "example_dossier_code",
    "format_dossier_code",
    "next_dossier_code",
    "period_key",
]


def format_dossier_code(*, unit: str, day: datetime.date, number: int, digits: int) -> str:
    """`format_dossier_code(unit="11074", day=date(2026, 12, 2), number=3, digits=4)` →
    `11074-261202-0003`."""
    return f"{unit}-{day:%y%m%d}-{number:0{digits}d}"


def example_dossier_code(*, day: datetime.date | None = None) -> str:
    """What a code of the connection's locality looks like, for the lookup's placeholder and
    messages: its first code of `day` (today in Vietnam by default), from its desk settings.

    In Xã Tứ Kỳ (code 11074, default settings) on 2 December 2026: `11074-261202-0001`. On the
    national root, which receives no dossiers, the same for a real commune (the first by code).
    """
    day = day or to_local(clock.now()).date()
    if on_national_root():
        commune = Locality.objects.filter(level=Level.COMMUNE).order_by("code").first()
        unit = commune.code if commune is not None else "11074"
        return format_dossier_code(unit=unit, day=day, number=1, digits=DeskSettings().code_digits)
    settings = DeskSettings.for_current_locality()
    unit = settings.unit_identifier or default_unit_identifier()
    return format_dossier_code(unit=unit, day=day, number=1, digits=settings.code_digits)


def period_key(*, day: datetime.date, code_period: str) -> str:
    """The counter row of a numbering period: `day:2022-06-16`, `month:2022-06` or `year:2022`."""
    if code_period == CodePeriod.DAILY:
        return f"day:{day:%Y-%m-%d}"
    if code_period == CodePeriod.MONTHLY:
        return f"month:{day:%Y-%m}"
    if code_period == CodePeriod.YEARLY:
        return f"year:{day:%Y}"
    raise ValueError(f"Unknown dossier code period {code_period!r}")


def default_unit_identifier() -> str:
    """The identifier used when the desk settings leave it blank: the locality's official code.

    Example: in Xã Tứ Kỳ's schema (code 11074) codes read `11074-260616-0001`.
    """
    return require_locality().code


# One statement, so PostgreSQL serialises it on the counter row. The sub-select looks at the other
# periods' counters that handed out numbers on the same day: if a locality switches from daily to
# monthly numbering at noon, the monthly counter continues above the morning's numbers instead of
# repeating `...-0001` with the same date. In steady state those rows do not exist (NULL), and
# GREATEST ignores NULLs, so the statement is plain "value + 1".
_ALLOCATE_SQL = """
INSERT INTO {table} AS counter (period, value, issued_on)
VALUES (
    %(period)s,
    COALESCE((SELECT max(other.value) FROM {table} AS other
              WHERE other.period = ANY(%(siblings)s) AND other.issued_on = %(day)s), 0) + 1,
    %(day)s
)
ON CONFLICT (period) DO UPDATE SET
    value = GREATEST(
        counter.value,
        (SELECT max(other.value) FROM {table} AS other
         WHERE other.period = ANY(%(siblings)s) AND other.issued_on = %(day)s)
    ) + 1,
    issued_on = GREATEST(counter.issued_on, EXCLUDED.issued_on)
RETURNING value
"""


def next_dossier_code(*, at: datetime.datetime, settings: DeskSettings | None = None) -> str:
    """Allocate the next dossier code of the connection's locality for a dossier received `at`.

    `at` must be timezone-aware; its date in Asia/Ho_Chi_Minh is the code's `yymmdd`. `settings`
    defaults to the locality's `DeskSettings` (or the defaults when it has no row).

    Example, in a locality whose desk settings say `H23.14`, daily numbering, 4 digits::

        >>> next_dossier_code(at=datetime(2022, 6, 16, 2, 0, tzinfo=UTC))   # 09:00 in Hà Nội
        'H23.14-220616-0001'
        >>> next_dossier_code(at=datetime(2022, 6, 16, 2, 5, tzinfo=UTC))
        'H23.14-220616-0002'

    Runs in the caller's transaction (the number is given back if it rolls back); outside one,
    the statement commits on its own.
    """
    settings = settings if settings is not None else DeskSettings.for_current_locality()
    day = to_local(at).date()
    period = period_key(day=day, code_period=settings.code_period)
    siblings = [
        key
        for key in (period_key(day=day, code_period=choice) for choice in CodePeriod.values)
        if key != period
    ]
    table = connection.ops.quote_name(DossierCodeCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            _ALLOCATE_SQL.format(table=table),
            {"period": period, "siblings": siblings, "day": day},
        )
        (value,) = cursor.fetchone()
    unit = settings.unit_identifier or default_unit_identifier()
    return format_dossier_code(unit=unit, day=day, number=value, digits=settings.code_digits)
