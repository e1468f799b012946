"""Per-locality settings editable in Wagtail: the footer (seed 004's "Thông tin bản quyền")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class FooterSettings(BaseSiteSetting):
    agency = models.CharField(
        _("cơ quan"),
        max_length=200,
        blank=True,
        help_text=_("Để trống để dùng tên đơn vị, ví dụ “UBND Xã Tứ Kỳ”."),
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    content_responsible = models.CharField(
        _("người chịu trách nhiệm nội dung"),
        max_length=250,
        blank=True,
        help_text=_("Ví dụ: Ông Nguyễn Văn A, Phó Chủ tịch UBND xã, Trưởng Ban Biên tập."),
    )
    licence = models.CharField(
        _("giấy phép"),
        max_length=250,
        blank=True,
        help_text=_("Số giấy phép của cổng thông tin điện tử, ngày cấp, cơ quan cấp."),
    )
    support_phone = models.CharField(_("điện thoại hỗ trợ kỹ thuật"), max_length=50, blank=True)
    support_email = models.EmailField(_("thư điện tử hỗ trợ kỹ thuật"), blank=True)
    show_visit_counters = models.BooleanField(_("hiện thống kê truy cập"), default=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("agency"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
                FieldPanel("content_responsible"),
                FieldPanel("licence"),
            ],
            heading=_("Thông tin bản quyền"),
        ),
        MultiFieldPanel(
            [FieldPanel("support_phone"), FieldPanel("support_email")],
            heading=_("Hỗ trợ kỹ thuật"),
        ),
        FieldPanel("show_visit_counters"),
    ]

    class Meta:
        verbose_name = _("chân trang")
        verbose_name_plural = _("chân trang")
