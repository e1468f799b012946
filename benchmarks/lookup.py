"""Benchmark: dossier lookup over a national index of 1,000,000 rows (3,355 localities).

Run by `make bench` (or `python benchmarks/lookup.py [--rows N] [--requests N] [--no-write]`).
Creates a throw-away database on the server of DATABASE_URL (or the embedded one), migrates its
public schema, adds 34 provinces and 3,321 communes as Locality rows with their hosts (no
schemas: lookup by code or ID number reads only the index), 100,000 citizens and 1,000,000 index
rows spread over the communes, then measures in the same run:

1. lookup by code through the real view (`GET /ho-so/tra-cuu/?ma=…` on the national root, Django's
   test client: middleware, tenant resolution, rate limit, template), anonymous;
2. lookup by ID number through the real view (a logged-in citizen posts their own number);
3. the SQL statement each of those runs against the index, alone;
4. a bare primary-key fetch of one index row (`SELECT * … WHERE id = %s`), the floor.

Prints p50/p99 of each, the queries per request, the plan of the code lookup, and writes its
section of docs/performance.md. Drops the database at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import signal
import statistics
import sys
import time
from pathlib import Path

from common import COMMUNES, fake_units, log

ROOT = Path(__file__).resolve().parents[1]
for source_root in (ROOT, ROOT / "platform", ROOT / "benchmarks"):
    if str(source_root) not in sys.path:
        sys.path.insert(0, str(source_root))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")  # noqa: S108 - pgserver needs one

CITIZENS = 100_000
# `make bench-quick`: a tenth of the rows, printed only (the section keeps the full-size figures).
QUICK_ARGS = ["--rows", "100000", "--requests", "500", "--no-write"]


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p99) in milliseconds."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p99 * 1000


def populate(rows: int) -> dict:
    """Localities with hosts, citizens and index rows, inserted set-wise; returns samples."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from tenants.models import Domain
    from workflows.public_index.services import id_number_hash

    root, provinces, communes = fake_units()
    base = root.get_primary_domain().domain
    Domain.objects.bulk_create(
        [
            Domain(
                domain=f"{unit.slug}.{unit.parent.slug + '.' if unit.level == 'commune' else ''}"
                f"{base}",
                tenant=unit,
                is_primary=True,
            )
            for unit in [*provinces, *communes]
        ],
        batch_size=2000,
    )
    User = get_user_model()  # noqa: N806
    numbers = [f"0{31000000000 + n:011d}" for n in range(CITIZENS)]
    User.objects.bulk_create(
        [
            User(username=f"cd{n}", id_number=number, full_name=f"Công dân {n}", password="!")  # noqa: S106
            for n, number in enumerate(numbers)
        ],
        batch_size=5000,
    )
    users = dict(User.objects.filter(username__startswith="cd").values_list("id_number", "pk"))
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_hash (user_id bigint, id_hash text)")
        with cursor.copy("COPY bench_hash (user_id, id_hash) FROM STDIN") as copy:
            for number, pk in users.items():
                copy.write_row((pk, id_number_hash(number)))
        cursor.execute(
            "CREATE TEMP TABLE bench_user AS SELECT row_number() OVER (ORDER BY user_id) - 1 AS n,"
            " user_id, id_hash FROM bench_hash"
        )
        cursor.execute("CREATE INDEX ON bench_user (n)")
        cursor.execute(
            "CREATE TEMP TABLE bench_unit AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id,"
            " code FROM tenants_locality WHERE level = 'commune'"
        )
        cursor.execute("CREATE INDEX ON bench_unit (n)")
        # Row i: commune i mod 3,321, citizen i mod 100,000, code <commune>-<day>-<number>.
        cursor.execute(
            """
            INSERT INTO dossier_index_dossierindexentry (
                locality_id, reference, applicant_id, code, procedure_code, plugin_version,
                created_at, state, state_label, national_status, channel, delivery_method,
                submitted_at, received_at, appointment_at, finished_at, returned_at, timeliness,
                applicant_id_hash, indexed_at, supplement_rounds, paused_seconds, pauses,
                paid_online, electronic_result, digitised_components, reused_digitised, late_steps)
            SELECT unit.id, md5(i::text)::uuid, person.user_id,
                   unit.code || '-' || to_char(day, 'YYMMDD') || '-'
                       || lpad((i / %(units)s)::text, 4, '0'),
                   '2.000635', 1, day, 'received', 'Đã tiếp nhận', 2, 2, 'desk',
                   day, day + interval '1 hour', day + interval '3 days', NULL, NULL, '',
                   person.id_hash, now(), 0, 0, '[]'::jsonb, false, false, false, false, 0
            FROM generate_series(0, %(rows)s - 1) AS i
            JOIN bench_unit AS unit ON unit.n = i %% %(units)s
            JOIN bench_user AS person ON person.n = i %% %(citizens)s
            CROSS JOIN LATERAL (SELECT timestamptz '2026-01-01' + (i %% 300) * interval '1 day'
                                AS day) AS d
            """,
            {"rows": rows, "units": COMMUNES, "citizens": CITIZENS},
        )
        cursor.execute("ANALYZE")
        cursor.execute("SELECT min(id), max(id) FROM dossier_index_dossierindexentry")
        low, high = cursor.fetchone()
    return {"numbers": numbers, "users": users, "id_range": (low, high), "base": base}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--no-write", action="store_true", help="do not write docs/performance.md")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away database")
    args = parser.parse_args()

    import django

    django.setup()
    from common import Server, use_database
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from report import load_average, write_section

    setup_test_environment()  # the test client's response.context; no database change
    settings.ALLOWED_HOSTS = ["*"]
    settings.LOOKUP_RATE_LIMIT = "1000000/m"  # measured here: the lookup, not the refusal
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    server = Server()
    name = f"dvc_bench_lookup_{dt.datetime.now():%Y%m%d%H%M%S}"
    server.create(name)
    figures: dict = {"load_start": load_average()}
    try:
        use_database(name)
        started = time.monotonic()
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        log(f"public schema migrated in {time.monotonic() - started:.1f} s")
        started = time.monotonic()
        data = populate(args.rows)
        figures["populate_s"] = time.monotonic() - started
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), count(DISTINCT locality_id) FROM dossier_index_dossierindexentry"
            )
            figures["rows"], figures["localities"] = cursor.fetchone()
            cursor.execute("SELECT pg_total_relation_size('dossier_index_dossierindexentry')")
            figures["table_bytes"] = cursor.fetchone()[0]
        log(
            f"{figures['rows']:,} index rows over {figures['localities']:,} communes in "
            f"{figures['populate_s']:.1f} s"
        )

        rng = random.Random(12)  # noqa: S311 - a reproducible sample, not a secret
        low, high = data["id_range"]
        with connection.cursor() as cursor:
            ids = [rng.randint(low, high) for _ in range(args.requests)]
            cursor.execute(
                "SELECT code FROM dossier_index_dossierindexentry WHERE id = ANY(%s)", [ids]
            )
            codes = [row[0] for row in cursor.fetchall()]
        rng.shuffle(codes)
        numbers = [rng.choice(data["numbers"]) for _ in range(args.requests)]

        host = data["base"]
        client = Client(HTTP_HOST=host)
        client.get(f"/ho-so/tra-cuu/?ma={codes[0]}")  # warm: templates, registry, connection
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/ho-so/tra-cuu/?ma={codes[0]}")
        assert response.status_code == 200 and codes[0] in response.content.decode()
        figures["code_queries"] = [q["sql"] for q in captured.captured_queries]
        index_sql = [q for q in figures["code_queries"] if "dossier_index" in q]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + index_sql[0])
            figures["code_plan"] = "\n".join(row[0] for row in cursor.fetchall())

        User = get_user_model()  # noqa: N806
        people = {number: User.objects.get(id_number=number) for number in set(numbers)}
        clients = {}

        def by_id(number: str):
            person_client = clients.get(number)
            if person_client is None:
                person_client = clients[number] = Client(HTTP_HOST=host)
                person_client.force_login(people[number])
            return person_client.post("/ho-so/tra-cuu/", {"id_number": number})

        for number in set(numbers):
            by_id(number)  # log in everyone first: the login is not what is measured
        with CaptureQueriesContext(connection) as captured:
            response = by_id(numbers[0])
        page = response.content.decode()
        assert response.status_code == 200 and "Các hồ sơ của người nộp" in page
        figures["id_queries"] = [q["sql"] for q in captured.captured_queries]

        from workflows.public_index import lookup as rules
        from workflows.public_index.models import DossierIndexEntry
        from workflows.public_index.services import id_number_hash

        hashes = [id_number_hash(number) for number in numbers]
        pks = [rng.randint(low, high) for _ in range(args.requests)]
        cursor = connection.cursor()

        def bare_sql(pk: int):
            cursor.execute("SELECT * FROM dossier_index_dossierindexentry WHERE id = %s", [pk])
            return cursor.fetchone()

        kinds = {
            "code_view": lambda i: client.get(f"/ho-so/tra-cuu/?ma={codes[i]}"),
            "id_view": lambda i: by_id(numbers[i]),
            "form_view": lambda i: client.get("/ho-so/tra-cuu/"),
            "code_sql": lambda i: rules.hits(column="code", value=codes[i]),
            "id_sql": lambda i: rules.hits(column="applicant_id_hash", value=hashes[i]),
            "bare_orm": lambda i: DossierIndexEntry.objects.get(pk=pks[i]),
            "bare_sql": lambda i: bare_sql(pks[i]),
        }
        samples: dict[str, list[float]] = {kind: [] for kind in kinds}
        log(f"{len(codes):,} rounds of {', '.join(kinds)}, interleaved …")
        # Interleaved, so that a burst of other work on a shared machine hits every kind alike.
        for i in range(len(codes)):
            for kind, function in kinds.items():
                started = time.perf_counter()
                function(i)
                samples[kind].append(time.perf_counter() - started)
        cursor.close()
        figures["load_end"] = load_average()
        results = {kind: percentiles(values) for kind, values in samples.items()}
        log(f"queries per code lookup: {figures['code_queries']}")
        for key, (p50, p99) in results.items():
            log(f"{key}: p50 {p50:.2f} ms, p99 {p99:.2f} ms")
        if not args.no_write:
            write_section("lookup", report(args, figures, results))
            log("docs/performance.md: section 'lookup' written")
    finally:
        if args.keep:
            log(f"kept database {name}")
        else:
            from django.db import connections

            connections.close_all()
            server.drop(name)
    return 0


def tables(queries: list[str]) -> str:
    """`SET search_path …, tenants_domain, dossier_index_dossierindexentry`: what each read."""
    names = []
    for sql in queries:
        if " FROM " in sql:
            names.append(sql.split(" FROM ", 1)[1].split()[0].strip('"'))
        else:
            names.append(" ".join(sql.split()[:2]))
    return ", ".join(names)


def report(args, figures: dict, results: dict) -> str:
    from report import header

    def line(label: str, key: str, floor: str) -> str:
        p50, p99 = results[key]
        return f"| {label} | {p50:.2f} | {p99:.2f} | {p99 / results[floor][1]:.1f}× {floor} |"

    return f"""## Dossier lookup over the national index (`benchmarks/lookup.py`)

{header("python benchmarks/lookup.py")} Load average at the start {figures["load_start"]}.

{figures["rows"]:,} index rows over {figures["localities"]:,} communes; 3,355 localities in all
(34 provinces and 3,321 communes as Locality rows with hosts, no schemas: lookup reads only the
index); 100,000 citizens (10 dossiers each); the table with its indexes
{figures["table_bytes"] / 1024 / 1024:.0f} MiB, filled in {figures["populate_s"]:.0f} s.
{args.requests:,} rounds, each timing one of every kind below in turn (random codes and citizens;
one process; Django's test client on the national root's host, so middleware, tenant
resolution, rate limit and template are all included).

| what | p50 (ms) | p99 (ms) | p99 ratio |
|---|---|---|---|
{line("lookup by code, through the view (anonymous `GET ?ma=`)", "code_view", "form_view")}
{line("lookup by ID number, through the view (citizen logged in, POST)", "id_view", "form_view")}
{line("the lookup page without a search, through the view", "form_view", "form_view")}
{line("the code lookup's statement (`lookup.hits`, as the view runs it)", "code_sql", "bare_orm")}
{line("the ID-number lookup's statement (`lookup.hits`)", "id_sql", "bare_orm")}
{line("bare primary-key fetch of one index row (ORM `get(pk=)`)", "bare_orm", "bare_orm")}
{line("bare primary-key fetch of one index row (raw SQL)", "bare_sql", "bare_orm")}

Statements per lookup by code through the view: {len(figures["code_queries"])}
({tables(figures["code_queries"])}); by ID number: {len(figures["id_queries"])}
({tables(figures["id_queries"])}). Target: the lookup statements' p99 within 2× the bare
primary-key fetch of the same table; a request through Django costs milliseconds whatever it
reads, so the view rows are compared with the same page answering no search.

Plan of the code lookup:

```
{figures["code_plan"]}
```
"""


if __name__ == "__main__":
    sys.exit(main())
