from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Đơn vị hành chính")

    def ready(self) -> None:
        # Connects the receiver that keeps locality schemas free of foreign keys into the shared
        # schema (tenants/schema_template.py explains why).
        from . import schema_template  # noqa: F401
