from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcedurePluginsConfig(AppConfig):
    name = "procedure_plugins"
    verbose_name = _("Thủ tục hành chính")
