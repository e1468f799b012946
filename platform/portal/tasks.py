"""Platform-level Celery tasks."""

from celery import shared_task

from tenants.context import current_schema, current_unit


@shared_task(name="portal.health_check")
def health_check() -> dict:
    """Answer from inside the worker: which locality schema the task ran in.

    Used by operators (`celery call portal.health_check`) and by the tests that prove tasks
    keep the locality they were sent from.
    """
    unit = current_unit()
    return {
        "schema": current_schema(),
        "locality": unit.name if unit else None,
    }
