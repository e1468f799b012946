"""The test suite's own support: processes it starts reach the test database, a missing tool fails
under CI, and a run that collects nothing is a failure."""

from __future__ import annotations

import doctest
import json
import os
import subprocess
import sys

import dj_database_url
import pytest

import tests.support
from tests.support import (
    ROOT,
    database_url,
    require_tool,
    session_database_url,
    unavailable,
)

READ_BACK = ("HOST", "PORT", "USER", "PASSWORD", "NAME")


def read_back(url: str) -> dict:
    parsed = dj_database_url.parse(url)
    return {key: str(parsed[key]) for key in READ_BACK} | {"OPTIONS": parsed.get("OPTIONS", {})}


def test_embedded_servers_socket_directory_reads_back_as_the_same_database():
    # What portal/embedded_db.py gives on a fresh machine, as the test session renames it.
    embedded = {
        "NAME": "test_dichvucong",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "/home/An/Dự án/dichvucong/var/pgdata",
        "PORT": "",
        "OPTIONS": {"connect_timeout": 5},
    }
    url = database_url(embedded)
    assert read_back(url) == {
        "HOST": "/home/An/Dự án/dichvucong/var/pgdata",
        "PORT": "",
        "USER": "postgres",
        "PASSWORD": "",
        "NAME": "test_dichvucong",
        "OPTIONS": {"connect_timeout": 5},
    }


def test_tcp_server_with_password_reads_back_as_the_same_database():
    tcp = {
        "NAME": "test_dvc_ci",
        "USER": "portal",
        "PASSWORD": "p@ss:w/rd?#",
        "HOST": "127.0.0.1",
        "PORT": 5433,
        "OPTIONS": {"connect_timeout": 5, "sslmode": "prefer"},
    }
    assert read_back(database_url(tcp)) == {
        "HOST": "127.0.0.1",
        "PORT": "5433",
        "USER": "portal",
        "PASSWORD": "p@ss:w/rd?#",
        "NAME": "test_dvc_ci",
        "OPTIONS": {"connect_timeout": 5, "sslmode": "prefer"},
    }


def test_the_documented_examples_hold():
    results = doctest.testmod(tests.support)
    assert (results.failed, results.attempted) == (0, 2)


def test_ipv6_host_and_default_socket_read_back():
    ipv6 = {"NAME": "t", "USER": "u", "PASSWORD": "", "HOST": "::1", "PORT": "5432"}
    assert read_back(database_url(ipv6))["HOST"] == "::1"
    default_socket = {"NAME": "t", "USER": "u", "PASSWORD": "", "HOST": "", "PORT": ""}
    assert read_back(database_url(default_socket))["HOST"] == ""


@pytest.mark.slow
def test_a_started_process_reaches_this_sessions_test_database(django_db_setup, django_db_blocker):
    """The URL the live-server fixtures hand on, used by a real `manage.py` process: same server
    (its data directory), same database, as this session's connection."""
    from django.db import connection

    query = "SELECT current_database(), current_setting('data_directory')"
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(query)
        here = list(cursor.fetchone())
    script = (
        "import json; from django.db import connection; c = connection.cursor(); "
        f'c.execute("{query}"); print(json.dumps(list(c.fetchone())))'
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": session_database_url(), "PORTAL_ENV": "test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == here


def test_a_missing_tool_skips_here_and_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="install the Debian package no-such"):
        require_tool("no-such-tool-here", package="no-such")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require_tool("no-such-tool-here", package="no-such")
    with pytest.raises(pytest.fail.Exception, match="Node.js 20"):
        unavailable("oidc-provider 9 needs Node.js 20 or later")


@pytest.mark.slow
def test_make_test_fails_when_no_test_is_collected():
    # -o: take the install steps as done; only the test recipe runs.
    result = subprocess.run(
        [
            "make",
            "-o",
            "install",
            "-o",
            ".venv/.stamps/oidc-provider",
            "test",
            "PYTEST_ARGS=tests/test_support.py -k no_test_has_this_name -p no:randomly",
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in ("CI", "MAKEFLAGS", "MAKELEVEL")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0, result.stdout
    assert "pytest collected no tests: that is a failure" in result.stderr
