from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierCodeCounter(models.Model):
    """The running number of dossier codes for one period (a day, a month or a year).

    Incremented with a single `INSERT ... ON CONFLICT ... DO UPDATE ... RETURNING` statement,
    which PostgreSQL serialises per row: concurrent submissions from any number of processes or
    servers each get their own number (see workflows/numbering.py). `issued_on` is the local
    date of the last number handed out, so that a change of numbering period in the middle of a
    day continues above that day's numbers instead of repeating them.
    """

    period = models.CharField(_("kỳ đánh số"), max_length=20, unique=True)
    value = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)
    issued_on = models.DateField(_("ngày cấp số gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("bộ đếm mã hồ sơ")
        verbose_name_plural = _("bộ đếm mã hồ sơ")

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"
