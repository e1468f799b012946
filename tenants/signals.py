"""Receivers of the tenants app: a locality or a host changed."""

from __future__ import annotations

from .page_cache import changed_everywhere
from .postgresql_backend.base import forget_content_types


def locality_or_host_changed(sender=None, **kwargs) -> None:
    """post_save / post_delete of Locality and Domain (connected in TenantsConfig.ready).

    Every worker's host → locality map and every cached page go out of date (a name, a host,
    a locality switched off, a lower unit added to a province's list). A locality created or
    removed may reuse a schema name whose content types a worker still holds: dropped too.
    """
    changed_everywhere()
    if kwargs.get("created", True):
        forget_content_types()
