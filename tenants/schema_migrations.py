"""Migrating thousands of locality schemas: the current ones skipped in one query, the rest in
parallel.

Django's `migrate` (and django-tenants' `migrate_schemas`, which runs it once per schema) costs
~3 s per schema even with nothing to apply, and more as schemas are added: the migration
recorder, the loader, the consistency check and the executor each list every table of the
database (a scan of pg_class, 1.6 million rows with 3,355 localities) to learn whether
`django_migrations` exists, the project state is rebuilt from ~250 migrations, and post_migrate
re-checks every content type and permission. For the whole country that is hours.

Here each locality carries, in the public schema, the fingerprint of the migrations its schema
records (`Locality.migration_state`, see `migrations_fingerprint`). The target is the
fingerprint of the migrations on disk; one query lists the localities whose marker differs
(`localities_behind`), and only those are opened. Each of them is migrated on a worker process
with its own connection: the migration graph is loaded once per process, the schema's applied
migrations are read with one query of its own `django_migrations`, and what schemas starting
from the same migrations share is worked out once (the plan, the project state before it and,
when every operation is expressible as SQL, the plan's SQL, which is then replayed in each
schema in one transaction; otherwise Django's executor runs it). post_migrate (content types,
permissions) runs only where something was applied, for the apps the plan touched. After each
schema its marker is written, so an interrupted run resumes where it stopped and a failing schema
is reported while the others go on. `verify_migration_state` keeps the markers honest: it
compares each marker with what the schema's own `django_migrations` holds.
"""

from __future__ import annotations

import hashlib
import os
import signal
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing import get_context

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.migrations.state import ProjectState
from django.db.models.signals import post_migrate
from django.utils.translation import gettext as _
from django_tenants.signals import schema_migrated

from .models import Locality
from .workers import die_with_parent, forget_inherited_connections

#: A worker closes its connection after this many schemas: a PostgreSQL backend keeps the
#: catalog entries of every relation it touched (~0.34 MB per locality schema), for good.
RECYCLE_CONNECTION_EVERY = 100
#: Schemas per statement when reading many schemas' `django_migrations` at once.
VERIFY_BATCH = 400

# The same text and order in Python and in SQL: "app.name" lines sorted bytewise ("." sorts
# before every character of an identifier, so this is also the order by app, then name).
_FINGERPRINT_SQL = (
    "SELECT encode(sha256(convert_to(coalesce(string_agg(app || '.' || name, E'\\n' "
    "ORDER BY (app || '.' || name) COLLATE \"C\"), ''), 'UTF8')), 'hex') FROM {table}"
)


class MigrationStateError(RuntimeError):
    """A schema cannot be migrated by the fast path; the message says why and what to run."""


def migrations_fingerprint(keys: Iterable[tuple[str, str]]) -> str:
    """sha256 of the sorted "app.name" lines: what a schema's `django_migrations` holds.

    >>> migrations_fingerprint([("auth", "0001_initial")])[:12]
    '54bf89678eaa'
    """
    text = "\n".join(sorted(f"{app}.{name}" for app, name in keys))
    return hashlib.sha256(text.encode()).hexdigest()


def disk_loader() -> MigrationLoader:
    """The migration graph from disk alone (no database query)."""
    return MigrationLoader(None, ignore_no_migrations=True)


def target_fingerprint(loader: MigrationLoader | None = None) -> str:
    """The fingerprint of a schema holding every migration on disk (a fully migrated one)."""
    return migrations_fingerprint((loader or disk_loader()).disk_migrations)


def schema_fingerprint(schema_name: str) -> str | None:
    """What `schema_name`'s own `django_migrations` holds, fingerprinted; None without one."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [f'"{schema_name}".django_migrations'])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(_FINGERPRINT_SQL.format(table=f'"{schema_name}".django_migrations'))
        return cursor.fetchone()[0]


def localities_behind(target: str) -> list[str]:
    """Schema names of the localities whose marker is not `target`: the one query of a run."""
    return list(
        Locality.objects.exclude(schema_name=settings.PUBLIC_SCHEMA_NAME)
        .exclude(migration_state=target)
        .order_by("schema_name")
        .values_list("schema_name", flat=True)
    )


def mark_migrated(schema_name: str, fingerprint: str) -> None:
    connection.set_schema_to_public()
    Locality.objects.filter(schema_name=schema_name).update(migration_state=fingerprint)


# --- one schema ----------------------------------------------------------------------------------


class _KnownTableRecorder(MigrationRecorder):
    """The recorder of a schema whose `django_migrations` is known to exist.

    Django's recorder lists every table visible to the connection to find out, once per schema.
    """

    def has_table(self) -> bool:
        return True


class _SchemaExecutor(MigrationExecutor):
    """Django's executor on a graph loaded once, with the schema's applied migrations given."""

    def __init__(self, loader: MigrationLoader, applied: dict):
        self.connection = connection
        self.loader = loader
        self.loader.applied_migrations = applied
        self.recorder = _KnownTableRecorder(connection)
        self.progress_callback = None


@dataclass
class _Start:
    """What every schema starting from the same applied migrations shares, worked out once."""

    targets: list
    plan: list  # [(Migration, backwards)]
    before: ProjectState  # the project state before the plan (~250 migrations replayed in memory)
    sql: str | None  # the plan as SQL when it can be replayed (see _plan_sql), else None
    records: list[tuple[str, str]]  # the django_migrations rows the plan adds
    after_apps: object = None  # the models after the plan, for post_migrate


@dataclass
class _WorkerState:
    loader: MigrationLoader
    target: str
    starts: dict[str, _Start] = field(default_factory=dict)  # by fingerprint of the applied set
    done: int = 0


def _applied_in(schema_name: str) -> dict[tuple[str, str], bool]:
    table = f'"{schema_name}".django_migrations'
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [table])
        if cursor.fetchone()[0] is None:
            raise MigrationStateError(
                _("Schema %(schema)s không có bảng django_migrations (không phải schema đơn vị?).")
                % {"schema": schema_name}
            )
        cursor.execute(f"SELECT app, name FROM {table}")  # noqa: S608 - a quoted identifier
        return {(app, name): True for app, name in cursor.fetchall()}


def _check_replacements(loader: MigrationLoader, applied: dict, schema_name: str) -> None:
    """The shared graph uses squashed migrations; a schema half-way through one needs Django's."""
    for key, migration in loader.replacements.items():
        done = [replaced in applied for replaced in migration.replaces]
        if any(done) and not all(done) and key not in applied:
            raise MigrationStateError(
                _(
                    "Schema %(schema)s đã chạy một phần các migration mà %(app)s.%(name)s gộp lại; "
                    "migrate riêng schema này: manage.py migrate_schemas --schema=%(schema)s"
                )
                % {"schema": schema_name, "app": key[0], "name": key[1]}
            )


def _plan_sql(plan: list, before: ProjectState) -> tuple[str | None, ProjectState]:
    """The plan's SQL as `sqlmigrate` writes it, and the state after it; None if not replayable.

    Replayable: forwards only, every operation expressible as SQL (no RunPython), every
    migration atomic, none replacing others. Django's statements name tables without a schema,
    so the same text serves every schema (its search_path decides where it lands).
    """
    state = before.clone()
    replayable = all(
        not backwards
        and migration.atomic
        and not migration.replaces
        and all(operation.reduces_to_sql for operation in migration.operations)
        for migration, backwards in plan
    )
    if not replayable:
        return None, state
    statements = []
    for migration, _backwards in plan:
        with connection.schema_editor(collect_sql=True, atomic=False) as editor:
            state = migration.apply(state, editor, collect_sql=True)
        statements += [line for line in editor.collected_sql if not line.startswith("--")]
    if any("%" in statement for statement in statements):
        # Django's collected SQL doubles "%" inside literals (it is written for sqlmigrate).
        return None, before.clone()
    return "\n".join(statements), state


def _prepare(start: str, applied: dict, state: _WorkerState) -> _Start:
    executor = _SchemaExecutor(state.loader, applied)
    targets = state.loader.graph.leaf_nodes()
    plan = executor.migration_plan(targets)
    before = executor._create_project_state(with_applied_migrations=True)
    before.apps  # noqa: B018 - rendered once here, cloned for every schema
    records = []
    for migration, _backwards in plan:
        records += list(migration.replaces) or [(migration.app_label, migration.name)]
    sql, after = _plan_sql(plan, before)
    prepared = _Start(targets=targets, plan=plan, before=before, sql=sql, records=records)
    if sql is not None:
        after.clear_delayed_apps_cache()
        prepared.after_apps = after.apps
    return prepared


def _replay(schema_name: str, prepared: _Start) -> None:
    """The plan's SQL and its records in one transaction: the whole plan or nothing."""
    rows = ", ".join(["(%s, %s, now())"] * len(prepared.records))
    with transaction.atomic(), connection.cursor() as cursor, connection.wrap_database_errors:
        # The cursor has set the schema's search_path. Past Django's debug wrapper: statements
        # without parameters, several in one string.
        cursor.cursor.execute(prepared.sql)
        cursor.execute(
            f"INSERT INTO django_migrations (app, name, applied) VALUES {rows}",  # noqa: S608
            [value for record in prepared.records for value in record],
        )


def _post_migrate(prepared: _Start) -> None:
    """post_migrate (content types, permissions...) for the apps the plan touched only.

    Django sends it for every app after any migration: ~25 apps, two queries or more each.
    """

    # Content-type ids differ per schema: nothing cached from another one may be used.
    ContentType.objects.clear_cache()
    labels = {migration.app_label for migration, _backwards in prepared.plan}
    for app_config in global_apps.get_app_configs():
        if app_config.models_module is None or app_config.label not in labels:
            continue
        post_migrate.send(
            sender=app_config,
            app_config=app_config,
            verbosity=0,
            interactive=False,
            using=connection.alias,
            apps=prepared.after_apps,
            plan=prepared.plan,
        )


def migrate_schema(schema_name: str, state: _WorkerState) -> int:
    """Bring one locality schema to the migrations on disk; how many migrations it applied.

    A replayable plan (see _plan_sql) runs as one transaction; otherwise, or if that fails,
    Django's executor runs each migration in its own transaction with its record. Either way a
    failure or an interruption leaves the schema at a consistent point a later run resumes from.
    """

    connection.set_schema(schema_name)
    applied = _applied_in(schema_name)
    start = migrations_fingerprint(applied)
    applied_count = 0
    if start != state.target:
        _check_replacements(state.loader, applied, schema_name)
        if start not in state.starts:
            state.starts[start] = _prepare(start, applied, state)
        prepared = state.starts[start]
        replayed = False
        if prepared.sql is not None and prepared.plan:
            try:
                _replay(schema_name, prepared)
                replayed = True
            except DatabaseError:
                connection.set_schema(schema_name)  # Django's path gives its own error, if any
        if not replayed:
            executor = _SchemaExecutor(state.loader, applied)
            after = executor.migrate(
                prepared.targets, plan=prepared.plan, state=prepared.before.clone()
            )
            if prepared.after_apps is None:
                after.clear_delayed_apps_cache()
                prepared.after_apps = after.apps
        if prepared.plan:
            _post_migrate(prepared)
            # Receivers: drop_shared_foreign_keys (tenants/schema_template.py), as after
            # migrate_schemas.
            schema_migrated.send(sender=migrate_schema, schema_name=schema_name)
        applied_count = len(prepared.plan)
        reached = migrations_fingerprint(_applied_in(schema_name))
    else:
        reached = start
    mark_migrated(schema_name, reached)
    if reached != state.target:
        raise MigrationStateError(
            _(
                "Schema %(schema)s ghi nhận migrations khác với mã nguồn (có migration không còn "
                "trên đĩa?); kiểm tra bằng manage.py migrate_localities --verify."
            )
            % {"schema": schema_name}
        )
    return applied_count


# --- many schemas --------------------------------------------------------------------------------


@dataclass
class MigrateResult:
    behind: int = 0  # localities whose marker differed from the target
    migrated: list[str] = field(default_factory=list)
    applied: int = 0  # migrations applied, summed over the schemas
    failed: dict[str, str] = field(default_factory=dict)  # schema -> error text
    interrupted: bool = False


_worker: _WorkerState | None = None


def _worker_init(target: str, parent_pid: int) -> None:
    global _worker
    _worker = _WorkerState(loader=disk_loader(), target=target)
    # Ctrl-C reaches the whole process group: the parent stops handing out schemas and each
    # worker finishes the schema it is on.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent()
    forget_inherited_connections()
    # A worker switches schema only through set_schema (and a rollback or a new connection
    # resets django-tenants' record of it): SET search_path is then needed on a switch, not
    # before each of the ~100 statements of a schema's migrations and post_migrate.
    settings.TENANT_LIMIT_SET_CALLS = True
    if os.getppid() != parent_pid:
        os._exit(1)


def _migrate_one(schema_name: str, state: _WorkerState) -> tuple[int, str | None]:
    """(migrations applied, error text or None); the error stays with its schema."""
    try:
        applied = migrate_schema(schema_name, state)
    except Exception as error:  # reported by the parent against the locality
        connection.close()  # whatever transaction the failure left open is rolled back
        return 0, f"{type(error).__name__}: {error}".strip()
    finally:
        state.done += 1
        if state.done % RECYCLE_CONNECTION_EVERY == 0:
            connection.close()
    return applied, None


def _worker_migrate(schema_name: str) -> tuple[int, str | None]:
    return _migrate_one(schema_name, _worker)


def migrate_localities(  # noqa: C901 - the steps of one run, kept in order in one place
    *,
    schemas: list[str] | None = None,
    workers: int = 2,
    every: bool = False,
    on_started: Callable[[int], None] | None = None,
    on_done: Callable[[str, str | None], None] | None = None,
) -> MigrateResult:
    """Migrate the localities whose marker is behind the migrations on disk.

    `schemas` limits the run to those schema names; `every` opens each schema whatever its
    marker says (after `verify_migration_state` found markers that lie). `on_started(count)`
    runs once the work is known, `on_done(schema, error)` after each schema. Ctrl-C/SIGTERM
    stop handing out schemas; the result then says `interrupted`.
    """
    loader = disk_loader()
    target = target_fingerprint(loader)
    connection.set_schema_to_public()
    if every:
        queryset = Locality.objects.exclude(schema_name=settings.PUBLIC_SCHEMA_NAME)
        behind = list(queryset.order_by("schema_name").values_list("schema_name", flat=True))
    else:
        behind = localities_behind(target)
    if schemas is not None:
        wanted = set(schemas)
        behind = [name for name in behind if name in wanted]
    result = MigrateResult(behind=len(behind))
    if on_started:
        on_started(len(behind))
    if not behind:
        return result

    def record(schema_name: str, applied: int, error: str | None) -> None:
        if error is None:
            result.migrated.append(schema_name)
            result.applied += applied
        else:
            result.failed[schema_name] = error
        if on_done:
            on_done(schema_name, error)

    if workers <= 1:
        state = _WorkerState(loader=loader, target=target)
        try:
            for schema_name in behind:
                record(schema_name, *_migrate_one(schema_name, state))
        except KeyboardInterrupt:
            result.interrupted = True
        finally:
            connection.set_schema_to_public()
        return result

    connections.close_all()  # forked workers must not share the parent's socket
    executor = ProcessPoolExecutor(
        max_workers=min(workers, len(behind)),
        mp_context=get_context("fork"),
        initializer=_worker_init,
        initargs=(target, os.getpid()),
    )
    futures = {}
    try:
        pending_names = iter(behind)
        # One schema per worker at a time: an interruption lets each finish the schema it is on
        # and starts no other (a pool's own queue would hand out more, uncancellable).
        for schema_name in pending_names:
            futures[executor.submit(_worker_migrate, schema_name)] = schema_name
            if len(futures) >= workers:
                break
        while futures:
            finished, _pending = wait(futures, timeout=1, return_when=FIRST_COMPLETED)
            for future in finished:
                record(futures.pop(future), *future.result())
                next_name = next(pending_names, None)
                if next_name is not None:
                    futures[executor.submit(_worker_migrate, next_name)] = next_name
    except KeyboardInterrupt:
        result.interrupted = True
        executor.shutdown(wait=True, cancel_futures=True)
        for future, schema_name in futures.items():
            if future.done() and not future.cancelled():
                record(schema_name, *future.result())
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return result


# --- keeping the markers honest ------------------------------------------------------------------


@dataclass(frozen=True)
class StateMismatch:
    schema_name: str
    marker: str
    actual: str | None  # None: the schema or its django_migrations is missing
    missing: tuple[str, ...] = ()  # on disk, not recorded in the schema
    unknown: tuple[str, ...] = ()  # recorded in the schema, not on disk


def _fingerprints(schema_names: list[str]) -> dict[str, str | None]:
    """Each schema's fingerprint, read in batches of VERIFY_BATCH schemas per statement."""
    found: dict[str, str | None] = dict.fromkeys(schema_names)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM unnest(%s::text[]) AS name "
            "WHERE to_regclass(quote_ident(name) || '.django_migrations') IS NOT NULL",
            [schema_names],
        )
        present = [row[0] for row in cursor.fetchall()]
        for offset in range(0, len(present), VERIFY_BATCH):
            batch = present[offset : offset + VERIFY_BATCH]
            parts = [
                "SELECT %s, (" + _FINGERPRINT_SQL.format(table=f'"{name}".django_migrations') + ")"
                for name in batch
            ]
            cursor.execute(" UNION ALL ".join(parts), batch)
            found.update(dict(cursor.fetchall()))
    return found


def verify_migration_state(*, schemas: list[str] | None = None) -> list[StateMismatch]:
    """Localities whose marker does not match their schema's own `django_migrations`."""
    connection.set_schema_to_public()
    queryset = Locality.objects.exclude(schema_name=settings.PUBLIC_SCHEMA_NAME)
    if schemas is not None:
        queryset = queryset.filter(schema_name__in=schemas)
    markers = dict(queryset.order_by("schema_name").values_list("schema_name", "migration_state"))
    actual = _fingerprints(list(markers))
    disk = {f"{app}.{name}" for app, name in disk_loader().disk_migrations}
    mismatches = []
    for schema_name, marker in markers.items():
        if actual[schema_name] == marker:
            continue
        missing: tuple[str, ...] = ()
        unknown: tuple[str, ...] = ()
        if actual[schema_name] is not None:
            recorded = {f"{app}.{name}" for app, name in _applied_in(schema_name)}
            missing, unknown = tuple(sorted(disk - recorded)), tuple(sorted(recorded - disk))
        mismatches.append(StateMismatch(schema_name, marker, actual[schema_name], missing, unknown))
    return mismatches


def public_is_current(target: str | None = None) -> bool:
    """The public schema records exactly the migrations on disk (one query)."""
    return schema_fingerprint(settings.PUBLIC_SCHEMA_NAME) == (target or target_fingerprint())
