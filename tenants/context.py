"""Which locality the current connection serves: the one place that reads it.

django-tenants keeps the tenant on the database connection (set by the host middleware for a
request, by tenant-schemas-celery for a task, by `schema_context` in commands). Everything else
asks these functions, so "the current locality" means the same thing in every app.

Example, in Xã Tứ Kỳ's schema: `current_locality().code == "11074"`, `on_national_root() is
False`; on the national root (public schema): `current_locality() is None` and
`current_unit().is_national`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.db import connection

from .models import Locality

if TYPE_CHECKING:
    from django_tenants.postgresql_backend.base import DatabaseWrapper

    from .models import Locality


def tenant_connection() -> DatabaseWrapper:
    """The default connection, typed as django-tenants' wrapper (schema switching methods)."""
    return cast("DatabaseWrapper", connection)


def current_schema() -> str:
    return tenant_connection().schema_name


def on_national_root() -> bool:
    """True in the public schema: the national root's portal, accounts, the shared tables."""
    return current_schema() == settings.PUBLIC_SCHEMA_NAME


def current_unit() -> Locality | None:
    """The unit whose portal this connection serves, the national root included; None when the
    connection has no tenant row (a bare `set_schema`, a management command in public)."""

    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Locality) and tenant.pk:
        return tenant
    if on_national_root():
        return None
    # A connection switched by schema name only (`schema_context`): find its row.
    return Locality.objects.filter(schema_name=current_schema()).first()


def current_locality() -> Locality | None:
    """The locality (province, district or commune) of the connection; None on the national root."""
    if on_national_root():
        return None
    return current_unit()


def require_locality() -> Locality:
    """The current locality, for code that only makes sense inside one (dossiers, slips, codes)."""
    locality = current_locality()
    if locality is None:
        raise RuntimeError("This needs a locality's schema: switch the connection first.")
    return locality
