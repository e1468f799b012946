"""A locality copied from the template is identical to one built by running every migration."""

import re

import pytest
from django.db import connection

from tenants.choices import Level
from tenants.models import Locality
from tenants.services import locality_create, locality_discard

pytestmark = pytest.mark.slow

BY_MIGRATIONS = "c99991"


def query(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def without_casts(definition: str) -> str:
    """An index or constraint definition with its type casts and parentheses left out.

    pg_dump prints `status IN (...)` of a partial index as `ANY (ARRAY[('a'::varchar)::text])`
    while Django's migration stored `ANY ((ARRAY['a'::varchar])::text[])`: the same condition,
    parsed back into a differently cast expression. Everything else must match exactly.
    """
    return re.sub(r"::[a-z ]+(\[\])?|[()]", "", definition)


def describe(schema: str) -> dict:
    """Everything about a schema that a migration decides, with its own name blanked out."""

    def same(rows):
        return sorted(
            tuple(
                value.replace(f"{schema}.", "<schema>.").replace(f'"{schema}".', "<schema>.")
                if isinstance(value, str)
                else value
                for value in row
            )
            for row in rows
        )

    ns = [schema]
    sequences = []
    for name, table, column in query(
        "SELECT s.relname, t.relname, a.attname FROM pg_class s "
        "JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i') "
        "JOIN pg_class t ON t.oid = d.refobjid "
        "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
        "WHERE s.relkind = 'S' AND s.relnamespace = %s::regnamespace",
        ns,
    ):
        ((last_value, is_called),) = query(f'SELECT last_value, is_called FROM "{schema}"."{name}"')  # noqa: S608
        ((highest,),) = query(f'SELECT max("{column}") FROM "{schema}"."{table}"')  # noqa: S608
        # The position relative to the rows: the next id must not collide with an existing one.
        sequences.append((name, table, column, last_value, is_called, highest))
    return {
        "relations": same(
            query(
                "SELECT relname, relkind, relpersistence FROM pg_class "
                "WHERE relnamespace = %s::regnamespace",
                ns,
            )
        ),
        "columns": same(
            query(
                # Order among live columns: a migration that dropped a column leaves a gap in
                # attnum that a fresh CREATE TABLE does not have; the order is what counts.
                "SELECT c.relname, row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), "
                "a.attname, format_type(a.atttypid, a.atttypmod), "
                "a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
                "coalesce(co.collname, '') "
                "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
                "WHERE c.relnamespace = %s::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') "
                "AND a.attnum > 0 "
                "AND NOT a.attisdropped",
                ns,
            )
        ),
        "indexes": [
            (name, without_casts(definition))
            for name, definition in same(
                query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = %s", ns)
            )
        ],
        "constraints": [
            (table, name, kind, without_casts(definition), *flags)
            for table, name, kind, definition, *flags in same(
                query(
                    "SELECT t.relname, c.conname, c.contype, pg_get_constraintdef(c.oid), "
                    "c.condeferrable, c.condeferred, c.convalidated "
                    "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
                    "WHERE c.connamespace = %s::regnamespace",
                    ns,
                )
            )
        ],
        "sequences": same(
            query(
                "SELECT sequencename, data_type::text, start_value, min_value, max_value, "
                "increment_by, cycle, cache_size FROM pg_sequences WHERE schemaname = %s",
                ns,
            )
        ),
        "sequence_positions": sorted(sequences),
        "triggers": same(
            query(
                "SELECT t.relname, g.tgname, pg_get_triggerdef(g.oid) FROM pg_trigger g "
                "JOIN pg_class t ON t.oid = g.tgrelid "
                "WHERE t.relnamespace = %s::regnamespace AND NOT g.tgisinternal",
                ns,
            )
        ),
        "migrations": sorted(query(f'SELECT app, name FROM "{schema}".django_migrations')),  # noqa: S608
        "content_types": sorted(
            query(f'SELECT id, app_label, model FROM "{schema}".django_content_type')  # noqa: S608
        ),
        "permissions": sorted(
            query(f'SELECT id, content_type_id, codename FROM "{schema}".auth_permission')  # noqa: S608
        ),
        "groups": sorted(query(f'SELECT id, name FROM "{schema}".auth_group')),  # noqa: S608
        "pages": sorted(
            query(f'SELECT id, path, depth, slug FROM "{schema}".wagtailcore_page')  # noqa: S608
        ),
    }


def test_template_copy_equals_a_schema_built_by_every_migration(committed_db, demo_localities):
    # The reference: django-tenants' own path, every migration run in the new schema.
    reference = Locality(schema_name=BY_MIGRATIONS)
    fast = None
    try:
        reference.create_schema(check_if_exists=False, verbosity=0)
        fast = locality_create(
            level=Level.COMMUNE,
            code="99992",
            name="Xã Sao Chép",
            slug="xa-sao-chep",
            parent=demo_localities["gia_lai"],
        )
        migrated, copied = describe(BY_MIGRATIONS), describe(fast.schema_name)
        assert len(migrated["relations"]) > 300
        assert len(migrated["migrations"]) > 200
        for aspect in migrated:
            assert copied[aspect] == migrated[aspect], aspect
    finally:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{BY_MIGRATIONS}" CASCADE')
        if fast is not None:
            locality_discard(fast)
