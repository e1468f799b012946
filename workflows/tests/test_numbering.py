"""Dossier codes: `<unit>-<yymmdd>-<number>`, numbered per day, month or year, unique under load."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.db import connection, transaction

from workflows.calendar import VIETNAM_TZ
from workflows.models import CodePeriod, DeskSettings, DossierCodeCounter
from workflows.numbering import next_dossier_code, period_key


def vn(year, month, day, hour=9, minute=0, second=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=VIETNAM_TZ)


@pytest.fixture
def desk(tu_ky):
    """Tứ Kỳ's desk settings with the identifier of DOMAIN.md's example."""
    return DeskSettings.objects.create(unit_identifier="H23.14")


def test_codes_follow_the_unit_date_number_pattern(desk):
    assert next_dossier_code(at=vn(2022, 6, 16)) == "H23.14-220616-0001"
    assert next_dossier_code(at=vn(2022, 6, 16, 14, 0)) == "H23.14-220616-0002"
    assert DossierCodeCounter.objects.get(period="day:2022-06-16").value == 2


def test_daily_numbering_restarts_at_midnight_in_vietnam(desk):
    # 16:59:59 UTC is 23:59:59 in Hà Nội; 17:00 UTC is already the next day there.
    before = datetime.datetime(2022, 6, 16, 16, 59, 59, tzinfo=datetime.UTC)
    after = datetime.datetime(2022, 6, 16, 17, 0, 0, tzinfo=datetime.UTC)
    assert next_dossier_code(at=vn(2022, 6, 16, 8, 0)) == "H23.14-220616-0001"
    assert next_dossier_code(at=before) == "H23.14-220616-0002"
    assert next_dossier_code(at=after) == "H23.14-220617-0001"
    assert next_dossier_code(at=vn(2022, 6, 17, 0, 30)) == "H23.14-220617-0002"


def test_monthly_numbering_runs_through_the_month(desk):
    desk.code_period = CodePeriod.MONTHLY
    desk.save()
    assert next_dossier_code(at=vn(2022, 6, 15)) == "H23.14-220615-0001"
    assert next_dossier_code(at=vn(2022, 6, 30, 23, 59)) == "H23.14-220630-0002"
    assert next_dossier_code(at=vn(2022, 7, 1, 0, 0)) == "H23.14-220701-0001"


def test_yearly_numbering_runs_through_the_year(desk):
    desk.code_period = CodePeriod.YEARLY
    desk.code_digits = 6
    desk.save()
    assert next_dossier_code(at=vn(2022, 1, 3)) == "H23.14-220103-000001"
    assert next_dossier_code(at=vn(2022, 6, 16)) == "H23.14-220616-000002"
    assert next_dossier_code(at=vn(2022, 12, 31, 23, 59)) == "H23.14-221231-000003"
    assert next_dossier_code(at=vn(2023, 1, 1, 0, 1)) == "H23.14-230101-000001"


def test_locality_code_is_the_default_unit_identifier(tu_ky):
    assert not DeskSettings.objects.exists()
    assert next_dossier_code(at=vn(2026, 6, 16)) == "11074-260616-0001"


def test_number_outgrowing_its_digits_gets_longer(desk):
    DossierCodeCounter.objects.create(
        period="day:2026-06-16", value=9999, issued_on=datetime.date(2026, 6, 16)
    )
    assert next_dossier_code(at=vn(2026, 6, 16)) == "H23.14-260616-10000"


def test_changing_the_period_in_the_middle_of_a_day_never_repeats_a_code(desk):
    morning = [next_dossier_code(at=vn(2026, 6, 16, 8, minute)) for minute in range(3)]
    desk.code_period = CodePeriod.MONTHLY
    desk.save()
    afternoon = next_dossier_code(at=vn(2026, 6, 16, 14, 0))
    assert morning == [f"H23.14-260616-000{n}" for n in (1, 2, 3)]
    assert afternoon == "H23.14-260616-0004"
    # Back to daily the same day: the daily counter continues above the monthly one.
    desk.code_period = CodePeriod.DAILY
    desk.save()
    assert next_dossier_code(at=vn(2026, 6, 16, 15, 0)) == "H23.14-260616-0005"
    # The next day, daily numbering starts again from 1 (yesterday's numbers do not count).
    assert next_dossier_code(at=vn(2026, 6, 17, 8, 0)) == "H23.14-260617-0001"


def test_a_rolled_back_submission_gives_its_number_back(desk):
    assert next_dossier_code(at=vn(2026, 6, 16)) == "H23.14-260616-0001"
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_dossier_code(at=vn(2026, 6, 16)) == "H23.14-260616-0002"
        raise RuntimeError("the dossier could not be saved")
    assert next_dossier_code(at=vn(2026, 6, 16)) == "H23.14-260616-0002"


def test_naive_datetime_is_refused(desk):
    with pytest.raises(ValueError, match="timezone-aware"):
        next_dossier_code(at=datetime.datetime(2026, 6, 16, 9, 0))


def test_period_keys():
    day = datetime.date(2022, 6, 16)
    assert period_key(day=day, code_period="daily") == "day:2022-06-16"
    assert period_key(day=day, code_period="monthly") == "month:2022-06"
    assert period_key(day=day, code_period="yearly") == "year:2022"


# --- concurrency: real connections, real commits --------------------------------------------------

CONCURRENT_DAY = datetime.date(2031, 3, 12)  # a day no other test numbers
SUBMISSIONS = 20


def _delete_counters(locality) -> None:
    connection.set_tenant(locality)
    try:
        DossierCodeCounter.objects.filter(issued_on=CONCURRENT_DAY).delete()
    finally:
        connection.set_schema_to_public()


@pytest.mark.slow
def test_twenty_concurrent_submissions_get_twenty_distinct_gap_free_codes(
    django_db_setup, django_db_blocker, demo_localities
):
    """20 threads, each with its own PostgreSQL connection, allocate at the same instant and
    commit. Each holds its transaction open 50 ms after allocating, as a submission would while
    saving the dossier, so they really queue on the counter row."""
    tu_ky = demo_localities["tu_ky"]
    settings = DeskSettings(unit_identifier="H23.14")  # unsaved: nothing else to commit
    at = datetime.datetime.combine(CONCURRENT_DAY, datetime.time(9, 0), tzinfo=VIETNAM_TZ)
    start = threading.Barrier(SUBMISSIONS)
    codes: list[str] = []
    backends: set[int] = set()
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            connection.set_tenant(tu_ky)
            start.wait(timeout=30)
            with transaction.atomic():
                code = next_dossier_code(at=at, settings=settings)
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    backends.add(cursor.fetchone()[0])
                time.sleep(0.05)
            codes.append(code)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    with django_db_blocker.unblock():
        _delete_counters(tu_ky)
        try:
            threads = [threading.Thread(target=submit) for _ in range(SUBMISSIONS)]
            began = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            elapsed = time.monotonic() - began
            assert not errors, errors
            assert len(backends) == SUBMISSIONS  # 20 separate database sessions
            assert sorted(codes) == [f"H23.14-310312-{n:04d}" for n in range(1, SUBMISSIONS + 1)]
            # The row lock made them take turns: 20 transactions × 50 ms, one after the other.
            assert elapsed >= SUBMISSIONS * 0.05
            connection.set_tenant(tu_ky)
            assert DossierCodeCounter.objects.get(period="day:2031-03-12").value == SUBMISSIONS
        finally:
            _delete_counters(tu_ky)
