"""Settings come from the environment; production refuses unsafe defaults."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def manage(*args: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def base_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "DJANGO_"))}
    env.update(overrides)
    return env


@pytest.mark.slow
def test_production_refuses_the_development_secret_key():
    result = manage("check", env=base_env(PORTAL_ENV="production", DEBUG="0"))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.slow
def test_production_refuses_debug_on():
    env = base_env(PORTAL_ENV="production", DEBUG="1", SECRET_KEY="x" * 50)
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


@pytest.mark.slow
def test_production_starts_with_a_real_secret_and_debug_off():
    env = base_env(PORTAL_ENV="production", DEBUG="0", SECRET_KEY="k" * 50)
    result = manage("check", "--deploy", "--fail-level", "ERROR", env=env)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_a_malformed_boolean_names_the_variable():
    result = manage("check", env=base_env(DEBUG="maybe"))
    assert result.returncode != 0
    assert "DEBUG='maybe'" in result.stderr


@pytest.mark.slow
def test_an_unknown_private_files_serve_mode_is_refused():
    result = manage("check", env=base_env(PRIVATE_FILES_SERVE="public"))
    assert result.returncode != 0
    assert "PRIVATE_FILES_SERVE must be django, x-accel-redirect or x-sendfile" in result.stderr


@pytest.mark.slow
def test_unreachable_database_url_gives_a_clear_error():
    env = base_env(DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere")
    result = manage("migrate_schemas", "--shared", env=env)
    assert result.returncode != 0
    assert "127.0.0.1" in result.stderr or "127.0.0.1" in result.stdout


@pytest.mark.slow
def test_embedded_postgres_starts_and_migrates_without_database_url(tmp_path):
    """A fresh machine: no DATABASE_URL, the portal starts pgserver under its var/ folder."""
    var_dir = tmp_path / "var"
    env = base_env(PORTAL_VAR_DIR=str(var_dir))
    env.pop("DATABASE_URL", None)
    try:
        migrated = manage("migrate_schemas", "--shared", "-v", "0", env=env, timeout=300)
        assert migrated.returncode == 0, migrated.stderr[-2000:]
        probe = manage(
            "shell",
            "-c",
            "from django.db import connection; "
            "from tenants.services import national_root_ensure; national_root_ensure(); "
            "from django.test import Client; "
            "r = Client(HTTP_HOST='dichvucong.localhost').get('/'); "
            "print(connection.settings_dict['HOST'], r.status_code)",
            env=env,
        )
        assert probe.returncode == 0, probe.stderr[-2000:]
        host, status = probe.stdout.split()[-2:]
        assert host == str(var_dir / "pgdata")
        assert status == "200"
        assert (var_dir / "pgdata" / "PG_VERSION").exists()
    finally:
        import pgserver

        if (var_dir / "pgdata" / "postmaster.pid").exists():
            pgserver.get_server(var_dir / "pgdata", cleanup_mode="delete").cleanup()
