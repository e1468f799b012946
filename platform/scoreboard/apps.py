from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoreboardConfig(AppConfig):
    name = "scoreboard"
    verbose_name = _("Thống kê và chỉ số phục vụ (Quyết định 766)")
