"""Migrating many locality schemas: real schemas, a real added migration, real failures."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from tenants.models import Locality
from tenants.schema_migrations import (
    migrate_localities,
    schema_fingerprint,
    target_fingerprint,
    verify_migration_state,
)
from tenants.services import locality_create, locality_discard
from tenants.tests.added_migration import PROBE_COLUMN, PROBE_TABLE, added_migration, forget

pytestmark = pytest.mark.slow

CODES = ["99701", "99702", "99703"]


def _discard_ours() -> None:
    connection.set_schema_to_public()
    for locality in Locality.objects.filter(code__in=CODES):
        locality_discard(locality)


@pytest.fixture
def communes(committed_db, demo_localities):
    """Three new communes of Hải Phòng (committed: migrations run outside any transaction)."""
    _discard_ours()
    created = [
        locality_create(
            level="commune",
            code=code,
            name=f"Xã Thử Migrate {index}",
            slug=f"thu-migrate-{index}",
            parent=demo_localities["hai_phong"],
        )
        for index, code in enumerate(CODES, start=1)
    ]
    yield [locality.schema_name for locality in created]
    _discard_ours()


@pytest.fixture
def probe(tmp_path):
    """The `workflows` app with one more migration on disk (new table, new dossier column)."""
    package = added_migration(tmp_path)
    with override_settings(MIGRATION_MODULES={"workflows": package}):
        yield
    forget(package)


@pytest.fixture
def slow_probe(tmp_path, monkeypatch):
    """The added migration with Python code that waits 0.5 s (Django's executor path)."""
    monkeypatch.setenv("SCALE_PROBE_PAUSE", "0.5")
    package = added_migration(tmp_path, pause=True)
    with override_settings(MIGRATION_MODULES={"workflows": package}):
        yield
    forget(package)


def marker(schema_name: str) -> str:
    connection.set_schema_to_public()
    return Locality.objects.get(schema_name=schema_name).migration_state


def has_probe(schema_name: str) -> tuple[bool, bool]:
    """(the new table exists, the dossier has the new column) in that schema."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [f"{schema_name}.{PROBE_TABLE}"])
        table = cursor.fetchone()[0] is not None
        cursor.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = %s "
            "AND table_name = 'workflows_dossier' AND column_name = %s",
            [schema_name, PROBE_COLUMN],
        )
        column = cursor.fetchone() is not None
    return table, column


def test_new_localities_are_marked_current_and_a_run_opens_none_of_them(communes):
    target = target_fingerprint()
    assert [marker(name) for name in communes] == [target] * 3
    with CaptureQueriesContext(connection) as queries:
        result = migrate_localities(schemas=communes, workers=1)
    assert result.behind == 0 and result.migrated == []
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SET ")]
    assert len(statements) == 1, statements  # the one query of the markers
    assert "tenants_locality" in statements[0]
    assert not any(name in query["sql"] for query in queries.captured_queries for name in communes)
    out = []
    call_command("migrate_localities", schema=communes, stdout=_Lines(out))
    assert "không mở schema nào" in "".join(out)


class _Lines:
    def __init__(self, sink):
        self.sink = sink

    def write(self, text):
        self.sink.append(text)

    def flush(self):
        pass


def test_an_added_migration_reaches_every_locality_on_parallel_workers(communes, probe):
    before = (
        target_fingerprint.__wrapped__() if hasattr(target_fingerprint, "__wrapped__") else None
    )
    assert before is None  # not cached: the migrations on disk can change between runs
    assert all(has_probe(name) == (False, False) for name in communes)
    result = migrate_localities(schemas=communes, workers=2)
    assert sorted(result.migrated) == sorted(communes) and result.failed == {}
    assert result.applied == 3
    target = target_fingerprint()
    for name in communes:
        assert has_probe(name) == (True, True)
        assert marker(name) == target == schema_fingerprint(name)
    # Post-migrate ran in each schema: the new model has its content type there.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {communes[0]}.django_content_type "  # noqa: S608
            "WHERE app_label = 'workflows' AND model = 'scaleprobe'"
        )
        assert cursor.fetchone()[0] == 1
    assert migrate_localities(schemas=communes, workers=2).behind == 0


def test_a_failing_locality_is_named_and_the_others_still_migrate(communes, probe):
    broken = communes[1]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {broken}.{PROBE_TABLE} (id int)")
    result = migrate_localities(schemas=communes, workers=2)
    assert set(result.failed) == {broken}
    assert PROBE_TABLE in result.failed[broken] and "already exists" in result.failed[broken]
    assert sorted(result.migrated) == sorted(set(communes) - {broken})
    assert has_probe(broken) == (True, False)  # only the table made by hand
    assert marker(broken) != target_fingerprint()
    with pytest.raises(CommandError) as failure:
        call_command("migrate_localities", schema=communes, verbosity=0)
    message = str(failure.value)
    assert (
        f"{broken} (Xã Thử Migrate 2)" in message and "1 đơn vị migrate không thành công" in message
    )
    # Fixed by the operator, the next run migrates that locality only.
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {broken}.{PROBE_TABLE}")
    result = migrate_localities(schemas=communes, workers=2)
    assert result.migrated == [broken] and has_probe(broken) == (True, True)


def test_an_interrupted_run_resumes_with_the_localities_left(communes, slow_probe):
    seen = []

    def interrupt_after_the_first(schema_name, error):
        seen.append(schema_name)
        if len(seen) == 1:
            raise KeyboardInterrupt  # Ctrl-C while the others are still being migrated

    first = migrate_localities(schemas=communes, workers=2, on_done=interrupt_after_the_first)
    assert first.interrupted and first.failed == {}
    done = set(first.migrated)
    assert 1 <= len(done) < 3
    target = target_fingerprint()
    for name in communes:  # each whole or untouched, and its marker says which
        assert has_probe(name) == ((True, True) if name in done else (False, False))
        assert (marker(name) == target) == (name in done)
    second = migrate_localities(schemas=communes, workers=2)
    assert sorted(second.migrated) == sorted(set(communes) - done)
    assert all(has_probe(name) == (True, True) for name in communes)


def test_verify_names_a_schema_whose_records_differ_from_its_marker(communes):
    assert verify_migration_state(schemas=communes) == []
    tampered = communes[2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {tampered}.django_migrations "  # noqa: S608
            "WHERE app = 'workflows' AND name = '0001_initial'"
        )
    (mismatch,) = verify_migration_state(schemas=communes)
    assert mismatch.schema_name == tampered and mismatch.missing == ("workflows.0001_initial",)
    with pytest.raises(CommandError) as failure:
        call_command("migrate_localities", verify=True, schema=communes, verbosity=0)
    assert f"{tampered} (Xã Thử Migrate 3): thiếu workflows.0001_initial" in str(failure.value)
