from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ProcedurePluginsConfig(AppConfig):
    name = "procedure_plugins"
    verbose_name = _("Thủ tục hành chính")

    def ready(self) -> None:
        # Every plugin, built-in or installed with pip, arrives through the same entry-point
        # group. A plugin that fails to load is left out with a logged error (and reported by
        # `manage.py check`); the rest of the catalogue keeps working.
        from . import checks  # noqa: F401, PLC0415 - registers the system checks
        from .models import ProcedureOffering  # noqa: PLC0415 - the app registry is loading
        from .registry import register  # noqa: PLC0415 - the app registry is loading
        from .signals import offering_changed  # noqa: PLC0415 - imports the models
        from .validation import plugin_problems  # noqa: PLC0415 - the app registry is loading

        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(
                offering_changed, sender=ProcedureOffering, dispatch_uid=f"offering_{name}"
            )
        register.validate_with(plugin_problems)
        register.load_entry_points()
