"""Issuing an extract copy follows the standard lifecycle unchanged."""

from workflows.models import Dossier


class CivilStatusExtractCopyDossier(Dossier):
    class Meta:
        proxy = True
        app_label = "procedure_workflows"
        verbose_name = "hồ sơ cấp bản sao trích lục hộ tịch"
