"""Household-business registration follows the standard lifecycle unchanged (the business
registration office examines; the result is the registration certificate)."""

from workflows.models import Dossier


class HouseholdBusinessDossier(Dossier):
    class Meta:
        proxy = True
        app_label = "procedure_workflows"
        verbose_name = "hồ sơ đăng ký thành lập hộ kinh doanh"
