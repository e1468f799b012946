"""Rebuild the national dossier index from the locality schemas, while the portal serves.

    report = rebuild(batch_size=500, dry_run=False, on_difference=print)

Each locality schema is read in batches ordered by primary key, without locks; each row of a
batch is compared with what `services.entry_values` says it should be. Only the dossiers whose
row is missing or differs are then locked (`SELECT … FOR UPDATE`, the same lock every dossier
service takes), re-read and written, in one short transaction per batch: a service acting on one
of them at that moment waits a few milliseconds, or the rebuild waits for it and writes what it
committed. Rows whose dossier no longer exists in their locality (a deleted draft) are removed
after the same re-check. Nothing is locked for longer than one batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q
from django_tenants.utils import schema_context

from tenants.models import Locality

from .. import clock
from ..models import Dossier
from .models import DossierIndexEntry
from .services import DERIVED_FIELDS, entry_values, upsert

MISSING = "missing"
DIFFERS = "differs"
ORPHAN = "orphan"


@dataclass(frozen=True)
class Difference:
    kind: str  # MISSING, DIFFERS or ORPHAN
    schema: str
    reference: str
    code: str
    fields: tuple[str, ...] = ()

    def __str__(self) -> str:
        label = self.code or self.reference
        if self.kind == MISSING:
            return f"{self.schema} {label}: thiếu dòng chỉ mục"
        if self.kind == ORPHAN:
            return f"{self.schema} {label}: dòng chỉ mục thừa (hồ sơ không còn)"
        return f"{self.schema} {label}: sai {', '.join(self.fields)}"


@dataclass
class RebuildReport:
    localities: int = 0
    dossiers: int = 0
    differences: list[Difference] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for d in self.differences if d.kind == kind)


def _schemas_with_dossiers() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = %s",
            ["workflows_dossier"],
        )
        return {row[0] for row in cursor.fetchall()}


def _id_numbers(user_ids: Iterable[int]) -> dict[int, str]:
    users = get_user_model().objects.filter(pk__in=set(user_ids))
    return dict(users.values_list("pk", "id_number"))


def _expected(dossiers: list[Any], locality: Locality) -> dict[Any, dict]:
    numbers = _id_numbers(d.applicant_id for d in dossiers)
    return {
        d.reference: entry_values(
            dossier=d, locality_id=locality.pk, applicant_id_number=numbers.get(d.applicant_id)
        )
        for d in dossiers
    }


def _compare(expected: dict, entry: DossierIndexEntry | None) -> tuple[str, ...] | None:
    """None when the row is right; () when it is missing; else the fields that differ."""
    if entry is None:
        return ()
    wrong = tuple(name for name in DERIVED_FIELDS if getattr(entry, name) != expected[name])
    return wrong or None


def _repair(locality: Locality, references: list[Any]) -> None:
    """Lock the dossiers, read them again and write their rows, in one short transaction."""

    with transaction.atomic():
        dossiers = list(
            Dossier.objects.select_for_update().filter(reference__in=references).order_by("pk")
        )
        expected = _expected(dossiers, locality)
        upsert(list(expected.items()))


def _rebuild_locality(
    locality: Locality,
    *,
    batch_size: int,
    dry_run: bool,
    started: Any,
    report: RebuildReport,
    on_difference: Callable[[Difference], None],
) -> None:
    def found(difference: Difference) -> None:
        report.differences.append(difference)
        on_difference(difference)

    schema = locality.schema_name
    last_pk = 0
    while True:
        batch = list(Dossier.objects.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
        if not batch:
            break
        last_pk = batch[-1].pk
        report.dossiers += len(batch)
        expected = _expected(batch, locality)
        entries = DossierIndexEntry.objects.in_bulk(list(expected), field_name="reference")
        to_repair = []
        for dossier in batch:
            values = expected[dossier.reference]
            wrong = _compare(values, entries.get(dossier.reference))
            if wrong is None:
                continue
            kind = DIFFERS if wrong else MISSING
            found(Difference(kind, schema, str(dossier.reference), values["code"], wrong))
            to_repair.append(dossier.reference)
        if to_repair and not dry_run:
            _repair(locality, to_repair)

    # Rows of this locality whose dossier is gone; rows written after the run started are
    # left alone (a draft created meanwhile is not an orphan).
    last_pk = 0
    old = Q(indexed_at__isnull=True) | Q(indexed_at__lt=started)
    while True:
        rows = list(
            DossierIndexEntry.objects.filter(old, locality=locality, pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", "reference", "code")[:batch_size]
        )
        if not rows:
            break
        last_pk = rows[-1][0]
        references = [reference for _pk, reference, _code in rows]
        present = set(
            Dossier.objects.filter(reference__in=references).values_list("reference", flat=True)
        )
        gone = [(reference, code) for _pk, reference, code in rows if reference not in present]
        for reference, code in gone:
            found(Difference(ORPHAN, schema, str(reference), code))
        if gone and not dry_run:
            with transaction.atomic():
                locked = set(
                    DossierIndexEntry.objects.select_for_update()
                    .filter(reference__in=[reference for reference, _code in gone])
                    .values_list("reference", flat=True)
                )
                alive = set(
                    Dossier.objects.filter(reference__in=locked).values_list("reference", flat=True)
                )
                DossierIndexEntry.objects.filter(reference__in=locked - alive).delete()


def rebuild(
    *,
    batch_size: int = 500,
    dry_run: bool = False,
    schemas: Iterable[str] | None = None,
    on_difference: Callable[[Difference], None] = lambda difference: None,
) -> RebuildReport:
    """Compare every locality's dossiers with their index rows and repair what differs."""
    report = RebuildReport()
    started = clock.now()
    with schema_context("public"):
        present = _schemas_with_dossiers()
        localities = Locality.objects.exclude(schema_name="public").order_by("pk")
        if schemas is not None:
            localities = localities.filter(schema_name__in=list(schemas))
        localities = [unit for unit in localities if unit.schema_name in present]
    for locality in localities:
        report.localities += 1
        with schema_context(locality.schema_name):
            _rebuild_locality(
                locality,
                batch_size=batch_size,
                dry_run=dry_run,
                started=started,
                report=report,
                on_difference=on_difference,
            )
    return report
