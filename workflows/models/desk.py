import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class CodePeriod(models.TextChoices):
    DAILY = "daily", _("Đánh số lại mỗi ngày")
    MONTHLY = "monthly", _("Đánh số lại mỗi tháng")
    YEARLY = "yearly", _("Đánh số lại mỗi năm")


class DeskSettings(models.Model):
    """The one-stop desk's settings of one locality (one row per locality schema).

    Dossier codes read `<unit_identifier>-<yymmdd>-<number>`, e.g. `H23.14-220616-0001`; the
    working hours and the same-day cut-off drive appointment dates (workflows/calendar.py).
    """

    unit_identifier = models.CharField(
        _("mã định danh đơn vị"), max_length=30, blank=True, help_text=_("Ví dụ: H23.14")
    )
    code_period = models.CharField(
        _("chu kỳ đánh số hồ sơ"),
        max_length=10,
        choices=CodePeriod.choices,
        default=CodePeriod.DAILY,
    )
    code_digits = models.PositiveSmallIntegerField(_("số chữ số của số thứ tự"), default=4)
    morning_start = models.TimeField(_("sáng bắt đầu"), default=datetime.time(7, 30))
    morning_end = models.TimeField(_("sáng kết thúc"), default=datetime.time(11, 30))
    afternoon_start = models.TimeField(_("chiều bắt đầu"), default=datetime.time(13, 30))
    afternoon_end = models.TimeField(_("chiều kết thúc"), default=datetime.time(17, 0))
    same_day_cutoff = models.TimeField(
        _("giờ chốt nhận trong ngày"),
        default=datetime.time(15, 0),
        help_text=_("Hồ sơ trả trong ngày nhận sau giờ này được trả vào ngày làm việc tiếp theo."),
    )

    class Meta:
        verbose_name = _("cấu hình bộ phận một cửa")
        verbose_name_plural = _("cấu hình bộ phận một cửa")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
