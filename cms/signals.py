"""Receivers of the CMS (connected in CmsConfig.ready)."""

from __future__ import annotations

from django.conf import settings
from django.db import ProgrammingError, transaction
from django.dispatch import receiver
from django_tenants.signals import schema_migrated
from django_tenants.utils import schema_context

from .provisioning import index_pages_if_unindexed


@receiver(schema_migrated, dispatch_uid="cms_index_starting_pages")
def index_starting_pages(sender=None, schema_name: str = "", **kwargs) -> None:
    """After migrations in a locality schema (or the template), index its pages if unindexed.

    The starting pages come from a data migration, which cannot use the search machinery (it
    sees historical models). Indexing them once here, in the template schema, means every
    locality cloned from it carries a ready index; a schema already indexed costs one query.
    """
    if not schema_name or schema_name == settings.PUBLIC_SCHEMA_NAME:
        return

    with schema_context(schema_name):
        try:
            with transaction.atomic():
                index_pages_if_unindexed()
        except ProgrammingError:
            # Migrated only partly (`migrate_schemas <app>`): Wagtail's tables are not there yet.
            return
