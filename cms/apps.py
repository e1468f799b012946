from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Nội dung cổng")

    def ready(self) -> None:
        from . import signals, tenancy  # noqa: F401, PLC0415 - signals connects its receivers

        tenancy.install()
