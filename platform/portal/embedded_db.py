"""The embedded PostgreSQL used when no DATABASE_URL is set.

The `pgserver` package ships PostgreSQL binaries, so a fresh machine needs no database install.
The data directory lives under `var/` in the checkout (git-ignored); the server is started on
demand and left running so that the next process (runserver's reloader, a management command,
the test run) reuses it in a fraction of a second.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_NAME = "dichvucong"


def embedded_database_settings(data_dir: Path) -> dict:
    """Start (or reuse) the embedded server and return Django DATABASES settings for it."""

    # pgserver (through platformdirs) wants a private runtime directory; give it one of ours
    # rather than a world-writable /tmp, which it warns about on every start.
    if not os.environ.get("XDG_RUNTIME_DIR"):
        runtime_dir = data_dir.parent / "run"
        runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime_dir)
    import pgserver  # noqa: PLC0415 - optional, only for the embedded database

    data_dir.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: keep the server running after this process exits; the next process
    # finds it through its pid file instead of paying a fresh start.
    server = pgserver.get_server(data_dir, cleanup_mode=None)
    # DATABASE_NAME is a constant of this module, not input.
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608
    if "1 row" not in exists:
        server.psql(f'CREATE DATABASE "{DATABASE_NAME}";')
    return {
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        # pgserver listens on a Unix socket inside the data directory.
        "HOST": str(data_dir),
        "PORT": "",
    }
