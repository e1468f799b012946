"""Fixtures for tests whose work must commit: migrations in a new schema, other processes."""

import pytest


@pytest.fixture
def committed_db(django_db_setup, django_db_blocker):
    """The test database, outside any test transaction; what a test commits there it removes.

    These tests carry no `django_db` mark (that would wrap them in a transaction), so this
    checks that the session did switch to the test database (see the root conftest).
    """
    from django.db import connection

    with django_db_blocker.unblock():
        settings_dict = connection.settings_dict
        assert settings_dict["NAME"] == settings_dict["TEST"]["NAME"], "not the test database"
        connection.set_schema_to_public()
        yield
        connection.set_schema_to_public()


@pytest.fixture(scope="session")
def locality_template(django_db_setup, django_db_blocker):
    """The template schema, (re)built once per session if migrations changed since.

    Building it runs migrations, which cannot happen inside a test's transaction; tests that
    create localities in their transaction need it ready beforehand.
    """
    from tenants.schema_template import template_snapshot

    with django_db_blocker.unblock():
        template_snapshot()  # builds it if needed and keeps its DDL with it (committed)
