from .context import current_unit


def locality(request):
    """The locality of the current request, for headers, titles and breadcrumbs."""
    tenant = getattr(request, "tenant", None)
    return {"locality": tenant if getattr(tenant, "pk", None) else current_unit()}
