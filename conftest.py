"""Session-wide test setup: one test database, the demo localities created once per session.

django-tenants' TenantTestCase builds and drops a schema per test class (seconds each). Here the
test database is migrated once (`--reuse-db` keeps it between runs) and the demo localities are
created once; each test's data is rolled back by pytest-django's transaction as usual. Tests that
need a locality use the fixtures below to switch the connection or to send requests to its host.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
for source_root in (ROOT / "platform", ROOT):
    if str(source_root) not in sys.path:
        sys.path.insert(0, str(source_root))
os.environ.setdefault("PORTAL_ENV", "test")


def pytest_terminal_summary(terminalreporter, config):
    """The random order's seed once more at the end: `-q` hides the header that names it."""
    if config.pluginmanager.hasplugin("randomly"):
        seed = config.getoption("randomly_seed")
        terminalreporter.write_line(f'Random order: PYTEST_ARGS="--randomly-seed={seed}" repeats')


def pytest_unconfigure(config):
    # The embedded PostgreSQL's client logs its exit clean-up at INFO through Django's console
    # handler, whose stream was pytest's capture file, closed by then: a traceback per run.
    logging.getLogger("pgserver").setLevel(logging.WARNING)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # noqa: F811 - extends pytest-django's
    with django_db_blocker.unblock():
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import setup_databases

        from tenants.demo import demo_localities_ensure

        if connection.settings_dict["NAME"] != connection.settings_dict["TEST"]["NAME"]:
            # pytest-django sets up the test database only if a collected test carries the
            # django_db mark; tests that must commit (subprocesses, migrations) carry none.
            # Without this they would seed and write into the development database.
            setup_databases(verbosity=0, interactive=False, keepdb=True, aliases={"default"})
        demo_localities_ensure()
        # Localities made before the CMS's setup hook get their Wagtail site (idempotent).
        call_command("cms_setup_sites", index=True, verbosity=0)


DEMO_LOCALITY_CODES = {
    "national": "VN",
    "hai_phong": "31",
    "tu_ky": "11074",
    "gia_lai": "52",
    "chu_puh": "23942",
}


@pytest.fixture(scope="session")
def _demo_locality_ids(django_db_setup, django_db_blocker) -> dict[str, int]:
    with django_db_blocker.unblock():
        from tenants.models import Locality

        ids = dict(
            Locality.objects.filter(code__in=DEMO_LOCALITY_CODES.values()).values_list("code", "pk")
        )
    return {name: ids[code] for name, code in DEMO_LOCALITY_CODES.items()}


@pytest.fixture
def demo_localities(_demo_locality_ids, django_db_blocker) -> dict:
    """The demo localities by name: national, hai_phong, tu_ky, gia_lai, chu_puh.

    Read from the database for each test: a test may change its objects (its transaction then
    rolls the rows back), and the next test must not inherit the changed attributes.
    """
    with django_db_blocker.unblock():
        from tenants.models import Locality

        by_pk = Locality.objects.in_bulk(_demo_locality_ids.values())
    return {name: by_pk[pk] for name, pk in _demo_locality_ids.items()}


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A Redis of the session's own (`redis-server` on a free loopback port, nothing saved):
    tests never depend on REDIS_URL nor touch the machine's Redis."""
    from tests.support import redis_server

    with redis_server() as url:
        yield url


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with no cached page, an empty host map (tenants/page_cache.py) and no
    cached content type (tenants/postgresql_backend): what an earlier test cached from rows it
    then rolled back would leak into this one."""
    from django.core.cache import caches

    from tenants import page_cache
    from tenants.postgresql_backend.base import forget_content_types

    caches["pages"].clear()
    # Rate limits count per client address, and every test client is 127.0.0.1: a test must not
    # inherit the attempts of the tests before it (portal/rate_limits.py).
    caches["ratelimit"].clear()
    page_cache._hosts.clear()
    page_cache._memo.clear()
    page_cache._pages.clear()
    forget_content_types()
    yield


@pytest.fixture
def public_schema(db):
    from django.db import connection

    connection.set_schema_to_public()
    yield
    connection.set_schema_to_public()


@pytest.fixture
def use_locality(db):
    """Switch the connection into a locality for the rest of the test: `use_locality(tu_ky)`."""
    from django.db import connection

    def switch(locality):
        connection.set_tenant(locality)
        return locality

    yield switch
    connection.set_schema_to_public()


@pytest.fixture
def tu_ky(demo_localities, use_locality):
    """Xã Tứ Kỳ (Hải Phòng), with the connection switched into its schema."""
    return use_locality(demo_localities["tu_ky"])


@pytest.fixture
def chu_puh(demo_localities):
    """Xã Chư Pưh (Gia Lai): the 'other locality' of cross-tenant tests (no switch)."""
    return demo_localities["chu_puh"]


def host_of(locality) -> str:
    return locality.get_primary_domain().domain


@pytest.fixture
def host_client(db):
    """A Django test client bound to a locality's host: `host_client(tu_ky).get("/")`."""
    from django.test import Client

    def make(locality, **kwargs):
        return Client(HTTP_HOST=host_of(locality), **kwargs)

    return make
