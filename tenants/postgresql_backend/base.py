"""django-tenants' PostgreSQL backend, switching schema only when the connection is elsewhere.

django-tenants forgets, at every `set_tenant` (twice a request: public for the host, then the
locality), which `search_path` the server connection holds, and sends `SET search_path` before
every statement unless `TENANT_LIMIT_SET_CALLS` is on, in which case it trusts its record even
across a switch. This backend keeps the record of what the *server* holds (forgotten on close,
rollback and savepoint rollback, as upstream) and sends the `SET` exactly when the wanted path
differs from it: at most one per switch, none when a persistent connection is already there.

Content types: their ids differ between schemas while Django's cache is per process, so
upstream clears the cache at every switch (one query per content type a request then needs).
Here each schema keeps its own cache, the last `CONTENT_TYPE_CACHES` schemas in memory.
"""

from __future__ import annotations

from collections import OrderedDict

import django.db.utils
import psycopg
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django_tenants.postgresql_backend import base as upstream
from django_tenants.utils import quote_schema_name

#: Schemas whose content types stay cached in a process (a cache is ~100 entries).
CONTENT_TYPE_CACHES = 64

_content_type_caches: OrderedDict[str, dict] = OrderedDict()


def use_content_type_cache(schema_name: str) -> None:
    """Point Django's content-type cache at `schema_name`'s own (least recently used dropped)."""
    caches = _content_type_caches
    cache = caches.pop(schema_name, None)
    if cache is None:
        cache = {}
        while len(caches) >= CONTENT_TYPE_CACHES:
            caches.popitem(last=False)
    caches[schema_name] = cache
    ContentType.objects._cache = cache  # type: ignore[attr-defined]


def forget_content_types() -> None:
    """Drop every schema's cached content types (after content types were changed)."""
    _content_type_caches.clear()
    ContentType.objects._cache = {}  # type: ignore[attr-defined]


class DatabaseWrapper(upstream.DatabaseWrapper):
    def set_tenant(self, tenant, include_public=True):
        self.tenant = tenant
        self.schema_name = tenant.schema_name
        self.include_public_schema = include_public
        self.set_settings_schema(self.schema_name)
        if upstream.EXTRA_SET_TENANT_METHOD:
            upstream.EXTRA_SET_TENANT_METHOD(self, tenant)
        # Not forgetting search_path_set_schemas: it says what the server holds.
        use_content_type_cache(self.schema_name)

    def _handle_search_path(self, cursor=None):
        if self._setting_search_path:
            return
        if not self.schema_name:
            raise ImproperlyConfigured(
                "Database schema not set. Did you forget to call set_schema() or set_tenant()?"
            )
        search_paths = self._get_cursor_search_paths()
        if self.search_path_set_schemas == search_paths:
            return
        self._setting_search_path = True
        cursor_for_search_path = self.connection.cursor() if cursor is None else cursor
        try:
            quoted = ",".join(quote_schema_name(name) for name in search_paths)
            cursor_for_search_path.execute(f"SET search_path = {quoted}")
        except (django.db.utils.DatabaseError, psycopg.InternalError):
            self.search_path_set_schemas = None
        else:
            self.search_path_set_schemas = search_paths
        finally:
            self._setting_search_path = False
            if cursor is None:
                cursor_for_search_path.close()
