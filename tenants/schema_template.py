"""The template schema every locality schema is copied from, and its replayable snapshot.

Running every migration for each new locality costs ~10 s (Wagtail alone brings ~200
migrations). Instead, one schema, `tpl_locality`, is built by the real migrations and kept
current automatically: it is stale when the migration loader would still apply something to it
or when it records a migration that no longer exists on disk, and then it is rebuilt (under a
new name, renamed into place only once complete, so a crash never leaves a half-built template).

A `TemplateSnapshot` is captured from it once per process: the template's DDL from `pg_dump
--schema-only` (pre-data: tables and identity sequences; post-data: indexes and constraints),
the rows that migrations and post_migrate handlers left in it (django_migrations, content types,
permissions, the role groups, Wagtail's root page, default Site, collection, workflow...) as
JSON literals, and the sequence positions. Replaying it under a new name is one SQL string, one
round trip, and can share a transaction with the locality's row (see services.locality_build).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_tenants.signals import schema_migrated

from .database_tools import DatabaseToolError, advisory_lock, pg_dump_schema
from .schema_migrations import schema_fingerprint, target_fingerprint

TEMPLATE_SCHEMA = "tpl_locality"
_BUILD_SCHEMA = "tpl_locality_next"
_PLACEHOLDER = "@@schema@@"
# Session advisory lock keys (any two constants that nothing else uses).
TEMPLATE_LOCK_KEY = 0x74706C5F6C6F63  # "tpl_loc"
RUN_LOCK_KEY = 0x70726F76697369  # "provisi"


class TemplateError(RuntimeError):
    """The template schema cannot be built, checked or dumped; the message says why."""


def _drop_schema(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def schema_build_by_migrations(schema_name: str) -> None:
    """Create `schema_name` and run every tenant migration in it (the slow, reference path).

    Must run outside a transaction: Wagtail's migrations alter tables with pending triggers.
    """

    if connection.in_atomic_block:
        raise TemplateError(_("Không chạy được migrations bên trong một giao dịch đang mở."))
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{schema_name}"')
    call_command(
        "migrate_schemas",
        tenant=True,
        schema_name=schema_name,
        interactive=False,
        verbosity=0,
    )
    connection.set_schema_to_public()


def _template_marker() -> tuple | None:
    """Changes whenever the template is rebuilt or migrated: (schema oid, rows, last applied)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.oid, to_regclass(%s) IS NOT NULL FROM pg_namespace n WHERE nspname = %s",
            [f"{TEMPLATE_SCHEMA}.django_migrations", TEMPLATE_SCHEMA],
        )
        row = cursor.fetchone()
        if row is None or not row[1]:
            return None
        cursor.execute(
            f"SELECT count(*), max(applied) FROM {TEMPLATE_SCHEMA}.django_migrations"  # noqa: S608
        )
        return (connection.settings_dict["NAME"], row[0], *cursor.fetchone())


def template_is_current() -> bool:
    """True when the template exists and records exactly the migrations on disk, all applied.

    One query: the same fingerprint comparison that `migrate_localities` makes for localities.
    """

    return schema_fingerprint(TEMPLATE_SCHEMA) == target_fingerprint()


def template_ensure() -> bool:
    """Build or rebuild the template if it is missing or stale; True if it was (re)built."""
    if template_is_current():
        return False
    if connection.in_atomic_block:
        raise TemplateError(
            _(
                "Schema mẫu %(schema)s chưa có hoặc đã cũ so với migrations, và không dựng lại "
                "được bên trong một giao dịch. Chạy `manage.py provision_localities` (hoặc gọi "
                "locality_create) ngoài giao dịch."
            )
            % {"schema": TEMPLATE_SCHEMA}
        )
    with advisory_lock(TEMPLATE_LOCK_KEY):
        if template_is_current():  # another process rebuilt it while we waited
            return False
        connection.set_schema_to_public()
        _drop_schema(_BUILD_SCHEMA)
        schema_build_by_migrations(_BUILD_SCHEMA)
        with transaction.atomic():
            _drop_schema(TEMPLATE_SCHEMA)
            with connection.cursor() as cursor:
                cursor.execute(f'ALTER SCHEMA "{_BUILD_SCHEMA}" RENAME TO "{TEMPLATE_SCHEMA}"')
    return True


# --- no foreign keys into the shared schema ------------------------------------------------


def shared_foreign_keys(
    schema_name: str, *, tables: list[str] | None = None
) -> list[tuple[str, str]]:
    """(table, constraint) of each foreign key from `schema_name` into another schema.

    With `tables`, only those tables are looked at, through the catalog's indexes (by name, then
    by table): the whole-schema form scans every constraint of the database, ~0.1 s once
    thousands of localities exist, which matters when it runs after each schema's migration.
    """
    with connection.cursor() as cursor:
        # Parameters are bound client-side: a NULL list folds the name condition away.
        cursor.execute(
            "SELECT t.relname, c.conname FROM pg_class t "
            "JOIN pg_constraint c ON c.conrelid = t.oid JOIN pg_class r ON r.oid = c.confrelid "
            "WHERE c.contype = 'f' AND t.relnamespace = %s::regnamespace "
            "AND (%s::text[] IS NULL OR t.relname = ANY(%s::text[])) "
            "AND r.relnamespace <> t.relnamespace ORDER BY 1, 2",
            [schema_name, tables, tables],
        )
        return cursor.fetchall()


@receiver(schema_migrated)
def drop_shared_foreign_keys(sender=None, schema_name: str = "", **kwargs) -> None:
    """After migrations run in a locality schema, drop its foreign keys into the shared schema.

    Why: a foreign key puts two triggers on the table it references. Wagtail, guardian and staff
    give each locality 19 foreign keys to the national `identity_user`, so 3,355 localities
    would hang ~127,000 triggers on that one table (~410,000 for the legacy map). Each new key
    then costs time in proportion to all the others (PostgreSQL reloads the table's trigger list),
    so creating localities slows down quadratically (hours instead of minutes), every new
    connection reloads that list, and each update or delete of a user row walks it. The
    columns and their indexes stay; Django's `on_delete` runs in Python as before. What is lost
    is only the database refusing a user id that does not exist, across schemas.
    Runs for the template and for every locality after each `migrate_schemas`, so a schema
    built by migrations and one copied from the template stay identical.
    """
    if not schema_name or schema_name == settings.PUBLIC_SCHEMA_NAME:
        return

    # Every model's table (not the router's choice: the connection may be back on public here).
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    keys = shared_foreign_keys(schema_name, tables=sorted(tables))
    if not keys:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            ";".join(
                f'ALTER TABLE "{schema_name}"."{table}" DROP CONSTRAINT "{name}"'
                for table, name in keys
            )
        )


def dump_template_ddl(section: str, *, schema: str = TEMPLATE_SCHEMA) -> str:
    """`pg_dump --schema-only --section=<section>` of the template, as text."""
    try:
        return pg_dump_schema(section, schema=schema)
    except DatabaseToolError as error:
        raise TemplateError(str(error)) from error


_SKIPPED_LINE = re.compile(
    r"^(--|\\|SET |SELECT pg_catalog\.set_config|CREATE SCHEMA |ALTER SCHEMA |COMMENT ON SCHEMA )"
)


def renamable_ddl(dump: str, *, schema: str = TEMPLATE_SCHEMA) -> str:
    """The dump's statements with the schema name replaced by a placeholder.

    Dropped: comments, psql meta-commands (`\\restrict` since PostgreSQL 15.14/16.10), session
    SETs, and the schema's own CREATE/ALTER (the replay creates the schema itself).
    """
    kept = [line for line in dump.splitlines() if line.strip() and not _SKIPPED_LINE.match(line)]
    ddl = "\n".join(kept) + "\n"
    renamed = re.sub(rf'(?<![\w$"]){re.escape(schema)}\.', _PLACEHOLDER + ".", ddl)
    if re.search(rf"(?<![\w$]){re.escape(schema)}(?![\w$])", renamed):
        raise TemplateError(
            _("Bản DDL của schema mẫu còn nhắc tên %(schema)s ngoài tiền tố tên bảng.")
            % {"schema": schema}
        )
    return renamed


def replay_sql(ddl: str, schema_name: str) -> str:
    """The renamed DDL for one schema: create it and everything in it."""
    quoted = f'"{schema_name}"'
    return f"CREATE SCHEMA {quoted};\n" + ddl.replace(_PLACEHOLDER, quoted)


# --- snapshot --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateSnapshot:
    """Everything needed to recreate the template under another name, as SQL text."""

    marker: tuple
    pre_data: str
    data: str
    post_data: str
    tables: int
    migration_state: str  # the fingerprint of the migrations it records, for Locality rows

    def sql_for(self, schema_name: str) -> str:
        """One SQL string: CREATE SCHEMA, tables, rows, sequence positions, indexes, FKs."""
        return replay_sql(self.pre_data + self.data + self.post_data, schema_name)


def _dollar_quote(text: str) -> str:
    tag = "snapshot"
    while f"${tag}$" in text:
        tag = "s" + hashlib.sha1(tag.encode()).hexdigest()[:8]  # noqa: S324 - not security
    return f"${tag}${text}${tag}$"


def _data_sql() -> str:
    """INSERTs of every row of the template, loaded before indexes and constraints exist."""
    statements = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c WHERE c.relnamespace = %s::regnamespace "
            "AND c.relkind IN ('r', 'p') ORDER BY c.relname",
            [TEMPLATE_SCHEMA],
        )
        tables = [row[0] for row in cursor.fetchall()]
        for table in tables:
            cursor.execute(
                f'SELECT json_agg(t)::text FROM {TEMPLATE_SCHEMA}."{table}" t'  # noqa: S608
            )
            rows = cursor.fetchone()[0]
            if rows is None:
                continue
            target = f'{_PLACEHOLDER}."{table}"'
            # Table names come from the catalog, the rows are one dollar-quoted literal.
            statements.append(
                f"INSERT INTO {target} OVERRIDING SYSTEM VALUE SELECT * FROM "  # noqa: S608
                f"json_populate_recordset(NULL::{target}, {_dollar_quote(rows)});"
            )
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = %s AND last_value IS NOT NULL ORDER BY sequencename",
            [TEMPLATE_SCHEMA],
        )
        positions = [
            f"setval('{_PLACEHOLDER}.\"{name}\"', {int(value)}, true)"
            for name, value in cursor.fetchall()
        ]
    if positions:
        statements.append("SELECT " + ", ".join(positions) + ";")
    return "\n".join(statements) + "\n"


_snapshots: dict[str, TemplateSnapshot] = {}


def _stored_ddl(marker: tuple) -> tuple[str, str] | None:
    """The template's renamable DDL saved with it by an earlier process, if still its own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT obj_description(%s::regnamespace, 'pg_namespace')", [TEMPLATE_SCHEMA]
        )
        comment = cursor.fetchone()[0]
    try:
        stored = json.loads(comment or "")
    except ValueError:
        return None
    if stored.get("marker") != _marker_text(marker):
        return None
    return stored["pre_data"], stored["post_data"]


def _store_ddl(marker: tuple, pre_data: str, post_data: str) -> None:
    text = json.dumps(
        {"marker": _marker_text(marker), "pre_data": pre_data, "post_data": post_data}
    )
    with connection.cursor() as cursor:
        cursor.execute(f"COMMENT ON SCHEMA {TEMPLATE_SCHEMA} IS {_dollar_quote(text)}")


def _marker_text(marker: tuple) -> list[str]:
    return [str(part) for part in marker]


def template_snapshot() -> TemplateSnapshot:
    """The current template's snapshot, (re)building the template first if it is stale.

    pg_dump reads the whole catalog: ~0.5 s on a fresh database, ~30 s once thousands of
    localities exist. So its output is kept as the template schema's comment and reused by
    later processes until the template is rebuilt (a new schema, without the comment).
    """

    template_ensure()
    marker = _template_marker()
    cached = _snapshots.get(connection.settings_dict["NAME"])
    if cached is not None and cached.marker == marker:
        return cached
    data = _data_sql()
    stored = _stored_ddl(marker)
    if stored is None:
        stored = (
            renamable_ddl(dump_template_ddl("pre-data")),
            renamable_ddl(dump_template_ddl("post-data")),
        )
        _store_ddl(marker, *stored)
    pre_data, post_data = stored
    snapshot = TemplateSnapshot(
        marker=marker,
        pre_data=pre_data,
        data=data,
        post_data=post_data,
        tables=pre_data.count("CREATE TABLE "),
        migration_state=schema_fingerprint(TEMPLATE_SCHEMA),
    )
    _snapshots[connection.settings_dict["NAME"]] = snapshot
    return snapshot


def database_label() -> str:
    """Which database this is, for messages, without its password."""
    url = getattr(settings, "DATABASE_URL", "")
    if url:
        return "DATABASE_URL=" + re.sub(r"(//[^:/@]+:)[^@]*@", r"\1***@", url)
    return _("PostgreSQL nhúng (%(path)s)") % {"path": connection.settings_dict.get("HOST")}
