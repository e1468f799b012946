"""Fixtures of the CMS tests: editors per locality, a throw-away media root, a real cache."""

from __future__ import annotations

import shutil
import tempfile
import uuid

import pytest
from django.db import connection

BACKEND = "identity.backends.NationalAccountBackend"


def make_editor(locality, *, username: str | None = None):
    """A national account holding the editor role in `locality` (its own schema only)."""
    from django.contrib.auth import get_user_model
    from django_tenants.utils import tenant_context

    from staff.models import GroupMembership
    from staff.roles import Role, role_group

    user = get_user_model().objects.create_user(
        username=username or f"editor-{uuid.uuid4().hex[:8]}",
        password=None,  # tests log in with force_login; hashing a password costs ~0.5 s
        full_name="Biên tập viên",
    )
    with tenant_context(locality):
        GroupMembership.objects.create(user=user, group=role_group(Role.EDITOR))
    return user


@pytest.fixture
def editor_of(db):
    return make_editor


@pytest.fixture
def logged_in(host_client):
    """A client on `locality`'s host, logged in as `user`."""

    def make(locality, user):
        client = host_client(locality)
        client.force_login(user, backend=BACKEND)
        return client

    return make


@pytest.fixture
def media_root(settings):
    """Uploaded files go to a temporary MEDIA_ROOT (still one folder per locality schema)."""
    from django.core.files.storage import default_storage

    path = tempfile.mkdtemp(prefix="cms-media-")
    settings.MEDIA_ROOT = path
    # TenantFileSystemStorage caches its root per process: forget it on both sides of the test.
    default_storage._wrapped.__dict__.pop("relative_media_root", None)
    yield path
    default_storage._wrapped.__dict__.pop("relative_media_root", None)
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def real_cache(settings, redis_url):
    """The default cache on the session's own Redis (tests/support.py), emptied around the test."""
    from django.core.cache import cache, caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_FUNCTION": "django_tenants.cache.make_key",
        },
        # The page cache (tenants/page_cache.py) as in production: on Redis too.
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url},
    }
    caches["pages"].clear()
    caches["default"].clear()
    yield cache
    caches["default"].clear()


@pytest.fixture
def in_locality():
    """Run a block inside a locality's schema: `with in_locality(tu_ky): ...`."""
    from django_tenants.utils import tenant_context

    yield tenant_context
    connection.set_schema_to_public()


@pytest.fixture
def eager_celery():
    """Tasks sent by the code under test run at once, in-process (even with a broker set)."""
    from portal.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture(scope="session")
def locality_template(django_db_setup, django_db_blocker):
    """The template schema new localities are copied from, (re)built once per session if stale.

    Building runs migrations, which cannot happen inside a test's transaction.
    """
    from tenants.schema_template import template_ensure

    with django_db_blocker.unblock():
        template_ensure()
