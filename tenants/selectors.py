"""Reads about localities. All of these run against the public schema's tables."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from .choices import Dataset, Level
from .models import Locality


def provinces(*, dataset: str = Dataset.CURRENT) -> QuerySet[Locality]:
    return (
        Locality.objects.filter(level=Level.PROVINCE, dataset=dataset, is_active=True)
        .prefetch_related("domains")
        .order_by("name")
    )


def children_of(locality: Locality) -> QuerySet[Locality]:
    return (
        Locality.objects.filter(parent=locality, is_active=True)
        .prefetch_related("domains")
        .order_by("name")
    )


def primary_host(locality: Locality) -> str | None:
    # Uses the prefetched domains when the caller asked for them.
    for domain in locality.domains.all():
        if domain.is_primary:
            return domain.domain
    return None


def locality_schema_batches(batch_size: int = 50) -> list[list[str]]:
    """Schemas of every active locality (the national root excluded), in batches: what the
    periodic dispatchers (cms.tasks, outbox.tasks) fan their work out over."""

    schemas = list(
        Locality.objects.filter(is_active=True)
        .exclude(schema_name=settings.PUBLIC_SCHEMA_NAME)
        .order_by("schema_name")
        .values_list("schema_name", flat=True)
    )
    return [schemas[i : i + batch_size] for i in range(0, len(schemas), batch_size)]
