"""A persistent connection is replaced once it has served many locality schemas."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from tenants.selectors import primary_host


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.parametrize("limit, replaced", [(3, True), (4, False)])
def test_the_connection_is_replaced_after_serving_the_limit_of_schemas(
    committed_db, demo_localities, limit, replaced
):
    connection.__dict__.pop("schemas_served", None)
    first = backend_pid()
    with override_settings(DATABASE_SCHEMAS_PER_CONNECTION=limit):
        for name in ("hai_phong", "tu_ky", "gia_lai"):
            response = Client(HTTP_HOST=primary_host(demo_localities[name])).get("/")
            assert response.status_code == 200
    assert (backend_pid() != first) is replaced
