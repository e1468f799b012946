"""Per-locality setup run inside the transaction that creates a locality.

Apps add their own step to `settings.LOCALITY_SETUP_HOOKS` (the CMS gives the new locality its
Wagtail Site and home title); provisioning and `services.locality_build` run them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

from .context import tenant_connection
from .models import Locality


def setup_hooks() -> list[Callable]:
    """The callables named in `settings.LOCALITY_SETUP_HOOKS`, in order."""
    return [import_string(path) for path in getattr(settings, "LOCALITY_SETUP_HOOKS", [])]


def run_setup_hooks(locality: Locality) -> None:
    """Run each `LOCALITY_SETUP_HOOKS` entry as `hook(locality)` for a locality being created.

    The contract of a hook:
    - It is called once per new locality, with the connection switched into the locality's new
      schema (every table exists, holding the template's rows: the default Wagtail Site and
      home page, content types, permissions, role groups), inside the transaction that also
      creates the schema, the Locality row and its primary Domain. `locality.get_primary_domain()`
      already answers.
    - Raising aborts that transaction: nothing of the locality is kept, and the error is
      reported against that row.
    - It must stay cheap (a few queries): it runs for each of the thousands of localities, and
      the provisioning benchmark (benchmarks/provision_all.py) counts it.
    - It must not commit, switch schema, or run migrations; it may rely on nothing else about
      the order of hooks than the order of the setting.

    Example (cms/provisioning.py):

        def setup_locality_site(locality):
            Site.objects.filter(is_default_site=True).update(
                hostname=locality.get_primary_domain().domain
            )
    """
    hooks = setup_hooks()
    if not hooks:
        return
    connection = tenant_connection()
    connection.set_tenant(locality)
    try:
        for hook in hooks:
            hook(locality)
    finally:
        connection.set_schema_to_public()
