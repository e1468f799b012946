from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossierIndexConfig(AppConfig):
    name = "workflows.public_index"
    label = "dossier_index"
    verbose_name = _("Chỉ mục hồ sơ toàn quốc")
    default_auto_field = "django.db.models.BigAutoField"
