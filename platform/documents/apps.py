from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản, biểu mẫu")

    def ready(self) -> None:
        from . import checks  # noqa: F401, PLC0415 - registers the slip registry check
