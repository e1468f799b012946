"""The daily deadline care for every locality: one beat entry, one dispatcher, batches.

Celery beat fires `workflows.deadline_care_dispatch` once a day (`CELERY_BEAT_SCHEDULE`). The
dispatcher, in the public schema, lists the active localities (`cms.tasks.locality_schema_batches`,
the one cross-locality listing the periodic jobs share) and sends one
`workflows.deadline_care_batch` task per batch; each batch task enters its localities one after
the other (`tenant_context`) and runs `care.care_run()` there. One locality's failure is logged
and does not stop the others.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django_tenants.utils import tenant_context

from cms.tasks import DEFAULT_BATCH_SIZE, locality_schema_batches
from tenants.context import tenant_connection
from tenants.models import Locality

from .care import care_run

logger = logging.getLogger(__name__)


@shared_task(name="workflows.deadline_care_dispatch")
def deadline_care_dispatch(batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Send the care job to every active locality in batches; returns the number of batches."""
    tenant_connection().set_schema_to_public()
    batches = locality_schema_batches(batch_size)
    for batch in batches:
        deadline_care_batch.apply_async(
            args=(batch,), headers={"_schema_name": settings.PUBLIC_SCHEMA_NAME}
        )
    return len(batches)


@shared_task(name="workflows.deadline_care_batch")
def deadline_care_batch(schema_names: list[str]) -> dict[str, dict[str, int] | str]:
    """Run the care job in each locality of the batch; returns what it did in each."""
    outcome: dict[str, dict[str, int] | str] = {}
    for locality in Locality.objects.filter(schema_name__in=schema_names, is_active=True):
        try:
            with tenant_context(locality):
                outcome[locality.schema_name] = care_run().as_dict()
        except Exception:
            logger.exception("Deadline care failed in %s", locality.schema_name)
            outcome[locality.schema_name] = "failed"
    return outcome
