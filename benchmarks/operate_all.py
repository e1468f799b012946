"""Benchmark: operating N localities: migrate with nothing to apply, an added migration, memory,
disk, start-up.

Run by `make bench` (all 3,355 current localities) and `make bench-quick` (`--localities 200`).
Creates a throw-away database (`dvc_bench_scale_country`, or `dvc_bench_scale_quick`) on
DATABASE_URL's server, provisions the
localities (tenants.provisioning, 2 workers), then measures, each beside its limit:

1. `manage.py migrate_localities` with nothing to apply (a new process, start-up included) vs
   the goal (60 s for the country) and vs django-tenants' `migrate_schemas` on a sample of
   schemas (its per-schema cost, times N);
2. a real added migration (a new table and a new column on the dossier, in a temporary
   migration module, never committed) applied to every locality by `migrate_localities` with
   2 workers, vs the same DDL replayed raw on 2 connections in every schema;
3. `migrate_localities --verify` over every locality;
4. the memory of one PostgreSQL backend serving a page's queries in every locality, without and
   with the connection recycling of tenants/connection_limits.py;
5. disk and relations per empty locality (goal ≤ 3 MB);
6. start-up of the portal's process (`portal_run` up to serving, on the bench database) vs the
   bare start-up of one `manage.py` process.

Writes the section "operations" (or "operations-quick") of docs/performance.md; drops the
database at the end (also when stopped).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from common import ROOT, Server, log, use_database
from report import header, load_average, write_section

#: What `make bench-quick` passes (benchmarks/run_all.py).
QUICK_ARGS = ["--localities", "200"]
DATABASE = "dvc_bench_scale_country"  # `--localities N`: dvc_bench_scale_quick
WORKERS = 2
MIGRATE_SCHEMAS_SAMPLE = 3
GOAL_NOTHING_S = 60
GOAL_DISK_MB = 3
GOAL_STARTUP_S = 20
#: Home pages served by one connection for the memory figures (the growth per locality is
#: linear: more only takes longer).
MEMORY_LOCALITIES = 500


def manage(url: str, *args: str, env: dict | None = None, timeout: int = 7200) -> tuple[float, str]:
    """Run `manage.py args` against `url` in a new process; (seconds, output). Raises on failure."""
    environment = {**os.environ, "DATABASE_URL": url, "PORTAL_ENV": "development", **(env or {})}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, (result.stdout + result.stderr).strip()


def bare_startup(url: str) -> float:
    return manage(url, "version")[0]


def provision_localities(count: int) -> tuple[int, float]:
    from tenants.choices import Dataset, Level
    from tenants.datasets import units_for
    from tenants.provisioning import plan_provisioning, provision

    records = units_for(Dataset.CURRENT)
    provinces = [record for record in records if record.level == Level.PROVINCE]
    communes = [record for record in records if record.level == Level.COMMUNE]
    records = provinces + communes[: max(0, count - len(provinces))]
    plan = plan_provisioning(records, dataset=Dataset.CURRENT)
    started = time.monotonic()
    made = provision(plan, workers=WORKERS)
    return made, time.monotonic() - started


def locality_schemas() -> list[str]:
    from tenants.models import Locality

    return list(
        Locality.objects.exclude(schema_name="public")
        .order_by("schema_name")
        .values_list("schema_name", flat=True)
    )


def migrate_schemas_sample(names: list[str]) -> list[float]:
    """django-tenants' standard path, one schema at a time, in this process (no start-up)."""
    from django.core.management import call_command
    from django.db import connection

    times = []
    for name in names:
        started = time.monotonic()
        call_command(
            "migrate_schemas",
            schema_name=name,
            executor="standard",
            interactive=False,
            verbosity=0,
        )
        times.append(time.monotonic() - started)
        connection.set_schema_to_public()
        log(f"migrate_schemas --schema={name}: {times[-1]:.1f} s")
    return times


def probe_settings(directory: Path) -> tuple[str, dict]:
    """A settings module seeing the added migration; (module name, environment for manage.py)."""
    from tenants.tests.added_migration import added_migration

    package = added_migration(directory)
    (directory / "bench_probe_settings.py").write_text(
        "from portal.settings import *  # noqa: F403\n\n"
        f'MIGRATION_MODULES = {{"workflows": "{package}"}}\n'
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "bench_probe_settings",
        "PYTHONPATH": os.pathsep.join([str(directory), str(ROOT / "platform"), str(ROOT)]),
    }
    return package, env


def probe_sql(package: str) -> str:
    """The added migration's SQL (sqlmigrate), its names changed, plus its record."""
    from io import StringIO

    from django.core.management import call_command
    from django.test.utils import override_settings

    from tenants.tests.added_migration import PROBE_COLUMN, PROBE_TABLE

    out = StringIO()
    with override_settings(MIGRATION_MODULES={"workflows": package}):
        call_command("sqlmigrate", "workflows", "9000_scale_probe", stdout=out)
    sql = "\n".join(
        line
        for line in out.getvalue().splitlines()
        if line.strip() and not line.startswith("--") and line.strip() not in {"BEGIN;", "COMMIT;"}
    )
    sql = sql.replace(PROBE_TABLE, PROBE_TABLE + "_raw").replace(
        PROBE_COLUMN, PROBE_COLUMN + "_raw"
    )
    record = (
        "INSERT INTO django_migrations (app, name, applied) "
        "VALUES ('workflows', '9000_scale_probe_raw', now());"
    )
    return sql + "\n" + record


def replay_probe(server: Server, sql: str, names: list[str]) -> float:
    """The raw DDL in every schema, on WORKERS connections, one transaction per schema."""
    errors: list[BaseException] = []

    def work(chunk: list[str]) -> None:
        try:
            with server.connect(DATABASE) as conn:
                for name in chunk:
                    conn.execute(f'SET search_path = "{name}", public')
                    conn.execute(sql)
                    conn.commit()
        except BaseException as error:  # reported below
            errors.append(error)

    started = time.monotonic()
    threads = [threading.Thread(target=work, args=(names[i::WORKERS],)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    elapsed = time.monotonic() - started
    with server.connect(DATABASE, autocommit=True) as conn:  # the record was for timing only
        for name in names:
            conn.execute(
                f'DELETE FROM "{name}".django_migrations '  # noqa: S608
                "WHERE name = '9000_scale_probe_raw'"
            )
    return elapsed


def backend_memory(limit: int, checkpoints: list[int]) -> dict[int, tuple[float, float, int]]:
    """The backend behind Django's connection after serving the home page of k localities.

    Real requests through Django's test client (the whole middleware and page), one locality
    after the other; at each checkpoint k: (MB of its memory contexts, MB of its private
    resident memory from /proc when readable, else 0, its pid).
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from tenants.models import Domain

    hosts = list(
        Domain.objects.exclude(tenant__schema_name="public")
        .order_by("tenant__schema_name")
        .values_list("domain", flat=True)[: max(checkpoints)]
    )
    found = {}
    statuses: dict[int, int] = {}
    connection.close()
    with override_settings(DATABASE_SCHEMAS_PER_CONNECTION=limit):
        for index, host in enumerate(hosts, start=1):
            status = Client(HTTP_HOST=host).get("/").status_code
            statuses[status] = statuses.get(status, 0) + 1
            if index in checkpoints:
                connection.set_schema_to_public()
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT sum(total_bytes), pg_backend_pid() FROM pg_backend_memory_contexts"
                    )
                    total, pid = cursor.fetchone()
                found[index] = (float(total) / 2**20, private_mb(pid), pid)
    connection.set_schema_to_public()
    log(f"home pages served for the memory figures, by status: {statuses}")
    if set(statuses) != {200}:
        raise SystemExit(f"home pages did not all answer 200: {statuses}")
    return found


def private_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"^RssAnon:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0


def disk_per_locality(server: Server, size_before: int, count: int) -> dict:
    from django.db import connection

    from tenants.schema_template import TEMPLATE_SCHEMA

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE relkind = 'r'), count(*) FILTER (WHERE relkind = 'i'), "
            "count(*) FILTER (WHERE relkind = 'S'), count(*), "
            "sum(pg_relation_size(oid)) FROM pg_class WHERE relnamespace = %s::regnamespace",
            [TEMPLATE_SCHEMA],
        )
        tables, indexes, sequences, relations, relation_bytes = cursor.fetchone()
    return {
        "tables": tables,
        "indexes": indexes,
        "sequences": sequences,
        "relations": relations,
        "template_relation_bytes": int(relation_bytes or 0),
        "per_locality_mb": (server.size(DATABASE) - size_before) / count / 2**20,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def startup(url: str) -> float:
    """Seconds from `manage.py portal_run` to the first answered request (a prepared database)."""
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": url, "PORTAL_ENV": "development"}
    output = tempfile.TemporaryFile()  # noqa: SIM115 - closed in finally, after the process
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "portal_run", "--port", str(port)],
        env=environment,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        while True:
            if process.poll() is not None:
                output.seek(0)
                raise SystemExit(f"portal_run stopped before serving:\n{output.read().decode()}")
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/", headers={"Host": "dichvucong.localhost"}
                )
                urllib.request.urlopen(request, timeout=5)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        return time.monotonic() - started
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        output.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--localities", type=int, default=0, help="how many (default: all 3,355)")
    parser.add_argument("--no-write", action="store_true", help="do not write docs/performance.md")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away database")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tenants.schema_template import template_snapshot
    from tenants.services import national_root_ensure

    signal.signal(signal.SIGTERM, signal.default_int_handler)
    quick = bool(args.localities)
    global DATABASE
    if quick:  # a quick run can go on beside a full one
        DATABASE = "dvc_bench_scale_quick"
    server = Server()
    server.drop(DATABASE)
    server.create(DATABASE)
    url = server.url(DATABASE)
    figures: dict = {"load_start": load_average()}
    try:
        use_database(DATABASE)
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        national_root_ensure()
        template_snapshot()
        size_before = server.size(DATABASE)
        made, seconds = provision_localities(args.localities or 10**6)
        figures.update(localities=made, provision_s=seconds)
        log(f"provisioned {made} localities in {seconds:.0f} s; load {load_average()}")
        use_database(DATABASE)
        figures["disk"] = disk_per_locality(server, size_before, made)
        log(f"disk {figures['disk']}")
        names = locality_schemas()

        # 1. Nothing to apply: the command as make run and deploys run it, in a new process.
        seconds, output = manage(url, "migrate_localities")
        figures.update(nothing_s=seconds, nothing_output=output.splitlines()[-1])
        figures["bare_start_s"] = bare_startup(url)
        log(f"nothing to apply: {seconds:.1f} s ({output.splitlines()[-1]})")
        sample = migrate_schemas_sample(names[:MIGRATE_SCHEMAS_SAMPLE])
        figures["standard_each_s"] = sample
        figures["load_nothing"] = load_average()

        # 4. Backend memory per connection (before the start-up's demo seeding changes sites).
        served = min(len(names), MEMORY_LOCALITIES)
        checkpoints = sorted({min(served, value) for value in (1, 50, 100, 200, 500)})
        figures["memory_unbounded"] = backend_memory(0, checkpoints)
        figures["memory_recycled"] = backend_memory(100, checkpoints)
        log(f"backend MB: {figures['memory_unbounded']} / recycled {figures['memory_recycled']}")

        # 6. Start-up of the serving process on this database (seeding included), before the
        # added migration (whose records the code on disk would then not know).
        figures["startup_s"] = startup(url)
        figures["startup_s_second"] = startup(url)
        log(
            f"portal_run serves after {figures['startup_s']:.1f} s, "
            f"then {figures['startup_s_second']:.1f} s"
        )

        # 2. A real added migration, to every locality, vs its raw DDL.
        with tempfile.TemporaryDirectory() as directory:
            package, env = probe_settings(Path(directory))
            sql = probe_sql(package)
            seconds, output = manage(
                url, "migrate_localities", "--skip-template", "--workers", str(WORKERS), env=env
            )
            last = [line for line in output.splitlines() if "Đã migrate" in line]
            figures.update(added_s=seconds, added_output=last[-1] if last else output[-200:])
            log(f"added migration: {seconds:.1f} s ({figures['added_output']})")
            figures["load_added"] = load_average()
            figures["raw_added_s"] = replay_probe(server, sql, names)
            log(f"raw replay of its DDL: {figures['raw_added_s']:.1f} s; load {load_average()}")
            seconds, output = manage(url, "migrate_localities", env=env)
            figures["nothing_after_s"] = seconds
            seconds, output = manage(url, "migrate_localities", "--verify", env=env)
            figures.update(verify_s=seconds, verify_output=output.splitlines()[-1])
            log(f"verify: {seconds:.1f} s ({figures['verify_output']})")
            sys.modules.pop(package, None)

        figures["load_end"] = load_average()
    finally:
        connection.close()
        use_database("postgres")
        if not args.keep:
            server.drop(DATABASE)
    if not args.no_write:
        write(figures, quick=quick)
    return 0


def write(figures: dict, *, quick: bool) -> None:
    count = figures["localities"]
    standard = figures["standard_each_s"]
    standard_mean = sum(standard) / len(standard)
    disk = figures["disk"]
    unbounded = figures["memory_unbounded"]
    recycled = figures["memory_recycled"]
    memory_rows = "\n".join(
        f"| {k:,} | {unbounded[k][0]:.1f} MB / {unbounded[k][1]:.0f} MB "
        f"| {recycled[k][0]:.1f} MB / {recycled[k][1]:.0f} MB |"
        for k in sorted(unbounded)
    )
    first_k, last_k = min(unbounded), max(unbounded)
    measure = 1 if unbounded[last_k][1] else 0  # private resident memory when /proc is readable
    per_schema = (unbounded[last_k][measure] - unbounded[first_k][measure]) / max(
        1, last_k - first_k
    )
    command = "make bench-quick" if quick else "make bench"
    rate = count / figures["added_s"]
    raw_rate = count / figures["raw_added_s"]
    country = 3355
    nothing_goal = "met" if figures["nothing_s"] <= GOAL_NOTHING_S else "**not met**"
    if count < country:  # the run reads one marker row per locality and opens no schema
        nothing_goal += f" with {count:,} localities (run `make bench` for the country)"
    disk_goal = "met" if disk["per_locality_mb"] <= GOAL_DISK_MB else "**not met**"
    startup_goal = "met" if figures["startup_s_second"] <= GOAL_STARTUP_S else "**not met**"
    text = f"""## Operating {count:,} localities: migrations, memory, disk, start-up

{header(command)} Script: `benchmarks/operate_all.py`. Load average at the start
{figures["load_start"]}; database `{DATABASE}` (dropped at the end); {count:,} localities
provisioned in {figures["provision_s"]:.0f} s with 2 workers.

| what | figure | limit / goal |
|---|---|---|
| **`manage.py migrate_localities`, nothing to apply** (new process, start-up included) \
| **{figures["nothing_s"]:.1f} s**: “{figures["nothing_output"]}” \
| goal ≤ {GOAL_NOTHING_S} s for {country:,}: {nothing_goal}; start-up alone (`manage.py version`) \
{figures["bare_start_s"]:.1f} s |
| django-tenants `migrate_schemas --schema=…`, nothing to apply, sample of {len(standard)} \
| {", ".join(f"{value:.1f} s" for value in standard)} per schema \
| × {count:,} ≈ {standard_mean * count / 60:.0f} min; \
× {country:,} ≈ {standard_mean * country / 3600:.1f} h |
| **added migration (new table + new dossier column) to {count:,} localities**, 2 workers \
| **{figures["added_s"]:.0f} s = {rate:.1f} localities/s** (start-up included): \
“{figures["added_output"]}” \
| raw DDL + record replayed on 2 connections: {figures["raw_added_s"]:.1f} s = {raw_rate:.1f}/s \
→ {figures["raw_added_s"] / figures["added_s"]:.0%} of the limit; for {country:,} at this rate \
≈ {country / rate / 60:.0f} min |
| `migrate_localities` again after it (nothing to apply) | {figures["nothing_after_s"]:.1f} s | |
| `migrate_localities --verify` (each marker vs its schema's `django_migrations`) \
| {figures["verify_s"]:.1f} s: “{figures["verify_output"]}” | |
| disk per empty locality (database growth ÷ localities) | **{disk["per_locality_mb"]:.2f} MB** \
| goal ≤ {GOAL_DISK_MB} MB: {disk_goal}; {disk["relations"]} relations ({disk["tables"]} tables, \
{disk["indexes"]} indexes, {disk["sequences"]} sequences) |
| **second start of the portal's process** (`portal_run`: migrate check, seed check, serve) \
| **{figures["startup_s_second"]:.1f} s** (first {figures["startup_s"]:.1f} s, seeding the demo) \
| goal ≤ {GOAL_STARTUP_S} s: {startup_goal}; one bare `manage.py` start-up \
{figures["bare_start_s"]:.1f} s |

Load average after the nothing-to-apply runs {figures["load_nothing"]}, after the added
migration {figures["load_added"]}, at the end {figures["load_end"]}.

PostgreSQL backend memory after one connection has served the home page of k localities
(real requests through Django, in-process), without recycling and with the default
`DATABASE_SCHEMAS_PER_CONNECTION = 100` (tenants/connection_limits.py); each cell: the sum
of the backend's memory contexts / its private resident memory (RssAnon):

| k localities | one connection | recycled after 100 schemas |
|---|---|---|
{memory_rows}

Without recycling the backend grows by ~{per_schema:.2f} MB per locality it serves
(≈ {per_schema * country / 1024:.1f} GB per connection for {country:,}); recycled, it stays
at the size it reaches after 100.
"""
    section = "operations-quick" if quick else "operations"
    write_section(section, text)
    log(f"wrote the {section} section of docs/performance.md")


if __name__ == "__main__":
    sys.exit(main())
