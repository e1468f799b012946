from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowModelsConfig(AppConfig):
    name = "procedure_plugins.workflow_models"
    label = "procedure_workflows"
    verbose_name = _("Quy trình của các thủ tục")
