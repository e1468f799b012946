"""`manage.py provision_localities` as an operator runs it: in its own process, interrupted,
killed, run again, pointed at a database that is not there."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tenants.choices import Dataset
from tenants.datasets import units_for
from tenants.models import Domain, Locality
from tenants.provisioning import provisioned_tables
from tenants.schema_template import TEMPLATE_SCHEMA
from tenants.services import locality_discard
from tests.support import session_database_url

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
#: Lai Châu: the province with the fewest communes (38), none of them a demo locality.
PROVINCE = "12"


def command(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), "provision_localities", *args]


def environment(url: str | None = None) -> dict:
    return {**os.environ, "DATABASE_URL": url or session_database_url(), "PORTAL_ENV": "test"}


def run(*args: str, url: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(*args), env=environment(url), capture_output=True, text=True, timeout=600
    )


@pytest.fixture
def lai_chau(committed_db):
    """Lai Châu's codes; its localities are removed before and after the test."""
    codes = [record.code for record in units_for(Dataset.CURRENT, PROVINCE)]

    def clean():
        localities = Locality.objects.filter(dataset=Dataset.CURRENT, code__in=codes)
        # One transaction per locality: dropping dozens of schemas at once needs more locks
        # than PostgreSQL's default lock table holds.
        for locality in sorted(localities, key=lambda loc: loc.level != "commune"):
            locality_discard(locality)

    clean()
    yield codes
    clean()


def created(codes) -> int:
    return Locality.objects.filter(dataset=Dataset.CURRENT, code__in=codes).count()


def wait_for(predicate, timeout=180):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def assert_only_whole_localities(codes):
    """Every row has its host and a full schema; no schema of Lai Châu lacks its row."""
    tables = provisioned_tables(TEMPLATE_SCHEMA)
    rows = Locality.objects.filter(dataset=Dataset.CURRENT, code__in=codes)
    for locality in rows:
        assert provisioned_tables(locality.schema_name) == tables, locality.schema_name
        assert Domain.objects.filter(tenant=locality, is_primary=True).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)",
            [[f"p{PROVINCE}", *[f"c{code}" for code in codes]]],
        )
        schemas = {row[0] for row in cursor.fetchall()}
    assert schemas == {locality.schema_name for locality in rows}


def test_interrupted_and_killed_runs_resume_and_a_third_run_creates_nothing(lai_chau):
    codes = lai_chau
    # Stopped politely (SIGTERM, as systemd or Ctrl-C would): the workers finish what they hold.
    process = subprocess.Popen(
        command("--province", PROVINCE),
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for(lambda: created(codes) >= 3)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Đã dừng giữa chừng" in err
    assert "không đơn vị nào dở dang" in err
    first = created(codes)
    assert 3 <= first < len(codes)
    assert_only_whole_localities(codes)

    # Killed outright (SIGKILL): whatever was being built is rolled back by the server.
    process = subprocess.Popen(
        command("--province", PROVINCE),
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(lambda: created(codes) >= first + 3)
    process.kill()
    process.wait(timeout=30)
    time.sleep(1)  # the workers die with their parent (PR_SET_PDEATHSIG)
    assert created(codes) < len(codes)
    assert_only_whole_localities(codes)

    resumed = run("--province", PROVINCE)
    assert resumed.returncode == 0, resumed.stderr
    assert "Đã tạo" in resumed.stdout
    assert created(codes) == len(codes) == 39
    assert_only_whole_localities(codes)

    again = run("--province", PROVINCE)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "Đã có đủ 39 đơn vị, không tạo thêm."


def test_an_unreachable_database_is_named_without_a_traceback():
    result = run(url="postgres://portal:mat-khau@127.0.0.1:1/dichvucong")
    assert result.returncode == 1
    assert "Không kết nối được cơ sở dữ liệu" in result.stderr
    assert "DATABASE_URL=postgres://portal:***@127.0.0.1:1/dichvucong" in result.stderr
    assert "mat-khau" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_file_exits_non_zero_naming_the_row(committed_db, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(
        "level,code,name,division_type,slug,parent_code\nprovince,12,Tỉnh Lai Châu,tỉnh\n",
        encoding="utf-8",
    )
    result = run("--from-file", str(path))
    assert result.returncode == 1
    assert "Dòng 2: có 4 cột, cần 6" in result.stderr
    assert "Traceback" not in result.stderr
