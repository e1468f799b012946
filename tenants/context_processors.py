from django.db import connection


def locality(request):
    """The locality of the current request, for headers, titles and breadcrumbs."""
    tenant = getattr(request, "tenant", None) or getattr(connection, "tenant", None)
    return {"locality": tenant if getattr(tenant, "pk", None) else None}
