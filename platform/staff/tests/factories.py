"""Officers for tests: a person with a role in a locality's schema."""

from __future__ import annotations

from django.db import connection

from identity.tests.factories import make_user
from staff.roles import role_group


def officer_of(locality, role, name: str = "", *, user=None):
    """`user` (a new person named `name` when None) given `role` in `locality`; the connection
    is back on the public schema afterwards."""
    user = user or (make_user(full_name=name) if name else make_user())
    connection.set_tenant(locality)
    try:
        user.groups.add(role_group(role))
    finally:
        connection.set_schema_to_public()
    return user
