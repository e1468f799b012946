"""Celery tasks of the outbox (found by the worker's autodiscovery).

- `outbox.deliver`: send one message, in the locality it was written in (tenant-schemas-celery
  carries the schema); a failure schedules the next attempt with the delay the outbox chose.
- `outbox.sweep`: the one beat entry. In the public schema it lists the active localities and
  sends one `outbox.sweep_localities` per batch; each re-sends the due messages of its schemas.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.db import connection
from django_tenants.utils import tenant_context

from tenants.models import Locality
from tenants.selectors import locality_schema_batches

from .delivery import message_deliver
from .models import Message
from .selectors import due_messages

logger = logging.getLogger(__name__)
SWEEP_BATCH_SIZE = 50
#: At most this many messages per locality and sweep: a backlog drains over a few sweeps.
SWEEP_LIMIT = 500


@shared_task(name="outbox.deliver", ignore_result=True)
def deliver(message_id: int) -> str:
    outcome = message_deliver(message_id=message_id)
    if outcome.retry_in is not None and not deliver.app.conf.task_always_eager:
        # In-process (eager) a countdown would run at once: the sweeper or a re-send does it.
        try:
            deliver.apply_async(args=(message_id,), countdown=outcome.retry_in)
        except Exception:  # the broker is down: the sweeper finds the failed row when due
            logger.exception("could not schedule the retry of outbox message %s", message_id)
    return outcome.state


def sweep_here() -> int:
    """Send again what is due in the current locality; returns how many were sent to workers."""
    ids = list(due_messages().values_list("pk", flat=True)[:SWEEP_LIMIT])
    for pk in ids:
        deliver.delay(pk)
    return len(ids)


@shared_task(name="outbox.sweep", ignore_result=True)
def sweep(batch_size: int = SWEEP_BATCH_SIZE) -> int:
    """Fan the sweep out to every active locality in batches; returns the number of batches."""
    connection.set_schema_to_public()
    batches = locality_schema_batches(batch_size)
    for batch in batches:
        sweep_localities.apply_async(
            args=(batch,), headers={"_schema_name": settings.PUBLIC_SCHEMA_NAME}
        )
    return len(batches)


@shared_task(name="outbox.sweep_localities", ignore_result=True)
def sweep_localities(schema_names: list[str]) -> dict[str, int]:
    """Sweep each schema of the batch; one locality's failure does not stop the others."""
    swept: dict[str, int] = {}
    for locality in Locality.objects.filter(schema_name__in=schema_names, is_active=True):
        try:
            with tenant_context(locality):
                swept[locality.schema_name] = sweep_here()
        except Exception:
            logger.exception("outbox sweep failed in %s", locality.schema_name)
            swept[locality.schema_name] = -1
    return swept


__all__ = ["Message", "deliver", "sweep", "sweep_localities"]
