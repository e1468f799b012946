"""Benchmark: provision all 3,355 current localities into a throw-away database.

Run by `make bench` (or `python benchmarks/provision_all.py [--limit N] [--no-write]`). Uses the
PostgreSQL server of DATABASE_URL (or the embedded one), creates two throw-away databases on it
and drops them at the end:

1. `dvc_bench_<stamp>`: migrated public schema, then every current locality through the same code
   as `manage.py provision_localities` (tenants.provisioning.provision, 2 worker processes).
2. `dvc_bench_raw_<stamp>`: the physical limit, i.e. the template schema's
   `pg_dump --schema-only` DDL, renamed, replayed once per locality on two connections (no rows,
   no Locality records, nothing else).

The two run in interleaved slices (provision slice 1, replay slice 1, provision slice 2, ...),
so both see the same machine load on a shared machine. Then, in the full database: the per-tenant
time of running every migration (a sample), one more locality through locality_create, a second
provisioning run (which must create nothing), and the database size. Figures are printed and
written to docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
import threading
import time

from common import Server, log, use_database
from report import header, load_average, machine, write_section

#: What `make bench-quick` passes (benchmarks/run_all.py): 34 provinces + 166 communes.
QUICK_ARGS = ["--limit", "166"]
SLICES = 30  # short slices: a burst of other work on the machine hits both paths alike
WORKERS = 2
MIGRATE_SAMPLE = 3
RECYCLE_EVERY = 100


def replay_raw(server: Server, dbname: str, ddl: str, names: list[str]) -> float:
    """Replay the renamed DDL once per name on WORKERS connections; seconds taken."""
    from tenants.schema_template import replay_sql

    errors: list[BaseException] = []

    def work(chunk: list[str]) -> None:
        conn = server.connect(dbname)
        try:
            for index, name in enumerate(chunk, start=1):
                conn.execute(replay_sql(ddl, name))
                conn.commit()
                if index % RECYCLE_EVERY == 0:
                    conn.close()
                    conn = server.connect(dbname)
        except BaseException as error:  # reported by the caller
            errors.append(error)
        finally:
            conn.close()

    started = time.monotonic()
    threads = [
        threading.Thread(target=work, args=(names[offset::WORKERS],)) for offset in range(WORKERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return time.monotonic() - started


def slices_of(plan, count: int):
    """The plan cut into `count` plans: provinces in the first, communes spread over all."""
    from tenants.provisioning import Plan

    provinces, communes = plan.waves[0], plan.waves[1] if len(plan.waves) > 1 else []
    size = -(-len(communes) // count)
    for index in range(count):
        chunk = communes[index * size : (index + 1) * size]
        waves = ([provinces] if index == 0 else []) + ([chunk] if chunk else [])
        if waves:
            yield Plan(dataset=plan.dataset, total=plan.total, existing=0, waves=waves)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="only this many communes (a quick trial)")
    parser.add_argument("--no-write", action="store_true", help="do not write docs/performance.md")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away databases")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tenants.choices import Dataset, Level
    from tenants.database_tools import pg_dump_path, server_major_version
    from tenants.datasets import units_for
    from tenants.models import Locality
    from tenants.provisioning import plan_provisioning, provision
    from tenants.schema_template import (
        TEMPLATE_SCHEMA,
        _snapshots,
        dump_template_ddl,
        renamable_ddl,
        template_ensure,
        template_snapshot,
    )
    from tenants.services import locality_create, national_root_ensure

    # Stopped early (Ctrl-C, kill): still drop the throw-away databases in `finally`.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    server = Server()
    stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S")
    bench_db, raw_db = f"dvc_bench_{stamp}", f"dvc_bench_raw_{stamp}"
    figures: dict = {"machine": machine(), "load_start": load_average()}
    log(f"machine: {figures['machine']}; load average {figures['load_start']}")
    server.create(bench_db)
    server.create(raw_db)
    try:
        use_database(bench_db)
        connection.ensure_connection()
        figures["postgres"] = connection.connection.info.parameter_status("server_version")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN ('max_locks_per_transaction', "
                "'max_connections', 'shared_buffers', 'fsync', 'synchronous_commit')"
            )
            figures["server_settings"] = dict(cursor.fetchall())
        figures["pg_dump"] = pg_dump_path(server_major_version())
        log(f"PostgreSQL {figures['postgres']} {figures['server_settings']}; databases {bench_db}")

        started = time.monotonic()
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        figures["migrate_public_s"] = time.monotonic() - started
        national_root_ensure()
        started = time.monotonic()
        template_ensure()
        figures["template_build_s"] = time.monotonic() - started
        started = time.monotonic()
        snapshot = template_snapshot()
        figures["snapshot_s"] = time.monotonic() - started
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FILTER (WHERE relkind = 'r'), count(*) FILTER (WHERE relkind = "
                "'i'), count(*) FROM pg_class WHERE relnamespace = %s::regnamespace",
                [TEMPLATE_SCHEMA],
            )
            tables, indexes, relations = cursor.fetchone()
        figures["template"] = {"tables": tables, "indexes": indexes, "relations": relations}
        log(
            f"public migrated in {figures['migrate_public_s']:.1f} s; template built by migrations "
            f"in {figures['template_build_s']:.1f} s ({tables} tables, {indexes} indexes, "
            f"{relations} relations); snapshot {figures['snapshot_s']:.1f} s"
        )
        raw_ddl = renamable_ddl(dump_template_ddl("pre-data") + dump_template_ddl("post-data"))
        if "@@schema@@" in raw_ddl and "REFERENCES public." in raw_ddl:
            raise SystemExit("the template references the public schema: replay needs its tables")

        records = units_for(Dataset.CURRENT)
        if args.limit:
            provinces = [record for record in records if record.level == Level.PROVINCE]
            communes = [record for record in records if record.level == Level.COMMUNE]
            records = provinces + communes[: args.limit]
        started = time.monotonic()
        plan = plan_provisioning(records, dataset=Dataset.CURRENT)
        figures["validate_s"] = time.monotonic() - started
        total = plan.missing
        figures["localities"] = total
        size_before = server.size(bench_db)
        raw_size_before = server.size(raw_db)

        ours_s = raw_s = 0.0
        done = 0
        rows = []
        for index, part in enumerate(slices_of(plan, SLICES), start=1):
            started = time.monotonic()
            made = provision(part, workers=WORKERS, snapshot=snapshot)
            ours = time.monotonic() - started
            names = [f"r{done + offset}" for offset in range(made)]
            raw = replay_raw(server, raw_db, raw_ddl, names)
            done += made
            ours_s += ours
            raw_s += raw
            rows.append((index, made, done, ours, raw, load_average()))
            log(
                f"slice {index}: {made} localities in {ours:.1f} s ({made / ours:.2f}/s); raw "
                f"replay {raw:.1f} s ({made / raw:.2f}/s); {done}/{total}; load {rows[-1][5]}"
            )
        use_database(bench_db)
        figures.update(
            provision_s=ours_s,
            raw_s=raw_s,
            provision_rate=total / ours_s,
            raw_rate=total / raw_s,
            ratio=raw_s / ours_s,
            slices=rows,
            size=server.size(bench_db),
            size_before=size_before,
            raw_size=server.size(raw_db) - raw_size_before,
        )
        log(
            f"provisioned {total} in {ours_s:.0f} s = {figures['provision_rate']:.2f}/s; "
            f"raw replay {raw_s:.0f} s = {figures['raw_rate']:.2f}/s; ratio {figures['ratio']:.0%}"
        )

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM tenants_locality l WHERE l.level <> 'national' AND NOT "
                "EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = l.schema_name)"
            )
            assert cursor.fetchone()[0] == 0, "a locality without its schema"

        # A second run must find everything and create nothing (the command's own words).
        if not args.limit:
            from io import StringIO

            out = StringIO()
            started = time.monotonic()
            call_command("provision_localities", "--dataset", "current", stdout=out)
            figures["second_run_s"] = time.monotonic() - started
            figures["second_run_output"] = out.getvalue().strip()
            log(f"second run {figures['second_run_s']:.1f} s: {figures['second_run_output']}")

        # Adding one locality to the full database, from a fresh process state (snapshot taken
        # anew: pg_dump now reads a catalog of millions of relations).
        started = time.monotonic()
        dump_template_ddl("pre-data")
        dump_template_ddl("post-data")
        figures["pg_dump_full_s"] = time.monotonic() - started
        _snapshots.clear()
        started = time.monotonic()
        template_snapshot()  # as a new process does: the DDL kept with the template, no pg_dump
        figures["snapshot_full_s"] = time.monotonic() - started
        started = time.monotonic()
        extra = locality_create(
            level=Level.COMMUNE,
            code="99999",
            name="Xã Đo Thử",
            slug="xa-do-thu",
            parent=Locality.objects.get(dataset=Dataset.CURRENT, level=Level.PROVINCE, code="01"),
        )
        figures["one_more_s"] = time.monotonic() - started
        log(
            f"pg_dump of the template in the full database {figures['pg_dump_full_s']:.1f} s; "
            f"snapshot in a new process {figures['snapshot_full_s']:.1f} s; one more locality "
            f"{figures['one_more_s']:.2f} s ({extra.schema_name})"
        )

        # The migrate-every-schema path, on a sample, in the full database.
        from tenants.schema_template import schema_build_by_migrations

        times = []
        for number in range(MIGRATE_SAMPLE):
            started = time.monotonic()
            schema_build_by_migrations(f"zz_migrated_{number}")
            times.append(time.monotonic() - started)
            log(f"migrations for one schema: {times[-1]:.1f} s")
        figures["migrate_each_s"] = times
        figures["load_end"] = load_average()
    finally:
        use_database("postgres")
        if not args.keep:
            server.drop(bench_db)
            server.drop(raw_db)
    if not args.no_write:
        command = "make bench" if not args.limit else "make bench-quick"
        section = "provisioning" if not args.limit else "provisioning-quick"
        write_report(figures, command=command, section=section)
    print_summary(figures)
    return 0


def print_summary(figures: dict) -> None:
    log(
        "SUMMARY: {localities} localities: provisioning {provision_s:.0f} s "
        "({provision_rate:.2f}/s), raw DDL replay {raw_s:.0f} s ({raw_rate:.2f}/s), "
        "provisioning = {ratio:.0%} of the raw replay's throughput; database {size_gib:.2f} GiB; "
        "migrations per schema {migrate:.1f} s".format(
            size_gib=figures["size"] / 2**30,
            migrate=sum(figures["migrate_each_s"]) / len(figures["migrate_each_s"]),
            **figures,
        )
    )


def write_report(figures: dict, *, command: str, section: str) -> None:
    migrate = figures["migrate_each_s"]
    per_schema = (figures["size"] - figures["size_before"]) / figures["localities"]
    slices = "\n".join(
        f"| {index} | {made:,} | {done:,} | {ours:.1f} s ({made / ours:.2f}/s) | "
        f"{raw:.1f} s ({made / raw:.2f}/s) | {raw / ours:.0%} | {load} |"
        for index, made, done, ours, raw, load in figures["slices"]
    )
    machine = figures["machine"]
    settings = figures["server_settings"]
    template = figures["template"]
    relations = template["relations"]
    connections_max = int(settings.get("max_connections") or 100)
    lock_slots = int(settings.get("max_locks_per_transaction") or 64) * connections_max
    dump_locks = figures["localities"] * template["tables"]
    dump_setting = dump_locks // connections_max + 64
    migrate_each = ", ".join(f"{value:.1f} s" for value in migrate)
    second_run = (
        f"| second `provision_localities` run (creates nothing) | {figures['second_run_s']:.1f} s: "
        f"“{figures['second_run_output']}” |"
        if "second_run_s" in figures
        else ""
    )
    shared_buffers_mb = int(settings.get("shared_buffers") or 0) * 8 // 1024
    # Markdown, not SQL (it only mentions statements).
    text = f"""## Provisioning {figures["localities"]:,} localities

{header(command)} It creates two throw-away databases on the configured PostgreSQL server and
drops them at the end.

- {machine["cores"]} cores ({machine["cpu"]}), {machine["memory_gib"]} GiB RAM, {machine["os"]},
  Python {machine["python"]}; the machine was shared with other test runs (load average
  {figures["load_start"]} at the start, {figures["load_end"]} at the end).
- PostgreSQL {figures["postgres"]} with its default configuration: `max_locks_per_transaction`
  {settings.get("max_locks_per_transaction")}, `max_connections` {settings.get("max_connections")},
  `shared_buffers` {shared_buffers_mb} MB, `fsync` {settings.get("fsync")},
  `synchronous_commit` {settings.get("synchronous_commit")}. pg_dump: `{figures["pg_dump"]}`.
- Template schema: {template["tables"]} tables, {template["indexes"]} indexes,
  {template["relations"]} relations in all (with sequences and TOAST tables).

### Results: {figures["localities"]:,} current localities

| | time | throughput |
|---|---|---|
| **provisioning** (`provision_localities`' code path, 2 worker processes) \
| {figures["provision_s"]:.0f} s ({figures["provision_s"] / 60:.1f} min) \
| **{figures["provision_rate"]:.2f} localities/s** |
| physical limit: template's `pg_dump --schema-only` DDL renamed, replayed on 2 connections \
| {figures["raw_s"]:.0f} s ({figures["raw_s"] / 60:.1f} min) | {figures["raw_rate"]:.2f} schemas/s |
| **provisioning ÷ physical limit** | | **{figures["ratio"]:.0%}** (goal ≥ 75 %) |
| migrate-every-schema path (sample of {len(migrate)}, in the full database) \
| {migrate_each} per schema | {len(migrate) / sum(migrate):.2f} schemas/s |

Provisioning does everything the raw replay does plus the template's rows (migration records,
content types, permissions, role groups, Wagtail's root page, site, collection, workflow), the
sequence positions, the Locality and Domain rows and the setup hooks, each locality in one
transaction. Its time above excludes one-off steps, listed here:

| one-off step | time |
|---|---|
| migrate the public schema of a fresh database | {figures["migrate_public_s"]:.1f} s |
| build the template schema by running every migration (only when migrations change) \
| {figures["template_build_s"]:.1f} s |
| snapshot of the template (2 × pg_dump + rows), empty database | {figures["snapshot_s"]:.1f} s |
| validate the whole dataset against the database | {figures["validate_s"]:.2f} s |
| the template's 2 × pg_dump with all {figures["localities"]:,} localities present \
| {figures["pg_dump_full_s"]:.1f} s (kept with the template: paid once per template build) |
| snapshot in a new process, full database (DDL kept with the template, rows) \
| {figures["snapshot_full_s"]:.1f} s |
| one more locality with `locality_create` in the full database | {figures["one_more_s"]:.2f} s |
{second_run}

Database size after provisioning: **{figures["size"] / 2**30:.2f} GiB**
({per_schema / 2**20:.2f} MiB per locality; the raw replay's schemas alone took
{figures["raw_size"] / 2**30:.2f} GiB).

The two paths ran in {len(figures["slices"])} interleaved slices so that both saw the same load from
the other processes on this machine:

| slice | localities | total | provisioning | raw replay | ratio | load average after |
|---|---|---|---|---|---|---|
{slices}

### What makes it fast, and what to keep in mind

- **One template, replayed.** `tpl_locality` is built by the real migrations and rebuilt only
  when the migrations on disk differ from those it records. Each new locality replays its DDL and
  rows as one SQL string, in one transaction with the Locality and Domain rows, so an
  interruption leaves a whole locality or nothing (tested by killing the command mid-run).
- **No foreign keys from a locality schema into the shared schema.** Wagtail, guardian and staff
  give every locality 19 foreign keys to `identity_user`; each puts two triggers on that one
  table. With them, every new key costs time in proportion to all existing ones (PostgreSQL
  reloads the table's trigger list), so provisioning slows down quadratically: measured here,
  in a separate test on this machine (19 keys per schema to one shared table), adding one
  schema's keys took 32 ms with 50 schemas and ~0.6 s with 600, heading for several seconds per
  locality long before 3,355, with ~127,000 triggers on `identity_user` at the end
  (every new connection would load them, every update or delete of a user would walk them).
  They are dropped after each `migrate_schemas` in a locality schema (the template included), so
  migrated and copied schemas stay identical; the columns and indexes stay.
- **Few round trips.** Each locality is one SQL string for the schema and its rows, one INSERT
  each for its Locality and Domain rows (bulk_create: `save()` would add django-tenants' and
  `DomainMixin`'s re-checks and a savepoint), the setup hooks, and the commit. On two cores
  shared with two busy PostgreSQL backends, every extra round trip waits for a CPU; django-tenants
  also sends `SET search_path` before every query unless `TENANT_LIMIT_SET_CALLS = True` (not set
  here; it would roughly halve the statements of the hooks and of every request).
- **Two workers**, one connection each, recycled every {RECYCLE_EVERY} localities (a PostgreSQL
  backend caches every relation it touched: ~{relations} per locality).
- **`max_locks_per_transaction`** is left at its default. Creating one locality holds about
  {relations} relation locks until it commits; two workers need ~{2 * relations} of the
  {lock_slots:,} lock slots (`max_locks_per_transaction × max_connections`). It does matter
  for: dropping many localities in one transaction (each `DROP SCHEMA … CASCADE` needs the same
  ~{relations}: dropping 40 at once already fails with “out of shared memory”; drop them one per
  transaction), and `pg_dump` of the whole database, which locks every table it dumps in one
  transaction: {figures["localities"]:,} localities × {template["tables"]} tables
  ≈ {dump_locks:,} locks, so a full backup needs `max_locks_per_transaction` ≥ {dump_setting:,}
  (at `max_connections` {connections_max}), or per-schema dumps.
- `migrate_schemas` over every locality stays the slow operation for schema changes (it runs the
  migration machinery once per schema); see the migrate-every-schema row above for a new schema.
"""  # noqa: S608
    write_section(section, text)
    log(f"wrote the {section} section of docs/performance.md")


if __name__ == "__main__":
    sys.exit(main())
