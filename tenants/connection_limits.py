"""Bound the memory of the PostgreSQL backend behind a persistent web connection.

A backend keeps the catalog entries of every relation it has opened, for as long as it lives:
~0.34 MB for each locality schema a connection has served (measured, docs/performance.md), so a
connection kept open (CONN_MAX_AGE) by a worker that serves the whole country would grow to
about 1.1 GB. After a request, a connection that has served
`settings.DATABASE_SCHEMAS_PER_CONNECTION` distinct schemas is closed; the next request opens a
fresh one (a few milliseconds, against the seconds of catalog memory it frees).
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections


def recycle_after_many_schemas(**kwargs) -> None:
    """request_finished receiver: note the request's schema, close the connection at the limit."""
    limit = getattr(settings, "DATABASE_SCHEMAS_PER_CONNECTION", 0)
    if not limit:
        return
    for connection in connections.all(initialized_only=True):
        schema = getattr(connection, "schema_name", None)
        if connection.connection is None or schema is None or connection.in_atomic_block:
            continue
        seen = connection.__dict__.setdefault("schemas_served", set())
        seen.add(schema)
        if len(seen) >= limit:
            connection.close()
            seen.clear()
