"""Receivers of the catalogue: an offering changed, so the locality's cached pages did too."""

from __future__ import annotations

from tenants import page_cache
from tenants.models import Locality

from .models import ProcedureOffering


def offering_changed(sender=None, instance: ProcedureOffering | None = None, **kwargs) -> None:
    """post_save / post_delete of ProcedureOffering: the catalogue, the procedure page, the home
    page's "most used" and the menu of that locality are no longer what is cached."""
    if instance is None:
        return
    schema = (
        Locality.objects.filter(pk=instance.locality_id)
        .values_list("schema_name", flat=True)
        .first()
    )
    if schema:
        page_cache.changed(schema)
