"""A real portal server and a real Chromium for journey tests.

The server is `manage.py runserver` in a subprocess on the session's test database (the demo
localities are committed there once per session). Rows a journey creates through the UI are
committed by the server; each journey deletes what it made. The browser is tests/conftest.py's.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_portal(django_db_setup, django_db_blocker):
    """Base URL maker for the running portal: `live_portal("tu-ky.hai-phong...")`."""
    db = connection.settings_dict
    if db["HOST"] and not db["HOST"].startswith("/"):
        database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    else:
        database_url = f"postgres://{db['USER']}@/{db['NAME']}?host={db['HOST']}"
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PORTAL_ENV": "test",
        "DEBUG": "0",
        "PORTAL_PORT": str(port),
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"the portal did not start:\n{server.stdout.read()}")
            time.sleep(0.2)

    def url(host: str, path: str = "/") -> str:
        return f"http://{host}:{port}{path}"

    yield url
    server.terminate()
    server.wait(timeout=20)
