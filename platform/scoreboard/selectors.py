"""Counting the national dossier index for statistics: the one place where these queries live.

Every figure is read from `DossierIndexEntry` (public schema), never from a locality's schema, so a
province's communes and the national root's provinces are one grouped statement each:

    unit_table(locality, period, now=now)                  # DeskTable of one unit
    procedure_tables(locality, period, now=now)            # {procedure_code: DeskTable}
    unit_tables(localities, period, now=now)               # {locality_id: DeskTable}, one query
    province_ranking(province, period, now=now)            # its units, best on-time share first
    national_ranking(period, now=now)                      # provinces (each the sum of its units)
    dossiers_behind(locality, period, column, now=now)     # the rows behind one number

The conditions of each column are `column_conditions(period, now)`: the on-time rule's ends,
supplements and cut at the end of the period are written once, here.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Func,
    JSONField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Extract

from tenants.choices import Dataset, Level
from tenants.models import Locality
from workflows.national_status import Channel
from workflows.public_index.models import DossierIndexEntry
from workflows.public_index.services import utc_text
from workflows.states import DossierState
from workflows.timing import Timeliness

from .indicators import DeskTable
from .periods import Period

#: "Sắp đến hạn": still in processing and due within this time after the end of the period.
NEAR_DUE = datetime.timedelta(days=1)
#: A rating at or below this is a "dislike" for the satisfaction indicator.
NEGATIVE_RATING = 2


def countable() -> QuerySet[DossierIndexEntry]:
    """The index rows statistics count: `counted()` leaves out a liên thông child (the copy
    another unit processes for the origin); the origin's row stands for the dossier."""
    return DossierIndexEntry.counted()


class _PauseOverlaps(Func):
    """True when one of the row's `pauses` overlaps [start, cut): began before the cut and was
    not resumed by the start (jsonb_path_exists over fixed-width UTC texts; strict: the
    lax mode would unwrap each [paused, resumed] pair)."""

    function = "jsonb_path_exists"
    output_field = BooleanField()

    def __init__(self, start: datetime.datetime, cut: datetime.datetime) -> None:
        bounds = {"start": utc_text(start), "cut": utc_text(cut)}
        super().__init__(
            F("pauses"),
            Value("strict $[*] ? (@[0] < $cut && (@[1] == null || @[1] > $start))"),
            Value(bounds, output_field=JSONField()),
        )


def paused_between(start: datetime.datetime, cut: datetime.datetime) -> Q:
    """Waiting for a supplement at some moment of [start, cut): a pause recorded in the row's
    `pauses`, or (rows indexed before they were kept) the open pause the row names."""
    return Q(_PauseOverlaps(start, cut)) | Q(
        state=DossierState.SUPPLEMENT_REQUESTED, paused_since__lt=cut
    )


def column_conditions(period: Period, now: datetime.datetime) -> dict[str, Q]:
    """The condition of every counted column for `period`, read at `period.cut(now)`."""
    start, cut = period.start, period.cut(now)
    received = Q(received_at__isnull=False, received_at__lt=cut)
    open_at_start = Q(ended_at__isnull=True) | Q(ended_at__gte=start)
    open_at_cut = received & (Q(ended_at__isnull=True) | Q(ended_at__gte=cut))
    rated_late = Q(supplement_rounds__gt=1) | Q(timeliness=Timeliness.LATE)
    finished = received & Q(finished_at__gte=start, finished_at__lt=cut)
    refused = finished & Q(state=DossierState.REFUSED)
    done = finished & ~Q(state=DossierState.REFUSED)
    processing_late = open_at_cut & (Q(appointment_at__lt=cut) | Q(supplement_rounds__gt=1))
    not_late = open_at_cut & ~processing_late
    near_due = not_late & Q(appointment_at__lt=cut + NEAR_DUE)
    received_in_period = received & Q(received_at__gte=start)
    return {
        "received": received_in_period,
        "carried_over": received & Q(received_at__lt=start) & open_at_start,
        "done_early": done & ~rated_late & Q(timeliness=Timeliness.EARLY),
        "done_on_time": done & ~rated_late & ~Q(timeliness=Timeliness.EARLY),
        "done_late": done & rated_late,
        "refused": refused,
        "refused_late": refused & rated_late,
        "withdrawn": received
        & Q(state=DossierState.WITHDRAWN, ended_at__gte=start, ended_at__lt=cut),
        "processing_late": processing_late,
        "processing_near_due": near_due,
        "processing_not_due": not_late & ~Q(appointment_at__lt=cut + NEAR_DUE),
        "not_collected": received
        & Q(finished_at__lt=cut)
        & ~Q(state=DossierState.REFUSED)
        & (Q(returned_at__isnull=True) | Q(returned_at__gte=cut)),
        "paused": paused_between(start, cut),
        "online_received": received_in_period & Q(channel=Channel.ONLINE),
        "with_fee": received_in_period & Q(fee__gt=0),
        "paid_online": received_in_period & Q(fee__gt=0, paid_online=True),
        # Before "electronic_result": a condition naming a field after which an earlier
        # column is named would read that column's count, not the field.
        "digitised": done & Q(electronic_result=True, digitised_components=True),
        "electronic_result": done & Q(electronic_result=True),
        "reused_digitised": received_in_period & Q(reused_digitised=True),
        "negative_rating": (done | refused | open_at_cut) & Q(rating__lte=NEGATIVE_RATING),
        "_done": done,
    }


def _relevant(period: Period, now: datetime.datetime) -> Q:
    """A short superset of the rows any column counts (what the statement reads): open at some
    moment of the period, waiting to be collected at its end, or waiting for a supplement."""
    start, cut = period.start, period.cut(now)
    return (
        Q(received_at__lt=cut) & (Q(ended_at__isnull=True) | Q(ended_at__gte=start))
        | Q(finished_at__lt=cut) & (Q(returned_at__isnull=True) | Q(returned_at__gte=cut))
        | paused_between(start, cut)
    )


def _aggregates(conditions: dict[str, Q]) -> dict:
    duration = ExpressionWrapper(F("finished_at") - F("received_at"), output_field=DurationField())
    counts: dict = {
        name: Count("pk", filter=condition)
        for name, condition in conditions.items()
        if not name.startswith("_")
    }
    counts["processing_hours"] = Sum(Extract(duration, "epoch") / 3600, filter=conditions["_done"])
    return counts


def _table(values: dict) -> DeskTable:
    values = dict(values)
    values["processing_hours"] = Decimal(str(values.get("processing_hours") or 0))
    return DeskTable.from_counts(values)


def grouped_tables(
    rows: QuerySet[DossierIndexEntry], period: Period, *, by: str, now: datetime.datetime
) -> dict:
    """{value of `by`: DeskTable} for the rows, in one statement."""
    conditions = column_conditions(period, now)
    found = rows.filter(_relevant(period, now)).values(by).annotate(**_aggregates(conditions))
    return {values.pop(by): _table(values) for values in found}


def unit_tables(localities, period: Period, *, now: datetime.datetime) -> dict[int, DeskTable]:
    ids = [getattr(locality, "pk", locality) for locality in localities]
    return grouped_tables(
        countable().filter(locality_id__in=ids), period, by="locality_id", now=now
    )


def unit_table(locality: Locality, period: Period, *, now: datetime.datetime) -> DeskTable:
    return unit_tables([locality], period, now=now).get(locality.pk, DeskTable())


def procedure_tables(
    locality: Locality, period: Period, *, now: datetime.datetime
) -> dict[str, DeskTable]:
    rows = countable().filter(locality=locality)
    return dict(sorted(grouped_tables(rows, period, by="procedure_code", now=now).items()))


def descendants(locality: Locality) -> list[Locality]:
    """Every unit below `locality` (communes, and districts on the three-level map)."""
    found: list[Locality] = []
    level = [locality]
    while level:
        level = list(Locality.objects.filter(parent__in=level).order_by("name"))
        found.extend(level)
    return found


def _ranked(rows: list) -> list:
    """Best on-time share first; units without dossiers last, by name."""
    return sorted(
        rows,
        key=lambda r: (r[1].on_time_share is None, -(r[1].on_time_share or 0), r[0].name),
    )


def province_ranking(
    province: Locality, period: Period, *, now: datetime.datetime
) -> tuple[DeskTable, DeskTable, list[tuple[Locality, DeskTable]]]:
    """(the province's own table, the province in total, its units ranked) in one statement."""
    units = descendants(province)
    tables = unit_tables([province, *units], period, now=now)
    own = tables.get(province.pk, DeskTable())
    ranked = _ranked([(unit, tables.get(unit.pk, DeskTable())) for unit in units])
    total = sum((table for _unit, table in ranked), own)
    return own, total, ranked


#: The province of an index row's unit, on either map: the unit itself, its parent (a commune
#: since 2025, a district before) or its grandparent (a commune of the three-level map).
PROVINCE_OF_ROW = Case(
    When(locality__level=Level.PROVINCE, then=F("locality_id")),
    When(locality__parent__level=Level.PROVINCE, then=F("locality__parent_id")),
    default=F("locality__parent__parent_id"),
)


def national_ranking(
    period: Period, *, now: datetime.datetime, dataset: str = Dataset.CURRENT
) -> tuple[DeskTable, list[tuple[Locality, DeskTable]]]:
    """(the country in total, its provinces ranked): one statement grouped by province over the
    index, so each province is the sum of its units by construction."""
    rows = countable().filter(locality__dataset=dataset).annotate(province_id=PROVINCE_OF_ROW)
    sums = grouped_tables(rows, period, by="province_id", now=now)
    provinces = Locality.objects.filter(dataset=dataset, level=Level.PROVINCE)
    ranked = _ranked([(p, sums.get(p.pk, DeskTable())) for p in provinces])
    return sum((t for _p, t in ranked), DeskTable()), ranked


def _days(duration: datetime.timedelta) -> Decimal:
    return (Decimal(duration.total_seconds()) / Decimal(86400)).quantize(Decimal("0.1"))


def dossiers_behind(
    locality: Locality, period: Period, column: str, *, now: datetime.datetime, limit: int = 500
) -> list[DossierIndexEntry]:
    """The index rows counted in one column of a unit's table (no personal data in them), each
    with `delay_days`: how many calendar days past the appointment it finished, or is still
    open at the period's end (None when not late)."""
    condition = column_conditions(period, now)[column]
    rows = list(
        countable()
        .filter(locality=locality)
        .filter(condition)
        .order_by("received_at", "code")[:limit]
    )
    cut = period.cut(now)
    for row in rows:
        end = row.finished_at if row.finished_at and row.finished_at < cut else cut
        due = row.appointment_at
        row.delay_days = (  # type: ignore[attr-defined]
            _days(end - due) if due is not None and end > due else None
        )
    return rows


def officer_tables(
    locality: Locality,
    period: Period,
    *,
    now: datetime.datetime,
    officer_id: int | None = None,
) -> dict[int, tuple[DeskTable, int]]:
    """{officer id: (their desk table, late steps)} for a unit's dossiers, by the officer the
    index row names (`assignee`: the assignment in force, the last one once the result is out);
    `officer_id` keeps one officer's row. Late steps: of the dossiers finished in the period or
    open at its end. Two grouped statements."""
    rows = countable().filter(locality=locality, assignee__isnull=False)
    if officer_id is not None:
        rows = rows.filter(assignee_id=officer_id)
    tables = grouped_tables(rows, period, by="assignee_id", now=now)
    conditions = column_conditions(period, now)
    counted = conditions["_done"] | conditions["refused"]
    for name in ("processing_late", "processing_near_due", "processing_not_due"):
        counted |= conditions[name]
    late = dict(
        rows.filter(counted)
        .values("assignee_id")
        .annotate(steps=Sum("late_steps"))
        .values_list("assignee_id", "steps")
    )
    return {key: (table, late.get(key) or 0) for key, table in tables.items()}
