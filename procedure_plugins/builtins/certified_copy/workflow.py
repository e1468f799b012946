"""Certifying copies follows the standard lifecycle unchanged."""

from workflows.models import Dossier


class CertifiedCopyDossier(Dossier):
    class Meta:
        proxy = True
        app_label = "procedure_workflows"
        verbose_name = "hồ sơ chứng thực bản sao từ bản chính"
