from django_tenants.middleware.main import TenantMainMiddleware

from .models import Locality
from .page_cache import locality_for_host


class LocalityMiddleware(TenantMainMiddleware):
    """Chooses the locality (schema and URLconf) from the request's host.

    The host → locality map is kept by each worker and renewed when a locality or a host changes
    anywhere (tenants.page_cache.locality_for_host). An inactive locality is served like an
    unknown host: the friendly not-found page.
    """

    def get_tenant(self, domain_model, hostname):
        tenant = locality_for_host(hostname, lambda host: self._look_up(domain_model, host))
        if tenant is None or not tenant.is_active:
            raise domain_model.DoesNotExist
        return tenant

    @staticmethod
    def _look_up(domain_model, hostname):
        try:
            return domain_model.objects.select_related("tenant").get(domain=hostname).tenant
        except domain_model.DoesNotExist:
            return None


__all__ = ["LocalityMiddleware", "Locality"]
