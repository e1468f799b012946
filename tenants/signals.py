"""Hooks run when the database connection switches locality."""

from django.contrib.contenttypes.models import ContentType


def on_tenant_switch(tenant, connection=None, **kwargs) -> None:
    """Called by django-tenants (EXTRA_SET_TENANT_METHOD_PATH) after every schema switch.

    Content-type ids differ between schemas, but Django's and django-guardian's content-type
    caches are per process. A cached id from one locality used in another would grant or check
    the wrong permission, so both caches are cleared on every switch.
    """
    ContentType.objects.clear_cache()
