"""Benchmark: statistics roll-ups over a national index of 1,000,000 rows (3,355 localities).

Run by `make bench` (or `python benchmarks/rollups.py [--rows N] [--rounds N] [--no-write]`).
Creates a throw-away database on the server of DATABASE_URL (or the embedded one), migrates its
public schema, adds 34 provinces and 3,321 communes as Locality rows (no schemas: statistics read
only the index) and 1,000,000 index rows over one year with known shares of outcomes (done early,
on time, late, supplemented twice, stopped, withdrawn, still open), then times what the pages run
(scoreboard.selectors, the same functions):

1. one commune's table (`unit_table`) for a month;
2. a province's table with its ~98 communes ranked (`province_ranking`) for a month and a year;
3. the national root's table of 34 provinces (`national_ranking`) for a month and a year.

Prints p50/max of each and the plan of the province statement, writes its section of
docs/performance.md, drops the database at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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

# `make bench-quick`: a tenth of the rows, printed only (the section keeps the full-size figures).
QUICK_ARGS = ["--rows", "100000", "--rounds", "5", "--no-write"]


def populate(rows: int) -> dict:
    """Localities, one applicant and index rows, inserted set-wise."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    _root, provinces, _communes = fake_units()
    applicant = get_user_model().objects.create(username="bench", id_number="", password="!")  # noqa: S106
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_unit AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id"
            " FROM tenants_locality WHERE level = 'commune'"
        )
        cursor.execute("CREATE INDEX ON bench_unit (n)")
        # Row i: commune i mod 3,321, received on day i mod 365 of 2026 at 09:00; outcome by
        # i mod 20: 0–9 done early, 10–12 on time, 13 late, 14 supplemented twice, 15 stopped,
        # 16 withdrawn, 17–19 still open if received in December (due 3 days after reception),
        # else done on time; results collected a day after they are ready.
        cursor.execute(
            """
            INSERT INTO dossier_index_dossierindexentry (
                locality_id, reference, applicant_id, code, procedure_code, plugin_version,
                created_at, state, state_label, national_status, channel, delivery_method,
                submitted_at, received_at, appointment_at, finished_at, returned_at, timeliness,
                applicant_id_hash, indexed_at, ended_at, supplement_rounds, paused_seconds,
                fee, paid_online, electronic_result, rating, pauses, digitised_components,
                reused_digitised, late_steps)
            SELECT unit.id, md5(i::text)::uuid, %(applicant)s, 'B-' || i, '2.000635', 1,
                   day, o.state, o.state, 4, 1 + (i %% 2), 'desk',
                   day, day, day + interval '3 days', o.finished,
                   CASE WHEN k <= 14 THEN o.finished + interval '1 day' END, o.timeliness,
                   '', now(), coalesce(o.finished, o.withdrawn),
                   CASE WHEN k = 14 THEN 2 ELSE 0 END, 0,
                   CASE WHEN i %% 3 = 0 THEN 8000 END, false, o.finished IS NOT NULL,
                   CASE WHEN i %% 7 = 0 THEN 1 + i %% 5 END, '[]'::jsonb, false, false, 0
            FROM generate_series(0, %(rows)s - 1) AS i
            JOIN bench_unit AS unit ON unit.n = i %% %(units)s
            CROSS JOIN LATERAL (SELECT timestamptz '2026-01-01 09:00+07'
                                       + (i %% 365) * interval '1 day' AS day0) AS d0
            CROSS JOIN LATERAL (SELECT day0 AS day, CASE WHEN i %% 20 >= 17 AND i %% 365 < 334
                                             THEN 10 ELSE i %% 20 END AS k) AS d
            CROSS JOIN LATERAL (SELECT
                CASE WHEN k <= 14 THEN 'returned' WHEN k = 15 THEN 'refused'
                     WHEN k = 16 THEN 'withdrawn' ELSE 'in_processing' END AS state,
                CASE WHEN k <= 9 OR k = 14 THEN day + interval '1 day'
                     WHEN k <= 12 OR k = 15 THEN day + interval '3 days'
                     WHEN k = 13 THEN day + interval '5 days' END AS finished,
                CASE WHEN k = 16 THEN day + interval '1 day' END AS withdrawn,
                CASE WHEN k <= 9 OR k = 14 THEN 'early' WHEN k <= 12 OR k = 15 THEN 'on_time'
                     WHEN k = 13 THEN 'late' ELSE '' END AS timeliness) AS o
            """,
            {"rows": rows, "units": COMMUNES, "applicant": applicant.pk},
        )
        cursor.execute("ANALYZE")
    return {"province": provinces[0]}


def timed(function, rounds: int) -> tuple[float, float]:
    """(p50, max) in milliseconds after one warm-up call."""
    function()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, max(samples) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--no-write", action="store_true", help="do not write docs/performance.md")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away database")
    args = parser.parse_args()

    import django

    django.setup()
    from common import Server, use_database
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from report import load_average, write_section

    signal.signal(signal.SIGTERM, signal.default_int_handler)
    server = Server()
    name = f"dvc_bench_scoreboard_{dt.datetime.now():%Y%m%d%H%M%S}"
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
            cursor.execute("SELECT count(*) FROM dossier_index_dossierindexentry")
            figures["rows"] = cursor.fetchone()[0]
        log(f"{figures['rows']:,} index rows in {figures['populate_s']:.1f} s")

        from scoreboard import periods, selectors, services
        from tenants.models import Locality

        now = dt.datetime(2027, 1, 15, 9, 0, tzinfo=periods.VIETNAM)
        province = data["province"]
        commune = Locality.objects.filter(parent=province).first()
        month, year = periods.month(2026, 6), periods.year_period(2026)
        kinds = {
            "unit_month": lambda: selectors.unit_table(commune, month, now=now),
            "province_month": lambda: selectors.province_ranking(province, month, now=now),
            "province_year": lambda: selectors.province_ranking(province, year, now=now),
            "national_month": lambda: selectors.national_ranking(month, now=now),
            "national_year": lambda: selectors.national_ranking(year, now=now),
            "national_page_year": lambda: services.national_figures(year, now=now),
        }
        services.national_figures_refresh(now=now)  # what the beat job does every 10 minutes
        _own, total, ranked = selectors.province_ranking(province, year, now=now)
        figures["province_units"], figures["province_share"] = len(ranked), total.on_time_share
        country, provinces = selectors.national_ranking(year, now=now)
        figures["country_received"], figures["country_share"] = (
            country.received,
            country.on_time_share,
        )
        assert country.received == sum(t.received for _p, t in provinces)
        with CaptureQueriesContext(connection) as captured:
            selectors.province_ranking(province, month, now=now)
        statement = [q["sql"] for q in captured.captured_queries if "dossier_index" in q["sql"]]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + statement[0])
            figures["plan"] = "\n".join(row[0] for row in cursor.fetchall())
        results = {}
        for kind, function in kinds.items():
            results[kind] = timed(function, args.rounds)
            log(f"{kind}: p50 {results[kind][0]:.0f} ms, max {results[kind][1]:.0f} ms")
        figures["load_end"] = load_average()
        if not args.no_write:
            write_section("scoreboard", report(args, figures, results))
            log("docs/performance.md: section 'scoreboard' written")
    finally:
        if args.keep:
            log(f"kept database {name}")
        else:
            from django.db import connections

            connections.close_all()
            server.drop(name)
    return 0


def report(args, figures: dict, results: dict) -> str:
    from report import header

    def line(label: str, key: str) -> str:
        p50, worst = results[key]
        return f"| {label} | {p50:.0f} | {worst:.0f} |"

    return f"""## Statistics roll-ups over the national index (`benchmarks/rollups.py`)

{header("python benchmarks/rollups.py")} Load average at the start {figures["load_start"]}.

{figures["rows"]:,} index rows over one year (2026) and 3,321 communes of 34 provinces, filled in
{figures["populate_s"]:.0f} s; outcomes in fixed shares (half early, 5 % late, 5 % supplemented
twice, 5 % stopped, 5 % withdrawn, 15 % on time, 15 % more on time or, if received in December,
still open); results collected a day after they are ready. {args.rounds} timed calls of each
(`scoreboard.selectors` and `scoreboard.services`, what the pages call; one process), after one
warm-up call. Checks: the province has {figures["province_units"]} communes ranked, on-time share
for the year {figures["province_share"]} %; the country received {figures["country_received"]:,},
on time {figures["country_share"]} %, and equals the sum of its provinces.

| what | p50 (ms) | max (ms) |
|---|---|---|
{line("one commune's table, a month", "unit_month")}
{line("a province and its communes ranked, a month", "province_month")}
{line("a province and its communes ranked, a year", "province_year")}
{line("the nation and its 34 provinces, a month", "national_month")}
{line("the nation and its 34 provinces, a year", "national_year")}
{line("the nation's page for a year, as the job keeps it", "national_page_year")}

Target: well under a second for a province and for the nation. Each table is one grouped
statement over the index (conditional counts). A unit's and a province's are counted when the
page is asked for (exact); the nation's reads every row of the period, so a batched job
(`scoreboard.refresh_national`, every 10 minutes) counts it for the usual periods and the page
reads that (last row); another period is counted live (the rows above).

Plan of the province statement (a month):

```
{figures["plan"]}
```
"""


if __name__ == "__main__":
    sys.exit(main())
