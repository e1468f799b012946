"""Tasks keep the locality they were sent from: eagerly, and through Redis to a real worker."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.db import connection

from portal.tasks import health_check
from tests.support import celery_worker, worker_output

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_eager_task_runs_in_the_senders_locality(tu_ky, settings):
    # No broker configured: the task runs in-process and still sees Tứ Kỳ's schema.
    result = health_check.apply()
    assert result.get() == {"schema": tu_ky.schema_name, "locality": "Xã Tứ Kỳ"}


@pytest.mark.slow
@pytest.mark.django_db
def test_worker_through_redis_runs_each_task_in_its_locality(demo_localities, redis_url):
    from celery import Celery

    # The worker talks to this test database, where the demo localities exist, and to the
    # session's own Redis.
    with celery_worker(redis_url, {}, "test-worker") as worker:
        try:
            # A client app bound to the same broker, sending with tenant-schemas-celery's headers.
            from tenant_schemas_celery.app import CeleryApp

            # set_as_current=False: a current app of its own would capture every shared_task sent
            # later in this session (they would go to Redis with no worker instead of running).
            client = CeleryApp(
                "portal-test-client", broker=redis_url, backend=redis_url, set_as_current=False
            )
            assert isinstance(client, Celery)
            results = {}
            for key in ("tu_ky", "chu_puh"):
                connection.set_tenant(demo_localities[key])
                results[key] = client.send_task("portal.health_check")
            connection.set_schema_to_public()
            results["national"] = client.send_task("portal.health_check")
            deadline = time.monotonic() + 60
            answers = {}
            for key, async_result in results.items():
                answers[key] = async_result.get(timeout=max(1, deadline - time.monotonic()))
        finally:
            connection.set_schema_to_public()
            output = worker_output(worker)
    assert answers["tu_ky"] == {
        "schema": demo_localities["tu_ky"].schema_name,
        "locality": "Xã Tứ Kỳ",
    }, output
    assert answers["chu_puh"]["locality"] == "Xã Chư Pưh"
    assert answers["national"]["schema"] == "public"
