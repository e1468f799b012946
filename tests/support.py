"""What the test fixtures share: the test database as a URL for the processes they start, free
loopback ports, the portal and Redis started as real processes on loopback, and the rule that in
CI a missing tool fails a test instead of skipping it.

    url = database_url(connection.settings_dict)   # for a subprocess's DATABASE_URL
    with portal_server({"EMAIL_PORT": "2525"}) as url: requests.get(url("tu-ky...", "/"))
    with redis_server() as redis_url: ...
    dot = require_tool("dot", package="graphviz")
    with celery_worker(redis_url, {"EMAIL_PORT": "2525"}, "test-worker") as worker: ...
    mailbox = Mailbox()  # an aiosmtpd handler: what a loopback SMTP server received
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn
from urllib.parse import quote, urlencode

import pytest

ROOT = Path(__file__).resolve().parents[1]


# -- tools the suite needs ------------------------------------------------------------------------


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> NoReturn:
    """A test cannot run here. On a developer's machine that is a skip with the reason; under CI
    (CI=true) a failure: a green CI run must mean every test ran."""
    if running_in_ci():
        pytest.fail(f"{reason} (CI=true: a missing tool fails the run instead of skipping)")
    pytest.skip(reason)


def require_tool(command: str, *, package: str) -> str:
    """The full path of `command`, or `unavailable` naming the Debian package that provides it."""
    path = shutil.which(command)
    if path is None:
        unavailable(
            f"'{command}' is missing: install the Debian package {package} "
            "(scripts/system-deps.sh installs it)"
        )
    return path


def free_port() -> int:
    """A TCP port free on loopback right now (the process that binds it next may race others)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- the test database, for another process ------------------------------------------------


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL that `dj_database_url.parse` turns back into the same HOST, PORT, USER,
    PASSWORD, NAME and OPTIONS: how a process the tests start reaches the very database the tests
    use. `connection.settings_dict` during a test session names the test database.

    A socket directory (the embedded server's `var/pgdata`) goes into the host part
    percent-encoded: a URL host cannot hold "/", and urllib lowercases a host only up to its
    first "%", so every character of the path survives.

    >>> database_url({"USER": "postgres", "PASSWORD": "", "HOST": "/srv/var/pgdata",
    ...               "PORT": "", "NAME": "test_dichvucong"})
    'postgres://postgres@%2Fsrv%2Fvar%2Fpgdata/test_dichvucong'
    >>> database_url({"USER": "portal", "PASSWORD": "p@ss", "HOST": "db.local", "PORT": 5433,
    ...               "NAME": "test_x", "OPTIONS": {"sslmode": "require"}})
    'postgres://portal:p%40ss@db.local:5433/test_x?sslmode=require'
    """
    import dj_database_url

    host = settings_dict.get("HOST") or ""
    if host.startswith("/"):
        netloc_host = quote(host, safe="")
    elif ":" in host:  # an IPv6 address
        netloc_host = f"[{host}]"
    else:
        netloc_host = host
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}" if password else user
    port = settings_dict.get("PORT") or ""
    options = settings_dict.get("OPTIONS") or {}
    for key, value in options.items():
        if not isinstance(value, str | int | bool):
            raise ValueError(f"database option {key}={value!r} cannot be written into a URL")
    query = urlencode({k: str(v).lower() if isinstance(v, bool) else v for k, v in options.items()})
    url = (
        f"postgres://{credentials}@{netloc_host}{f':{port}' if port else ''}"
        f"/{quote(settings_dict['NAME'], safe='')}{f'?{query}' if query else ''}"
    )
    # A URL that reads back differently would point a server at another database, silently.
    parsed = dj_database_url.parse(url)
    expected = {
        "HOST": host.lower() if not host.startswith("/") else host,
        "PORT": str(port),
        "USER": settings_dict.get("USER") or "",
        "PASSWORD": password,
        "NAME": settings_dict["NAME"],
        "OPTIONS": dict(options),
    }
    got = {
        "HOST": parsed["HOST"],
        "PORT": str(parsed["PORT"]),
        "USER": parsed["USER"],
        "PASSWORD": parsed["PASSWORD"],
        "NAME": parsed["NAME"],
        "OPTIONS": parsed.get("OPTIONS", {}),
    }
    if got != expected:
        raise ValueError(f"{url} reads back as {got}, not {expected}")
    return url


def session_database_url() -> str:
    """The DATABASE_URL of this session's test database (never the development database)."""
    from django.db import connection

    settings_dict = connection.settings_dict
    if settings_dict["NAME"] != settings_dict["TEST"]["NAME"]:
        raise RuntimeError(f"the connection is on {settings_dict['NAME']}, not the test database")
    return database_url(settings_dict)


# -- processes on loopback ------------------------------------------------------------------------


@contextmanager
def loopback_process(
    command: list[str],
    *,
    port: int,
    what: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> Iterator[None]:
    """Run `command` until the block ends, once it listens on 127.0.0.1:`port`. Its output goes
    to a file (a pipe nobody reads would stall it once full) and is shown if it does not start."""
    with tempfile.TemporaryDirectory(prefix="test-process-") as folder:
        log = Path(folder) / "output.log"
        with log.open("w") as output:
            process = subprocess.Popen(
                command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT
            )
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    if process.poll() is not None:
                        pytest.fail(f"{what} did not start:\n{log.read_text(errors='replace')}")
                    if time.monotonic() > deadline:
                        pytest.fail(f"{what} did not open port {port} in {timeout:.0f} s")
                    time.sleep(0.1)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@contextmanager
def portal_server(environment: dict[str, str] | None = None) -> Iterator[Callable[..., str]]:
    """`manage.py runserver` on the session's test database, on a free loopback port. Yields a
    URL maker: `url("tu-ky.hai-phong.dichvucong.localhost", "/ho-so/")`."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": session_database_url(),
        "PORTAL_ENV": "test",
        "DEBUG": "0",
        "PORTAL_PORT": str(port),
        # Every test of a session reaches this one server from 127.0.0.1: the limits per address
        # would add up across tests (the limits themselves: tests/security/test_rate_limits.py).
        **{
            f"RATE_LIMIT_{group}": "10000/m,10000/m"
            for group in ("LOGIN", "REGISTER", "PASSWORD_RESET", "API")
        },
        **(environment or {}),
    }
    command = [sys.executable, "manage.py", "runserver", "--noreload", "--insecure"]
    with loopback_process(
        [*command, f"127.0.0.1:{port}"], port=port, what="the portal", cwd=ROOT, env=env
    ):

        def url(host: str, path: str = "/") -> str:
            return f"http://{host}:{port}{path}"

        yield url


@contextmanager
def redis_server() -> Iterator[str]:
    """A throw-away `redis-server` on a free loopback port, nothing persisted; yields its URL.
    The machine's own Redis (if any) is never touched."""
    executable = require_tool("redis-server", package="redis-server")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="redis-test-") as folder:
        command = [executable, "--bind", "127.0.0.1", "--port", str(port), "--dir", folder]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        with loopback_process(command, port=port, what="redis-server", timeout=20):
            yield f"redis://127.0.0.1:{port}/0"


@contextmanager
def celery_worker(
    redis_url: str, environment: dict[str, str], name: str
) -> Iterator[subprocess.Popen]:
    """`celery -A portal worker --pool=solo` until the block ends (SIGKILL it inside the block to
    simulate a crash). Its output is shown by `worker_output` when a test fails."""
    env = {
        **os.environ,
        "DATABASE_URL": session_database_url(),
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}",
        **environment,
    }
    command = [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", "celery"]
    command += ["-n", f"{name}@%h", "--loglevel=INFO"]
    with tempfile.NamedTemporaryFile("w+", prefix=f"{name}-", suffix=".log") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        process.log_path = Path(log.name)  # type: ignore[attr-defined]
        try:
            yield process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


def worker_output(process: subprocess.Popen) -> str:
    return process.log_path.read_text(errors="replace")[-4000:]  # type: ignore[attr-defined]


class Mailbox:
    """What a loopback SMTP server (aiosmtpd's handler) received, parsed as e-mail messages."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def wait_for(self, to: str, timeout: float = 15) -> email.message.EmailMessage:
        """The first message to `to`, once it has arrived (the server sends it after the page)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages:
                if message["To"] == to:
                    return message
            time.sleep(0.1)
        raise AssertionError(f"no e-mail to {to} within {timeout} s")


def forget_sessions(users) -> None:
    """Delete the sessions a live server stored for `users` (a journey's clean-up: the rows the
    browser's logins made). Sessions are signed blobs, so each is decoded."""
    from django.contrib.sessions.models import Session

    ids = {str(user.pk) for user in users}
    for session in Session.objects.all():
        if session.get_decoded().get("_auth_user_id") in ids:
            session.delete()


#: A Vietnamese message has at least one letter only Vietnamese writes (English never does).
VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)
