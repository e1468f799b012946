"""Platform-level Celery tasks."""

from celery import shared_task
from django.db import connection


@shared_task(name="portal.health_check")
def health_check() -> dict:
    """Answer from inside the worker: which locality schema the task ran in.

    Used by operators (`celery call portal.health_check`) and by the tests that prove tasks
    keep the locality they were sent from.
    """
    tenant = getattr(connection, "tenant", None)
    return {
        "schema": connection.schema_name,
        "locality": getattr(tenant, "name", None),
    }
