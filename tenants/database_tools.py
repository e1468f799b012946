"""The database tools provisioning and benchmarks share: libpq connection parameters of the
default database, a session advisory lock on a connection of its own, and `pg_dump` of the
server's own major version (found among $PG_DUMP, Debian's per-version binaries, the embedded
server's and PATH's).

    pg_dump_schema("pre-data", schema="tpl_locality")  # tables and identity sequences, as SQL
    with advisory_lock(0x70726F76697369, wait=False) as taken: ...
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.db import connection
from django.utils.translation import gettext as _


class DatabaseToolError(RuntimeError):
    """pg_dump cannot be found or fails; the message says why, in Vietnamese."""


def libpq_params() -> dict[str, str]:
    """Connection parameters of the default database, as libpq keywords."""
    db = connection.settings_dict
    params = {
        "dbname": db["NAME"],
        "user": db.get("USER") or "",
        "password": db.get("PASSWORD") or "",
        "host": db.get("HOST") or "",
        "port": str(db.get("PORT") or ""),
        "connect_timeout": str(db.get("OPTIONS", {}).get("connect_timeout", 10)),
    }
    return {key: value for key, value in params.items() if value}


@contextmanager
def advisory_lock(key: int, *, wait: bool = True):
    """Hold a session advisory lock on a connection of its own; yields whether it was taken.

    A separate connection, because running migrations closes Django's connection (and with it
    any session lock held there).
    """

    raw = psycopg.connect(**libpq_params(), autocommit=True)
    try:
        if wait:
            raw.execute("SELECT pg_advisory_lock(%s)", [key])
            yield True
        else:
            yield raw.execute("SELECT pg_try_advisory_lock(%s)", [key]).fetchone()[0]
    finally:
        raw.close()


def server_major_version() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _pg_dump_major(path: str) -> int | None:
    try:
        output = subprocess.run(
            [path, "--version"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else None


def pg_dump_candidates() -> list[str]:
    """Every pg_dump on this machine: $PG_DUMP, Debian's per-version ones, pgserver's, PATH's."""
    candidates = []
    if os.environ.get("PG_DUMP"):
        candidates.append(os.environ["PG_DUMP"])
    candidates += sorted(str(path) for path in Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))
    try:
        import pgserver  # noqa: PLC0415 - optional, only for the embedded database

        candidates.append(str(Path(pgserver.__file__).parent / "pginstall" / "bin" / "pg_dump"))
    except ImportError:
        pass
    if shutil.which("pg_dump"):
        candidates.append(shutil.which("pg_dump"))
    return [path for path in dict.fromkeys(candidates) if os.access(path, os.X_OK)]


def pg_dump_path(server_major: int) -> str:
    """The pg_dump of the server's major version, else the oldest newer one.

    pg_dump refuses servers newer than itself; a newer pg_dump reads older servers.
    """
    usable = []
    for path in pg_dump_candidates():
        major = _pg_dump_major(path)
        if major is not None and major >= server_major:
            usable.append((major != server_major, major, path))
    if not usable:
        raise DatabaseToolError(
            _(
                "Không tìm thấy pg_dump phiên bản %(major)d trở lên (đã tìm: %(paths)s). Cài "
                "postgresql-client-%(major)d hoặc đặt biến môi trường PG_DUMP."
            )
            % {"major": server_major, "paths": ", ".join(pg_dump_candidates()) or "-"}
        )
    return min(usable)[2]


def pg_dump_schema(section: str, *, schema: str) -> str:
    """`pg_dump --schema-only --section=<section> --schema=<schema>`, as text."""
    params = libpq_params()
    env = {**os.environ, "PGPASSWORD": params.pop("password", "")}
    env.pop("PGSERVICE", None)
    command = [
        pg_dump_path(server_major_version()),
        "--schema-only",
        f"--section={section}",
        f"--schema={schema}",
        "--no-owner",
        "--no-privileges",
        "--no-comments",
        f"--dbname={conninfo(params)}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    if result.returncode != 0:
        raise DatabaseToolError(_("pg_dump thất bại: %(error)s") % {"error": result.stderr.strip()})
    return result.stdout


def conninfo(params: dict[str, str]) -> str:
    def quote(value: str) -> str:
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"

    return " ".join(f"{key}={quote(value)}" for key, value in params.items())
