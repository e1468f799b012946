"""Creating a locality from the template: one transaction, setup hooks, whole-dataset checks.

Each test runs in pytest-django's transaction, so the localities made here vanish afterwards
(DDL is transactional in PostgreSQL); the template itself was built once per test database.
"""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from tenants.choices import Dataset, Level
from tenants.database_tools import pg_dump_path, server_major_version
from tenants.models import Domain, Locality
from tenants.provisioning import provisioned_tables
from tenants.schema_template import (
    TEMPLATE_SCHEMA,
    renamable_ddl,
    replay_sql,
    shared_foreign_keys,
    template_is_current,
    template_snapshot,
)
from tenants.services import locality_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locality_template")]


def name_site_after_locality(locality):
    """A setup hook like cms.provisioning.setup_locality_site."""
    from wagtail.models import Site

    assert connection.schema_name == locality.schema_name
    Site.objects.filter(is_default_site=True).update(
        hostname=locality.get_primary_domain().domain, site_name=locality.name
    )


def refuse_locality(locality):
    raise RuntimeError("hook refused")


def new_commune(parent, code="99001", slug="xa-thu-nghiem"):
    return locality_create(
        level=Level.COMMUNE,
        code=code,
        name="Xã Thử Nghiệm",
        slug=slug,
        parent=parent,
        division_type="xã",
    )


def rows(schema, table):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{schema}"."{table}"')  # noqa: S608
        return cursor.fetchone()[0]


def test_a_new_locality_has_every_table_its_rows_and_its_host(demo_localities, public_schema):
    commune = new_commune(demo_localities["hai_phong"])
    assert commune.schema_name == "c99001"
    assert provisioned_tables("c99001") == provisioned_tables(TEMPLATE_SCHEMA) > 50
    for table in ("django_migrations", "auth_permission", "auth_group", "wagtailcore_page"):
        assert rows("c99001", table) == rows(TEMPLATE_SCHEMA, table) > 0
    domain = Domain.objects.get(tenant=commune)
    assert domain.domain == "xa-thu-nghiem.hai-phong.dichvucong.localhost"
    assert domain.is_primary


def test_the_new_locality_serves_its_portal(demo_localities, host_client, public_schema):
    commune = new_commune(demo_localities["hai_phong"])
    response = host_client(commune).get("/")
    assert response.status_code == 200
    assert "Xã Thử Nghiệm" in response.content.decode()


def test_setup_hooks_run_inside_the_new_schema(demo_localities, public_schema):
    with override_settings(
        LOCALITY_SETUP_HOOKS=["tenants.tests.test_provisioning.name_site_after_locality"]
    ):
        commune = new_commune(demo_localities["gia_lai"])
    from wagtail.models import Site

    connection.set_tenant(commune)
    site = Site.objects.get(is_default_site=True)
    assert site.hostname == "xa-thu-nghiem.gia-lai.dichvucong.localhost"
    assert site.site_name == "Xã Thử Nghiệm"


def test_a_failing_hook_leaves_no_trace_of_the_locality(demo_localities, public_schema):
    before = Locality.objects.count()
    with (
        override_settings(LOCALITY_SETUP_HOOKS=["tenants.tests.test_provisioning.refuse_locality"]),
        pytest.raises(RuntimeError, match="hook refused"),
    ):
        new_commune(demo_localities["gia_lai"])
    assert Locality.objects.count() == before
    assert not Domain.objects.filter(domain__startswith="xa-thu-nghiem.").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'c99001'")
        assert cursor.fetchone() is None


def test_locality_schemas_hold_no_foreign_keys_into_the_shared_schema(demo_localities):
    assert shared_foreign_keys(TEMPLATE_SCHEMA) == []
    assert shared_foreign_keys(demo_localities["tu_ky"].schema_name) == []


def test_template_goes_stale_when_a_migration_on_disk_is_not_applied_in_it(public_schema):
    from django.db.migrations.loader import MigrationLoader

    assert template_is_current()
    app, name = next(
        node for node in MigrationLoader(None).graph.leaf_nodes() if node[0] == "workflows"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TEMPLATE_SCHEMA}.django_migrations WHERE app = %s AND name = %s",  # noqa: S608
            [app, name],
        )
        assert cursor.rowcount == 1
    assert not template_is_current()


def test_template_goes_stale_when_it_records_a_migration_gone_from_disk(public_schema):
    with connection.cursor() as cursor:
        cursor.execute(
            # An explicit id: a sequence is not rolled back with the test's transaction.
            f"INSERT INTO {TEMPLATE_SCHEMA}.django_migrations (id, app, name, applied) "  # noqa: S608
            "VALUES (999999, 'workflows', '9999_removed', now())"
        )
    assert not template_is_current()


def test_the_template_keeps_its_ddl_for_later_processes(public_schema):
    from tenants.schema_template import _snapshots, _stored_ddl, _template_marker

    snapshot = template_snapshot()
    assert _stored_ddl(_template_marker()) == (snapshot.pre_data, snapshot.post_data)
    _snapshots.clear()  # as in a new process: no pg_dump, same snapshot
    assert template_snapshot() == snapshot
    with connection.cursor() as cursor:
        cursor.execute(f"COMMENT ON SCHEMA {TEMPLATE_SCHEMA} IS 'edited by hand'")
    assert _stored_ddl(_template_marker()) is None  # then pg_dump runs again


def test_renamed_ddl_drops_psql_commands_and_session_settings():
    dump = (
        "--\n-- PostgreSQL database dump\n--\n\\restrict abc\nSET lock_timeout = 0;\n"
        "SELECT pg_catalog.set_config('search_path', '', false);\n"
        "CREATE SCHEMA tpl_locality;\n"
        "CREATE TABLE tpl_locality.auth_group (\n    id integer NOT NULL\n);\n"
        "CREATE INDEX g ON tpl_locality.auth_group USING btree (id);\n\\unrestrict abc\n"
    )
    sql = replay_sql(renamable_ddl(dump), "c12345")
    assert sql == (
        'CREATE SCHEMA "c12345";\nCREATE TABLE "c12345".auth_group (\n    id integer NOT NULL\n);\n'
        'CREATE INDEX g ON "c12345".auth_group USING btree (id);\n'
    )


def test_pg_dump_matches_the_server_version():
    import subprocess

    path = pg_dump_path(server_major_version())
    version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
    assert f" {server_major_version()}." in version


# --- whole-dataset checks before anything is created ----------------------------------------


def write_csv(tmp_path, body: str):
    path = tmp_path / "units.csv"
    path.write_text("level,code,name,division_type,slug,parent_code\n" + body, encoding="utf-8")
    return path


def provision_file(path, *extra):
    call_command("provision_localities", "--from-file", str(path), *extra)


@pytest.fixture
def nothing_created(demo_localities, public_schema):
    before = (Locality.objects.count(), Domain.objects.count())
    yield
    assert (Locality.objects.count(), Domain.objects.count()) == before


def test_duplicate_rows_are_named_and_nothing_is_created(tmp_path, nothing_created):
    path = write_csv(
        tmp_path,
        "province,12,Tỉnh Lai Châu,tỉnh,lai-chau,\n"
        "commune,03388,Xã Sìn Hồ,xã,sin-ho,12\n"
        "commune,03388,Xã Sìn Hồ Mới,xã,sin-ho-moi,12\n"
        "commune,03391,Xã Sín Hồ,xã,sin-ho,12\n",
    )
    with pytest.raises(CommandError) as caught:
        provision_file(path)
    message = str(caught.value)
    assert "Dữ liệu có 2 lỗi, không tạo đơn vị nào" in message
    assert "Dòng 4 (mã 03388, Xã Sìn Hồ Mới): trùng mã với dòng 3" in message
    assert (
        "Dòng 5 (mã 03391, Xã Sín Hồ): tên miền sin-ho.lai-chau.dichvucong.localhost trùng "
        "với dòng 3" in message
    )


def test_an_invalid_host_label_is_named_and_nothing_is_created(tmp_path, nothing_created):
    path = write_csv(
        tmp_path, "province,12,Tỉnh Lai Châu,tỉnh,lai-chau,\ncommune,03388,Xã Sìn Hồ,xã,sin_ho,12\n"
    )
    with pytest.raises(CommandError, match=r"Dòng 3 \(mã 03388, Xã Sìn Hồ\): tên miền con"):
        provision_file(path)


def test_a_code_postgresql_cannot_name_a_schema_after_is_refused(tmp_path, nothing_created):
    path = write_csv(
        tmp_path, "province,12,Tỉnh Lai Châu,tỉnh,lai-chau,\ncommune,03-88,Xã Sìn Hồ,xã,,12\n"
    )
    with pytest.raises(CommandError) as caught:
        provision_file(path)
    assert "Dòng 3 (mã 03-88, Xã Sìn Hồ): Mã “03-88” không tạo được tên schema hợp lệ (c03-88)" in (
        str(caught.value)
    )


def test_a_row_whose_parent_exists_nowhere_is_refused(tmp_path, nothing_created):
    path = write_csv(tmp_path, "commune,03388,Xã Sìn Hồ,xã,,77\n")
    with pytest.raises(CommandError, match="không có đơn vị cấp trên mã 77"):
        provision_file(path)


def test_a_host_taken_by_another_locality_is_refused(tmp_path, nothing_created):
    # A new commune of Hải Phòng called Tứ Kỳ would take the demo commune's host.
    path = write_csv(tmp_path, "commune,99002,Xã Tứ Kỳ Mới,xã,tu-ky,31\n")
    with pytest.raises(CommandError, match="tu-ky.hai-phong.dichvucong.localhost đã thuộc"):
        provision_file(path)


def test_a_leftover_schema_without_a_locality_is_refused(tmp_path, nothing_created):
    with connection.cursor() as cursor:
        cursor.execute('CREATE SCHEMA "c99003"')
    path = write_csv(tmp_path, "commune,99003,Xã Bỏ Dở,xã,,31\n")
    with pytest.raises(CommandError, match="schema “c99003” đã có trong cơ sở dữ liệu"):
        provision_file(path)


def test_a_valid_file_creates_its_localities_under_existing_parents(tmp_path, public_schema):
    path = write_csv(tmp_path, "commune,99004,Xã Mới Lập,xã,,52\n")
    call_command("provision_localities", "--from-file", str(path), "--workers", "1")
    commune = Locality.objects.get(dataset=Dataset.CURRENT, code="99004")
    assert commune.parent.name == "Gia Lai"
    assert commune.get_primary_domain().domain == "moi-lap.gia-lai.dichvucong.localhost"
    assert provisioned_tables(commune.schema_name) == provisioned_tables(TEMPLATE_SCHEMA)


@pytest.mark.slow
def test_a_legacy_commune_is_created_under_its_district_and_province(public_schema):
    from tenants.datasets import legacy_units
    from tenants.provisioning import plan_provisioning, provision

    wanted = {"01", "001", "00001"}  # Hà Nội > Quận Ba Đình > Phường Phúc Xá
    records = [record for record in legacy_units("01") if record.code in wanted]
    plan = plan_provisioning(records, dataset=Dataset.LEGACY)
    assert [len(wave) for wave in plan.waves] == [1, 1, 1]
    assert provision(plan, workers=1) == 3
    commune = Locality.objects.get(dataset=Dataset.LEGACY, code="00001")
    assert commune.schema_name == "lc00001"
    assert commune.parent.name == "Quận Ba Đình"
    assert commune.parent.parent.name == "Thành phố Hà Nội"
    assert commune.get_primary_domain().domain == "phuc-xa.ba-dinh.ha-noi.3cap.dichvucong.localhost"
    # Today's Hà Nội (code 01 too) is a different locality: codes are unique per dataset.
    assert plan_provisioning(records, dataset=Dataset.LEGACY).missing == 0
