"""Benchmark: a locality's pages under gunicorn beside a bare Django view, and memory.

Run by `make bench` (all 3,355 current localities) and `make bench-quick` (`--localities 100`).
Creates a throw-away database (`dvc_bench_pages`, or `dvc_bench_pages_quick`) on DATABASE_URL's
server, provisions the localities (2 workers) and offers birth registration in every commune, then,
with a throw-away Redis (the page cache and the host map are shared by the workers through it):

1. a bare Django view (one URL, `HttpResponse("ok")`, no database, no middleware) and the portal,
   each under the same gunicorn command (`--workers 3`, sync, as the Dockerfile), loaded by
   `CONNECTIONS` concurrent connections for `--seconds` each: the commune home page, the catalogue
   and the procedure page, every request on the next commune's host (all communes in turn);
   then the same pages with the page cache off (`PAGE_CACHE_SECONDS=0`: every page rendered);
2. the SQL statements of each page (Django's test client in this process, counted as
   tests/pages/test_statement_counts.py pins them);
3. each gunicorn worker's resident memory, sampled every second over the whole portal run;
4. the PostgreSQL backends behind the workers' persistent connections (private resident memory,
   /proc/<pid>/status RssAnon, when the server runs on this machine) after the rendered run over
   every commune, without recycling and with `DATABASE_SCHEMAS_PER_CONNECTION` recycling.

Writes the section "pages" (or "pages-quick") of docs/performance.md with the load average
beside the figures; drops the database at the end (also when stopped).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
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
QUICK_ARGS = ["--localities", "100", "--seconds", "15"]
DATABASE = "dvc_bench_pages"  # `--localities N`: dvc_bench_pages_quick
PROVISION_WORKERS = 2
GUNICORN = ["--workers", "3", "--worker-class", "sync", "--timeout", "120"]
CONNECTIONS = 32
PORT = 8210  # this checkout's range: 8210-8219
BIRTH = "1.001193"
GOAL_SHARE = 0.5
GOAL_P99_MS = 100
RECYCLE_AFTER = 50

BARE_SETTINGS = """
SECRET_KEY = "bench-bare-view"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench_bare_settings"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
from django.http import HttpResponse
from django.urls import path
urlpatterns = [path("", lambda request: HttpResponse("ok"))]
"""


# --- load ----------------------------------------------------------------------------------------


async def _one(port: int, host: str, path: str) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Language: vi\r\n"
        "Connection: close\r\n\r\n".encode()
    )
    await writer.drain()
    data = await reader.read()
    writer.close()
    try:
        return int(data[9:12])
    except ValueError:
        return 0


async def _load(port: int, targets: list[tuple[str, str]], seconds: float) -> dict:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    deadline = time.monotonic() + seconds
    position = 0

    async def client() -> None:
        nonlocal position
        while time.monotonic() < deadline:
            host, path = targets[position % len(targets)]
            position += 1
            started = time.monotonic()
            try:
                status = await _one(port, host, path)
            except OSError:
                status = 0
            latencies.append(time.monotonic() - started)
            statuses[status] = statuses.get(status, 0) + 1

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(CONNECTIONS)))
    elapsed = time.monotonic() - started
    latencies.sort()

    def quantile(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return {
        "requests": len(latencies),
        "rate": len(latencies) / elapsed,
        "p50": quantile(0.50),
        "p99": quantile(0.99),
        "statuses": statuses,
    }


async def _each(port: int, targets: list[tuple[str, str]]) -> None:
    """Every target once, CONNECTIONS at a time."""
    queue = list(targets)

    async def client() -> None:
        while queue:
            host, path = queue.pop()
            await _one(port, host, path)

    await asyncio.gather(*(client() for _ in range(CONNECTIONS)))


def load(port: int, targets: list[tuple[str, str]], seconds: float) -> dict:
    # Warm-up: every host twice (its first page may create its footer settings, a change), then
    # a few seconds so that every worker has seen every host.
    for _ in range(2):
        asyncio.run(_each(port, targets))
    asyncio.run(_load(port, targets, 3.0))
    result = asyncio.run(_load(port, targets, seconds))
    result["load"] = load_average()
    log(
        f"{targets[0][1]} on {len(targets)} host(s): {result['rate']:.0f} req/s, "
        f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, {result['statuses']}"
    )
    return result


# --- processes -----------------------------------------------------------------------------------


class Gunicorn:
    """gunicorn with the given environment; samples its workers' resident memory every second."""

    def __init__(self, app: str, port: int, env: dict, chdir: Path):
        self.port = port
        self.rss: dict[int, list[float]] = {}
        self._stop = threading.Event()
        self.output = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--chdir",
            str(chdir),
            *GUNICORN,
        ]
        self.process = subprocess.Popen(
            command,
            env={**os.environ, **env},
            stdout=self.output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def wait_ready(self, host: str, path: str = "/healthz") -> None:
        for _ in range(600):
            if self.process.poll() is not None:
                self.output.seek(0)
                raise SystemExit(f"gunicorn stopped:\n{self.output.read().decode()[-3000:]}")
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{self.port}{path}", headers={"Host": host}
                )
                urllib.request.urlopen(request, timeout=10)  # noqa: S310 - loopback
                self._sampler.start()
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not answer")

    def workers(self) -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    found.append(int(entry.name))
        return found

    def _sample(self) -> None:
        while not self._stop.wait(1.0):
            for pid in self.workers():
                value = proc_kb(pid, "VmRSS")
                if value:
                    self.rss.setdefault(pid, []).append(value / 1024)

    def stop(self) -> None:
        self._stop.set()
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)
        self.output.close()


def proc_kb(pid: int, field: str) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


def backends_mb(server: Server) -> list[float]:
    """Private resident memory (MB) of every backend connected to the bench database."""
    with server.connect("postgres") as conn:
        pids = [
            row[0]
            for row in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [DATABASE],
            ).fetchall()
        ]
    return sorted(proc_kb(pid, "RssAnon") / 1024 for pid in pids)


# --- setup and in-process figures -----------------------------------------------------------------


def offer_birth_registration() -> int:
    from django.core.exceptions import ValidationError

    from procedure_plugins.services import offering_enable
    from tenants.choices import Level
    from tenants.models import Locality

    offered = 0
    for locality in Locality.objects.filter(level=Level.COMMUNE, is_active=True):
        try:
            offering_enable(locality=locality, code=BIRTH)
            offered += 1
        except ValidationError:
            continue
    return offered


def commune_hosts() -> list[str]:
    from tenants.choices import Level
    from tenants.models import Domain

    return list(
        Domain.objects.filter(tenant__level=Level.COMMUNE, is_primary=True)
        .order_by("tenant__schema_name")
        .values_list("domain", flat=True)
    )


def statements_per_page(host: str, other: str, paths: list[str]) -> dict[str, dict]:
    """SQL statements of each page rendered (cache off, a warm process, the connection last on
    the locality of host `other`) and from the cache."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    found: dict[str, dict] = {}
    client = Client(HTTP_HOST=host)
    for path in paths:
        with override_settings(PAGE_CACHE_SECONDS=0):
            for _ in range(2):
                client.get(path)
            Client(HTTP_HOST=other).get("/")
            # The log is a deque of 9,000 that DEBUG has filled while provisioning: a full one
            # has the same length before and after, and nothing would be counted.
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as capture:
                client.get(path)
            rendered = list(capture.captured_queries)  # read from the log: before it is cleared
        client.get(path)
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as cached:
            response = client.get(path)
        found[path] = {
            "rendered": len(rendered),
            "switches": sum(q["sql"].startswith("SET search_path") for q in rendered),
            "cached": len(cached.captured_queries),
            "hit": response.get("X-Page-Cache") == "hit",
        }
    return found


def first_request_s(env: dict, host: str) -> float:
    """A fresh process: Django's setup, the URLconf and the first commune home page."""
    script = (
        "import time, django; t = time.monotonic(); django.setup();"
        "from django.test import Client;"
        f"r = Client(HTTP_HOST={host!r}).get('/');"
        "print(r.status_code, round(time.monotonic() - t, 2))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, **env, "PYTHONPATH": f"{ROOT}:{ROOT / 'platform'}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    status, seconds = result.stdout.split()[-2:]
    if status != "200":
        raise SystemExit(f"first request answered {status}: {result.stderr[-2000:]}")
    return float(seconds)


# --- the run -------------------------------------------------------------------------------------


def measure(server: Server, hosts: list[str], seconds: float, redis_url: str) -> dict:
    url = server.url(DATABASE)
    portal_env = {
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        "PORTAL_ENV": "development",
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'platform'}",
    }
    figures: dict = {"hosts": len(hosts)}
    pages = {"home": "/", "catalogue": "/thu-tuc/", "procedure": f"/thu-tuc/{BIRTH}/"}
    figures["first_request_s"] = first_request_s(portal_env, hosts[0])
    with tempfile.TemporaryDirectory() as directory:
        Path(directory, "bench_bare_settings.py").write_text(BARE_SETTINGS)
        bare = Gunicorn(
            "django.core.wsgi:get_wsgi_application()",
            PORT,
            {"DJANGO_SETTINGS_MODULE": "bench_bare_settings", "PYTHONPATH": directory},
            Path(directory),
        )
        try:
            bare.wait_ready("localhost", "/")
            figures["bare"] = load(PORT, [("localhost", "/")], seconds)
        finally:
            bare.stop()

    for label, extra in (
        ("cached", {"DATABASE_SCHEMAS_PER_CONNECTION": "0"}),
        ("rendered", {"PAGE_CACHE_SECONDS": "0", "DATABASE_SCHEMAS_PER_CONNECTION": "0"}),
        (
            "recycled",
            {"PAGE_CACHE_SECONDS": "0", "DATABASE_SCHEMAS_PER_CONNECTION": str(RECYCLE_AFTER)},
        ),
    ):
        portal = Gunicorn("portal.wsgi:application", PORT + 1, {**portal_env, **extra}, ROOT)
        try:
            portal.wait_ready(hosts[0])
            results = {}
            for name, path in pages.items():
                if label == "recycled" and name != "home":
                    continue
                results[name] = load(PORT + 1, [(host, path) for host in hosts], seconds)
                if name == "home":
                    # Right after the page that opens a schema per commune: the other pages send
                    # no statement, and CONN_MAX_AGE (60 s) may close an idle connection.
                    figures[f"{label}_backends_mb"] = backends_mb(server)
            figures[label] = results
            figures[f"{label}_rss"] = portal.rss
        finally:
            portal.stop()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--localities", type=int, default=0, help="how many (default: all 3,355)")
    parser.add_argument("--seconds", type=float, default=30, help="load per page")
    parser.add_argument("--no-write", action="store_true", help="do not write docs/performance.md")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away database")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from operate_all import provision_localities

    from tenants.schema_template import template_snapshot
    from tenants.services import national_root_ensure
    from tests.support import redis_server

    signal.signal(signal.SIGTERM, signal.default_int_handler)
    quick = bool(args.localities)
    global DATABASE
    if quick:
        DATABASE = "dvc_bench_pages_quick"
    server = Server()
    server.drop(DATABASE)
    server.create(DATABASE)
    figures: dict = {"load_start": load_average()}
    try:
        use_database(DATABASE)
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        national_root_ensure()
        template_snapshot()
        made, seconds = provision_localities(args.localities or 10**6)
        figures.update(localities=made, provision_s=seconds)
        use_database(DATABASE)
        figures["offered"] = offer_birth_registration()
        hosts = commune_hosts()
        log(f"{made} localities in {seconds:.0f} s, {figures['offered']} communes offer {BIRTH}")
        figures["statements"] = statements_per_page(
            hosts[0], hosts[1], ["/", "/thu-tuc/", f"/thu-tuc/{BIRTH}/"]
        )
        log(f"statements: {figures['statements']}")
        connection.close()
        with redis_server() as redis_url:
            figures.update(measure(server, hosts, args.seconds, redis_url))
        figures["load_end"] = load_average()
    finally:
        connection.close()
        use_database("postgres")
        if not args.keep:
            server.drop(DATABASE)
    if not args.no_write:
        write(figures, quick=quick)
    return 0


def _rss_summary(samples: dict[int, list[float]]) -> str:
    if not samples:
        return "not readable"
    rows = [
        f"{values[0]:.0f} → {max(values):.0f} → {values[-1]:.0f} MB"
        for values in samples.values()
        if values
    ]
    return "; ".join(rows)


def write(figures: dict, *, quick: bool) -> None:
    bare = figures["bare"]
    command = "make bench-quick" if quick else "make bench"
    names = {"home": "commune home `/`", "catalogue": "catalogue `/thu-tuc/`"}
    names["procedure"] = f"procedure page `/thu-tuc/{BIRTH}/`"
    rows = [
        f"| bare Django view (no database, no middleware) | {bare['rate']:.0f} | 100 % "
        f"| {bare['p50']:.1f} | {bare['p99']:.1f} | {bare['load']} |"
    ]
    verdicts = []
    for label, how in (("cached", "page cache on"), ("rendered", "page cache off")):
        for name, result in figures[label].items():
            share = result["rate"] / bare["rate"]
            bad = {k: v for k, v in result["statuses"].items() if k != 200}
            note = f" (not 200: {bad})" if bad else ""
            rows.append(
                f"| {names[name]}, {how}{note} | {result['rate']:.0f} | {share:.0%} "
                f"| {result['p50']:.1f} | {result['p99']:.1f} | {result['load']} |"
            )
            if label == "cached":
                met = share >= GOAL_SHARE and result["p99"] < GOAL_P99_MS
                verdicts.append(f"{name}: {'met' if met else '**not met**'}")
    statements = "\n".join(
        f"| `{path}` | {row['rendered']} | {row['switches']} | {row['cached']} |"
        for path, row in figures["statements"].items()
    )
    backends_plain = figures["rendered_backends_mb"]
    backends_recycled = figures["recycled_backends_mb"]

    def backend_text(values: list[float]) -> str:
        if not values:
            return "no connection open"
        if not any(values):
            return "not readable (server on another machine)"
        return ", ".join(f"{value:.0f}" for value in values) + " MB"

    count = figures["localities"]
    text = f"""## Pages beside a bare view, worker and backend memory ({count:,} localities)

{header(command)} Script: `benchmarks/pages.py`. Load average at the start
{figures["load_start"]}, at the end {figures["load_end"]}; database `{DATABASE}` (dropped at
the end); {figures["localities"]:,} localities provisioned in {figures["provision_s"]:.0f} s,
{figures["offered"]:,} communes offering {BIRTH}; a throw-away Redis for the caches.

Every figure below comes from the same run: gunicorn `{" ".join(GUNICORN)}` for the bare view
and for the portal, {CONNECTIONS} concurrent connections (a new TCP connection per request, as
sync workers close them), each request on the next of {figures["hosts"]:,} communes' hosts, the
load generator (Python asyncio) on the same machine. Goal: each page ≥ {GOAL_SHARE:.0%} of the
bare view's requests per second with p99 < {GOAL_P99_MS} ms, page cache on: {"; ".join(verdicts)}.

| what | req/s | of bare | p50 (ms) | p99 (ms) | load average after |
|---|---|---|---|---|---|
{chr(10).join(rows)}

SQL statements per page (Django's test client in the benchmark's process, a warm worker, the
connection on another schema before the request; tests/pages/test_statement_counts.py pins them):

| page | rendered (cache off) | of which `SET search_path` | from the page cache |
|---|---|---|---|
{statements}

First request of a fresh process (Django's setup, URLconf, one commune home page):
{figures["first_request_s"]:.1f} s (WeasyPrint, graphviz and openpyxl are imported where used,
not by the URLconf).

Web workers' resident memory over each portal run (per worker: first sample → highest → last):
page cache on: {_rss_summary(figures["cached_rss"])}; page cache off, over every commune:
{_rss_summary(figures["rendered_rss"])}.

PostgreSQL backends behind the workers' persistent connections, private resident memory
(RssAnon) after the rendered home page of every commune, without recycling:
{backend_text(backends_plain)}; recycled after {RECYCLE_AFTER} schemas
(`DATABASE_SCHEMAS_PER_CONNECTION`, tenants/connection_limits.py):
{backend_text(backends_recycled)}. Served from the page cache, a request opens no schema at all.
"""
    write_section("pages-quick" if quick else "pages", text)
    log("wrote the pages section of docs/performance.md")


if __name__ == "__main__":
    sys.exit(main())
