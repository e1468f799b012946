from django.apps import AppConfig
from django.core.signals import request_finished
from django.db.models.signals import post_delete, post_save
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
        from .models import Domain, Locality  # noqa: PLC0415 - the app registry is loading
        from .signals import locality_or_host_changed  # noqa: PLC0415 - imports the models

        for model in (Locality, Domain):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(
                    locality_or_host_changed,
                    sender=model,
                    dispatch_uid=f"tenants.page_cache.{model.__name__}.{name}",
                )
