"""Birth registration follows the standard one-stop-desk lifecycle unchanged.

A proxy of its own still matters: the procedure gets its own content type (permissions per
procedure later) and a later version can add steps without touching dossiers of this one.
"""

from workflows.models import Dossier


class BirthRegistrationDossier(Dossier):
    class Meta:
        proxy = True
        app_label = "procedure_workflows"
        verbose_name = "hồ sơ đăng ký khai sinh"
