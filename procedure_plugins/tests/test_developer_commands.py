"""The commands an outside plugin developer runs, as run from a shell: clear messages, never a
traceback, and the port `make run PORT=…` serves on in every link."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from .conftest import database_url

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture
def empty_database():
    """A database on the test server that nobody has migrated (a fresh checkout's)."""
    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_unmigrated"
    admin = psycopg.connect(database_url("postgres"), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(name)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_enable_procedure_on_an_unmigrated_database_says_what_to_do(empty_database):
    done = manage(
        "enable_procedure", "1.001193", "--locality", "11074", env={"DATABASE_URL": empty_database}
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "Cơ sở dữ liệu chưa được khởi tạo" in done.stderr
    assert "make migrate" in done.stderr


def links_under_make(tmp_path: Path, *make_args: str, env: dict[str, str] | None = None) -> str:
    """The base URL a Tứ Kỳ e-mail or receipt link gets when the portal runs under the project's
    Makefile with `make_args` (the settings and link code are the real ones)."""
    probe = tmp_path / "probe.mk"
    probe.write_text(
        f"include {ROOT / 'Makefile'}\n"
        "links-probe:\n"
        '\t@$(PY) manage.py shell -c "from workflows.links import base_url_for_host; '
        "print(base_url_for_host('tu-ky.hai-phong.dichvucong.localhost'))\"\n"
    )
    environment = {k: v for k, v in os.environ.items() if k not in ("PORTAL_PORT", "PORT")}
    environment["DATABASE_URL"] = database_url(settings.DATABASES["default"]["NAME"])
    done = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "-f", str(probe), "links-probe", *make_args],
        env={**environment, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_make_run_port_is_the_port_of_receipt_and_email_links(tmp_path):
    assert (
        links_under_make(tmp_path, "PORT=8010")
        == "http://tu-ky.hai-phong.dichvucong.localhost:8010"
    )
    assert links_under_make(tmp_path) == "http://tu-ky.hai-phong.dichvucong.localhost:8000"
    # Behind a front server the deployment's own PORTAL_PORT is kept.
    behind_proxy = links_under_make(tmp_path, "PORT=8010", env={"PORTAL_PORT": "80"})
    assert behind_proxy == "http://tu-ky.hai-phong.dichvucong.localhost"
