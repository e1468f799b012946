from django_tenants.middleware.main import TenantMainMiddleware

from .models import Locality


class LocalityMiddleware(TenantMainMiddleware):
    """Chooses the locality (schema and URLconf) from the request's host.

    An inactive locality is served like an unknown host: the friendly not-found page.
    """

    def get_tenant(self, domain_model, hostname):
        tenant = super().get_tenant(domain_model, hostname)
        if not tenant.is_active:
            raise domain_model.DoesNotExist
        return tenant


__all__ = ["LocalityMiddleware", "Locality"]
