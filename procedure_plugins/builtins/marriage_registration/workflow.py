"""Marriage registration follows the standard lifecycle unchanged (both parties attend the
signing at the People's Committee, which the returning step records)."""

from workflows.models import Dossier


class MarriageRegistrationDossier(Dossier):
    class Meta:
        proxy = True
        app_label = "procedure_workflows"
        verbose_name = "hồ sơ đăng ký kết hôn"
