"""Creating many localities at once: validate a whole dataset, then build the missing ones.

`plan_provisioning(records, dataset=...)` checks every row before anything is created (a
malformed or duplicate row, an invalid host, a schema name PostgreSQL would refuse, a parent that
does not exist, a schema left behind by something else) and raises DatasetError naming each bad
row. `provision(plan, workers=2)` builds the missing localities parents first, each in its own
transaction (schema + row + host + setup hooks, see services.locality_build), on worker processes
that each hold one database connection. Interrupting it leaves only whole localities; running it
again creates the rest. Per-locality setup after the schema exists goes through
`settings.LOCALITY_SETUP_HOOKS` (see `tenants.setup_hooks`).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing import get_context

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils.translation import gettext as _

from .choices import Level
from .datasets import DatasetError, UnitRecord, levels_of
from .hosts import host_for, validate_label
from .models import Domain, Locality
from .schema_template import TEMPLATE_SCHEMA, TemplateSnapshot, template_snapshot
from .services import locality_build, schema_name_for
from .workers import die_with_parent, forget_inherited_connections

#: A worker closes its connection after this many localities: a PostgreSQL backend caches the
#: catalog entries of every relation it has touched, and each locality adds ~350 of them.
RECYCLE_CONNECTION_EVERY = 100


# --- plan ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedUnit:
    record: UnitRecord
    schema_name: str
    host: str


@dataclass
class Plan:
    dataset: str
    total: int  # units in the selection
    existing: int  # of those, already created
    waves: list[list[PlannedUnit]] = field(default_factory=list)  # one per level, parents first

    @property
    def missing(self) -> int:
        return sum(len(wave) for wave in self.waves)


def _first_error(error: ValidationError) -> str:
    return " ".join(error.messages)


def plan_provisioning(records: list[UnitRecord], *, dataset: str) -> Plan:  # noqa: C901 - the planning rules, in the order an administrator reads them
    """Check every record against each other and the database; what is left to create.

    Raises DatasetError listing every problem; nothing is created by this function.
    """
    problems: list[str] = []

    def problem(record: UnitRecord, message: str) -> None:
        label = record.label
        problems.append(f"{label[:1].upper()}{label[1:]}: {message}")

    existing_rows = {
        (row["dataset"], row["level"], row["code"]): row
        for row in Locality.objects.filter(dataset=dataset).values(
            "id", "dataset", "level", "code", "slug", "parent_id", "schema_name"
        )
    }
    existing_by_id = {row["id"]: row for row in existing_rows.values()}
    domain_owner = dict(Domain.objects.values_list("domain", "tenant__schema_name"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace")
        schemas = {row[0] for row in cursor.fetchall()}
    tenant_schemas = set(Locality.objects.values_list("schema_name", flat=True))

    by_key: dict[tuple, UnitRecord] = {}
    for record in records:
        if record.key in by_key:
            problem(record, _("trùng mã với %(other)s") % {"other": by_key[record.key].label})
        else:
            by_key[record.key] = record

    def labels(record: UnitRecord) -> list[str] | None:
        chain = [record.slug]
        parent_key = record.parent_key
        while parent_key is not None:
            if parent_key in by_key:
                parent = by_key[parent_key]
                chain.append(parent.slug)
                parent_key = parent.parent_key
            elif parent_key in existing_rows:
                row = existing_rows[parent_key]
                while row is not None and row["level"] != Level.NATIONAL:
                    chain.append(row["slug"])
                    row = existing_by_id.get(row["parent_id"])
                return chain
            else:
                return None
        return chain

    hosts: dict[str, UnitRecord] = {}
    plans: dict[str, list[PlannedUnit]] = {level: [] for level in levels_of(dataset)}
    existing = 0
    for record in by_key.values():
        if record.key in existing_rows:
            existing += 1
            continue
        if record.level not in plans:
            problem(record, _("cấp “%(level)s” không thuộc bộ dữ liệu này") % vars(record))
            continue
        try:
            validate_label(record.slug)
        except ValidationError as error:
            problem(record, _("tên miền con không hợp lệ: %s") % _first_error(error))
            continue
        try:
            schema_name = schema_name_for(dataset=dataset, level=record.level, code=record.code)
        except ValidationError as error:
            problem(record, _first_error(error))
            continue
        if schema_name in schemas and schema_name not in tenant_schemas:
            problem(
                record,
                _(
                    "schema “%(schema)s” đã có trong cơ sở dữ liệu nhưng không thuộc đơn vị "
                    "nào (còn sót lại từ việc khác?); xóa nó (DROP SCHEMA) rồi chạy lại."
                )
                % {"schema": schema_name},
            )
            continue
        if record.parent_key is not None and (
            record.parent_key not in by_key and record.parent_key not in existing_rows
        ):
            problem(
                record,
                _("không có đơn vị cấp trên mã %(code)s trong bộ dữ liệu hay cơ sở dữ liệu")
                % {"code": record.parent_code},
            )
            continue
        chain = labels(record)
        try:
            host = host_for(chain or [record.slug], dataset=dataset)
        except ValidationError as error:
            problem(record, _("tên miền không hợp lệ: %s") % _first_error(error))
            continue
        if host in hosts:
            problem(
                record,
                _("tên miền %(host)s trùng với %(other)s")
                % {"host": host, "other": hosts[host].label},
            )
            continue
        if host in domain_owner:
            problem(
                record,
                _("tên miền %(host)s đã thuộc schema %(schema)s")
                % {"host": host, "schema": domain_owner[host]},
            )
            continue
        hosts[host] = record
        plans[record.level].append(PlannedUnit(record, schema_name, host))
    if problems:
        raise DatasetError(problems)
    return Plan(
        dataset=dataset,
        total=len(by_key),
        existing=existing,
        waves=[plans[level] for level in levels_of(dataset) if plans[level]],
    )


# --- run -------------------------------------------------------------------------------------


class ProvisionError(RuntimeError):
    """A locality could not be built; those before it are complete, it and later ones absent."""

    def __init__(self, unit: PlannedUnit, detail: str, created: int):
        super().__init__(f"{unit.record.label}: {detail}")
        self.unit = unit
        self.detail = detail
        self.created = created


class ProvisionInterrupted(RuntimeError):
    def __init__(self, created: int):
        super().__init__(created)
        self.created = created


_worker_snapshot: TemplateSnapshot | None = None
_worker_built = 0


def _worker_init(snapshot: TemplateSnapshot, parent_pid: int) -> None:
    global _worker_snapshot
    _worker_snapshot = snapshot
    # Ctrl-C reaches the whole process group: the parent stops handing out work, and workers
    # finish the locality they are building instead of dying halfway through it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent()
    forget_inherited_connections()
    # A worker only runs locality_build, which switches schema explicitly (and a rollback
    # resets django-tenants' record of it): SET search_path is then needed on a switch only,
    # not before every statement. 2 instead of 9 per locality, out of ~21 round trips.
    settings.TENANT_LIMIT_SET_CALLS = True
    if os.getppid() != parent_pid:
        os._exit(1)


def _worker_ready() -> int:
    return os.getpid()


def _task(unit: PlannedUnit, parent_id: int | None) -> dict:
    record = unit.record
    return {
        "schema_name": unit.schema_name,
        "host": unit.host,
        "level": record.level,
        "dataset": record.dataset,
        "code": record.code,
        "name": record.name,
        "division_type": record.division_type,
        "slug": record.slug,
        "parent_id": parent_id,
    }


def _build(task: dict, snapshot: TemplateSnapshot) -> None:
    global _worker_built
    fields = dict(task)
    host = fields.pop("host")
    locality_build(locality=Locality(**fields), host=host, snapshot=snapshot)
    _worker_built += 1
    if _worker_built % RECYCLE_CONNECTION_EVERY == 0:
        connection.close()


def _worker_build(task: dict) -> str | None:
    """Build one locality in a worker; the error text if it failed (exceptions stay here)."""
    try:
        _build(task, _worker_snapshot)
    except Exception as error:  # reported by the parent against the row
        connection.close()
        return f"{type(error).__name__}: {error}"
    return None


def _parent_ids(plan: Plan, wave: list[PlannedUnit]) -> dict[tuple, int]:
    parent_keys = {unit.record.parent_key for unit in wave} - {None}
    ids: dict[tuple, int] = {}
    for dataset, level in {(key[0], key[1]) for key in parent_keys}:
        codes = [key[2] for key in parent_keys if key[:2] == (dataset, level)]
        for code, pk in Locality.objects.filter(
            dataset=dataset, level=level, code__in=codes
        ).values_list("code", "id"):
            ids[(dataset, level, code)] = pk
    return ids


def provision(  # noqa: C901 - the steps of one run, kept in order in one place
    plan: Plan,
    *,
    workers: int = 2,
    snapshot: TemplateSnapshot | None = None,
    on_created: Callable[[PlannedUnit], None] | None = None,
    on_started: Callable[[], None] | None = None,
) -> int:
    """Build every planned locality, parents first; returns how many were created.

    `workers` processes each build one locality at a time on their own connection. Raises
    ProvisionError at the first failure (after the other worker finishes its current one) and
    ProvisionInterrupted on Ctrl-C/SIGTERM; everything created until then is complete.
    """
    snapshot = snapshot or template_snapshot()
    created = 0

    def done(unit: PlannedUnit) -> None:
        nonlocal created
        created += 1
        if on_created:
            on_created(unit)

    if workers <= 1:
        if on_started:
            on_started()
        try:
            for wave in plan.waves:
                parents = _parent_ids(plan, wave)
                for unit in wave:
                    task = _task(unit, parents.get(unit.record.parent_key))
                    try:
                        _build(task, snapshot)
                    except Exception as error:
                        raise ProvisionError(unit, str(error), created) from error
                    done(unit)
        except KeyboardInterrupt:
            raise ProvisionInterrupted(created) from None
        return created

    # Forked workers must not share the parent's socket: close it, each opens its own.
    connections.close_all()
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("fork"),
        initializer=_worker_init,
        initargs=(snapshot, os.getpid()),
    )
    try:
        # Start every worker now, before the caller draws a progress bar (a thread).
        wait([executor.submit(_worker_ready) for _ in range(workers)])
        if on_started:
            on_started()
        for wave in plan.waves:
            parents = _parent_ids(plan, wave)
            futures = {
                executor.submit(
                    _worker_build, _task(unit, parents.get(unit.record.parent_key))
                ): unit
                for unit in wave
            }
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, timeout=1, return_when=FIRST_EXCEPTION)
                for future in finished:
                    unit = futures[future]
                    error = future.result()
                    if error is not None:
                        raise ProvisionError(unit, error, created)
                    done(unit)
    except KeyboardInterrupt:
        executor.shutdown(wait=True, cancel_futures=True)
        raise ProvisionInterrupted(created) from None
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return created


def provisioned_tables(schema_name: str) -> int:
    """How many tables a schema holds (a whole locality has as many as the template)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind = 'r'",
            [schema_name],
        )
        return cursor.fetchone()[0]


__all__ = [
    "TEMPLATE_SCHEMA",
    "Plan",
    "PlannedUnit",
    "ProvisionError",
    "ProvisionInterrupted",
    "plan_provisioning",
    "provision",
]
