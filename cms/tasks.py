"""Periodic Wagtail work for every locality, fanned out by one dispatcher.

Celery beat fires one entry per job (`CELERY_BEAT_SCHEDULE` in settings): `cms.dispatch` with
the job's name. The dispatcher, running in the public schema, lists the active localities and
sends one `cms.run_in_localities` task per batch of schemas; each batch task enters every schema
of its batch in turn. With thousands of communes this costs one beat entry and a few hundred
messages, instead of a beat entry per locality or every schema at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from celery import shared_task
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django_tenants.utils import tenant_context

from tenants.models import Locality
from tenants.selectors import locality_schema_batches

from .counters import flush_visits

logger = logging.getLogger(__name__)
DEFAULT_BATCH_SIZE = 50


def _publish_scheduled() -> None:
    call_command("publish_scheduled", verbosity=0)


def _update_index() -> None:
    call_command("update_index", verbosity=0)


def _flush_visits() -> None:
    flush_visits()


#: The jobs the dispatcher knows, by the name used in the beat schedule.
JOBS: dict[str, Callable[[], None]] = {
    "publish_scheduled": _publish_scheduled,
    "update_index": _update_index,
    "flush_visits": _flush_visits,
}


@shared_task(name="cms.dispatch")
def dispatch(job: str, batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Send `job` to every active locality in batches; returns the number of batches sent."""
    if job not in JOBS:
        raise ValueError(f"Unknown CMS job {job!r}; known: {sorted(JOBS)}")
    connection.set_schema_to_public()
    batches = locality_schema_batches(batch_size)
    for batch in batches:
        run_in_localities.apply_async(
            args=(job, batch), headers={"_schema_name": settings.PUBLIC_SCHEMA_NAME}
        )
    return len(batches)


@shared_task(name="cms.run_in_localities")
def run_in_localities(job: str, schema_names: list[str]) -> dict[str, str]:
    """Run `job` inside each schema; one locality's failure does not stop the others."""

    outcome: dict[str, str] = {}
    localities = Locality.objects.filter(schema_name__in=schema_names, is_active=True)
    for locality in localities:
        try:
            with tenant_context(locality):
                JOBS[job]()
            outcome[locality.schema_name] = "ok"
        except Exception:
            logger.exception("CMS job %s failed in %s", job, locality.schema_name)
            outcome[locality.schema_name] = "failed"
    return outcome


@shared_task(name="cms.update_search_index")
def update_search_index() -> None:
    """Rebuild the search index of the locality the task was sent to (its own schema)."""
    _update_index()
