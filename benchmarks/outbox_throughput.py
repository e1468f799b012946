"""Benchmark: messages per second through the outbox, with a real Celery worker and Redis.

Run by `make bench` (or `python benchmarks/outbox_throughput.py [--messages N] [--batch N]
[--no-write]`).
Creates a throw-away database (`dvc_bench_outbox`) on DATABASE_URL's server with the demo
localities, starts its own `redis-server` and an SMTP server (aiosmtpd, accepting at once) on
loopback, then for each worker set-up (`--pool=solo`; `--pool=prefork -c 2`):

1. writes N e-mail messages into Xã Tứ Kỳ's outbox, `--batch` per transaction (as N dossier
   changes committing would), each committing transaction sending its delivery tasks to Redis;
2. waits until the worker has delivered every one (the rows are `sent`, the SMTP server holds N
   messages).

Prints and writes (section "outbox" of docs/performance.md): the write rate (rows committed and
tasks published per second), the delivery rate (messages per second from the first commit to
the last `sent`), and the p50/p99 time from a row's creation to its `sent`. Drops the database.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from common import ROOT, Server, log, use_database
from report import header, write_section

DATABASE = "dvc_bench_outbox"
QUICK_ARGS = ["--messages", "300", "--no-write"]
WORKERS = {"solo": ["--pool=solo"], "prefork-2": ["--pool=prefork", "--concurrency=2"]}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


class Counter:
    """An SMTP handler that accepts every message and counts it."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.count += 1
        return "250 OK"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(name: str, flags: list[str], *, url: str, redis_url: str, smtp_port: int, args) -> dict:
    from django.db import transaction
    from django_tenants.utils import tenant_context

    from outbox.choices import Channel, MessageState
    from outbox.models import Message
    from outbox.services import message_enqueue
    from tenants.models import Locality

    locality = Locality.objects.get(code="11074")  # Xã Tứ Kỳ
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}",
    }
    command = [sys.executable, "-m", "celery", "-A", "portal", "worker", *flags]
    command += ["--without-gossip", "--without-mingle", "-n", f"bench-{name}@%h", "-l", "WARNING"]
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as output:
        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
        try:
            time.sleep(4)  # the worker's start-up is not what is measured
            with tenant_context(locality):
                Message.objects.all().delete()
                started = time.monotonic()
                for first in range(0, args.messages, args.batch):
                    with transaction.atomic():
                        for i in range(first, min(args.messages, first + args.batch)):
                            message_enqueue(
                                channel=Channel.EMAIL,
                                kind="bench",
                                recipient=f"nguoi{i}@example.com",
                                key=f"bench:{name}:{i}",
                                subject=f"Hồ sơ số {i} đã được tiếp nhận",
                                body="Bộ phận Một cửa đã tiếp nhận hồ sơ của bạn.\n" * 8,
                            )
                written = time.monotonic() - started
                deadline = time.monotonic() + 600
                while Message.objects.filter(state=MessageState.SENT).count() < args.messages:
                    if time.monotonic() > deadline or worker.poll() is not None:
                        output.seek(0)
                        raise RuntimeError(f"the worker did not finish:\n{output.read()[-3000:]}")
                    time.sleep(0.1)
                delivered = time.monotonic() - started
                latencies = [
                    (sent - created).total_seconds()
                    for created, sent in Message.objects.values_list("created_at", "sent_at")
                ]
                attempts = sum(Message.objects.values_list("attempts", flat=True))
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=60)
    figures = {
        "messages": args.messages,
        "write_per_s": args.messages / written,
        "deliver_per_s": args.messages / delivered,
        "p50_s": statistics.median(latencies),
        "p99_s": percentile(latencies, 0.99),
        "attempts": attempts,
    }
    log(
        f"{name}: wrote {figures['write_per_s']:.0f}/s, "
        f"delivered {figures['deliver_per_s']:.0f}/s, "
        f"creation→sent p50 {figures['p50_s']:.2f} s p99 {figures['p99_s']:.2f} s"
    )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=20, help="messages per transaction")
    parser.add_argument("--no-write", action="store_true", help="do not write docs/performance.md")
    args = parser.parse_args()

    redis_port = free_port()
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    folder = tempfile.mkdtemp(prefix="bench-redis-")
    redis = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--dir", folder]
        + ["--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(redis_port)
    # This process sends through that Redis too (set before Django reads its settings).
    os.environ.update(CELERY_BROKER_URL=redis_url, CELERY_TASK_ALWAYS_EAGER="0")

    import django

    django.setup()
    import logging

    from aiosmtpd.controller import Controller
    from django.core.management import call_command

    from tenants.demo import demo_localities_ensure
    from tenants.schema_template import template_snapshot

    server = Server()
    server.drop(DATABASE)
    server.create(DATABASE)
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    counter = Counter()
    smtp_port = free_port()
    smtp = Controller(counter, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    results: dict[str, dict] = {}
    try:
        use_database(DATABASE)
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        template_snapshot()
        demo_localities_ensure()
        log("database ready")
        for name, flags in WORKERS.items():
            results[name] = run(
                name, flags, url=server.url(DATABASE), redis_url=redis_url,
                smtp_port=smtp_port, args=args,
            )  # fmt: skip
    finally:
        smtp.stop()
        redis.terminate()
        redis.wait(timeout=20)
        from django.db import connections

        connections.close_all()
        server.drop(DATABASE)
    if counter.count != args.messages * len(WORKERS):
        log(f"the SMTP server received {counter.count} messages, not {args.messages * 2}")
        return 1
    if not args.no_write:
        write(results, args)
    return 0


def write(results: dict[str, dict], args) -> None:
    rows = "\n".join(
        f"| {name} | {r['messages']} | {r['write_per_s']:.0f} | {r['deliver_per_s']:.0f} "
        f"| {r['p50_s']:.2f} | {r['p99_s']:.2f} | {r['attempts']} |"
        for name, r in results.items()
    )
    text = f"""## Outbox: messages per second with a real worker

{header(f"python benchmarks/outbox_throughput.py --messages {args.messages} --batch {args.batch}")}

E-mail messages written into one locality's outbox, {args.batch} per committed transaction, each
commit publishing its delivery tasks to Redis; one Celery worker (`celery -A portal worker`)
claims each row, sends it over SMTP to a local aiosmtpd server that accepts at once, and records
it `sent`. Rates run from the first commit to the last row written / sent; latency is a row's
creation to its `sent`, including the queue it waited in.

| worker | messages | written/s | delivered/s | creation→sent p50 (s) | p99 (s) | attempts |
|---|---|---|---|---|---|---|
{rows}

The SMTP server received every message exactly once (no retries: attempts = messages).
"""
    write_section("outbox", text)


if __name__ == "__main__":
    sys.exit(main())
