import datetime

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CodePeriod(models.TextChoices):
    DAILY = "daily", _("Đánh số lại mỗi ngày")
    MONTHLY = "monthly", _("Đánh số lại mỗi tháng")
    YEARLY = "yearly", _("Đánh số lại mỗi năm")


unit_identifier_validator = RegexValidator(
    r"^[A-Za-z0-9.]+$",
    _("Chỉ dùng chữ cái không dấu, chữ số và dấu chấm, ví dụ H23.14."),
)


class DeskSettings(models.Model):
    """The one-stop desk's settings of one locality (one row per locality schema).

    Dossier codes read `<unit_identifier>-<yymmdd>-<number>`, e.g. `H23.14-220616-0001`; the
    working hours and the same-day cut-off drive appointment dates (workflows/calendar.py).
    A locality without a row works with the defaults: `DeskSettings.for_current_locality()`.
    """

    unit_identifier = models.CharField(
        _("mã định danh đơn vị"),
        max_length=30,
        blank=True,
        validators=[unit_identifier_validator],
        help_text=_("Ví dụ: H23.14. Để trống thì dùng mã đơn vị hành chính."),
    )
    code_period = models.CharField(
        _("chu kỳ đánh số hồ sơ"),
        max_length=10,
        choices=CodePeriod.choices,
        default=CodePeriod.DAILY,
    )
    code_digits = models.PositiveSmallIntegerField(
        _("số chữ số của số thứ tự"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
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
        constraints = [
            # The legal clock walks the morning then the afternoon session: they must be in order.
            models.CheckConstraint(
                condition=Q(morning_start__lt=F("morning_end"))
                & Q(morning_end__lte=F("afternoon_start"))
                & Q(afternoon_start__lt=F("afternoon_end")),
                name="desk_settings_sessions_in_order",
                violation_error_message=_(
                    "Giờ làm việc phải theo thứ tự: sáng bắt đầu < sáng kết thúc ≤ chiều bắt đầu"
                    " < chiều kết thúc."
                ),
            ),
            models.CheckConstraint(
                condition=Q(code_digits__gte=1) & Q(code_digits__lte=9),
                name="desk_settings_code_digits_range",
                violation_error_message=_("Số chữ số của số thứ tự phải từ 1 đến 9."),
            ),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def for_current_locality(cls) -> "DeskSettings":
        """The settings row of the connection's locality, or unsaved defaults if it has none.

        Example: `DeskSettings.for_current_locality().afternoon_end == datetime.time(17, 0)`.
        Reading never creates a row: a locality admin saves one when changing a default.
        """
        return cls.objects.order_by("pk").first() or cls()
