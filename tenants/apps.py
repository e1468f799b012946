from django.apps import AppConfig
from django.core.signals import request_finished
from django.utils.translation import gettext_lazy as _

from .connection_limits import recycle_after_many_schemas


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Đơn vị hành chính")

    def ready(self) -> None:
        # Connects the receiver that keeps locality schemas free of foreign keys into the shared
        # schema (tenants/schema_template.py explains why).
        from . import schema_template  # noqa: F401, PLC0415 - the app registry is loading

        request_finished.connect(recycle_after_many_schemas, dispatch_uid="tenants.recycle")
