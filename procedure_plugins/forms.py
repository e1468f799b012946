"""Forms of the catalogue's management page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .contract import ProcedurePlugin, format_vnd


class LocalValuesForm(forms.Form):
    """A locality's own processing time, fee and agency name for one procedure."""

    code = forms.CharField(widget=forms.HiddenInput)
    processing_time_amount = forms.IntegerField(
        label=_("Thời hạn giải quyết riêng"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("Vui lòng nhập một số nguyên.")},
    )
    fee_amount = forms.IntegerField(
        label=_("Mức phí, lệ phí riêng (đồng)"),
        required=False,
        min_value=0,
        error_messages={"invalid": _("Vui lòng nhập số tiền bằng chữ số, ví dụ 50000.")},
    )
    agency_name = forms.CharField(
        label=_("Tên cơ quan thực hiện tại đơn vị"), required=False, max_length=200
    )

    def __init__(self, *args, plugin: type[ProcedurePlugin], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.plugin = plugin
        prefix = f"p-{plugin.code.replace('.', '-')}"
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"{prefix}-{name}")
        time_field = self.fields["processing_time_amount"]
        limits = plugin.processing_time_limits
        unit = plugin.processing_time.kind.label
        if limits is None:
            time_field.disabled = True
            time_field.help_text = _("Theo quy định: %(time)s (không điều chỉnh).") % {
                "time": plugin.processing_time
            }
        else:
            time_field.help_text = _("Từ %(low)s đến %(high)s %(unit)s; để trống: %(time)s.") % {
                "low": limits[0],
                "high": limits[1],
                "unit": unit,
                "time": plugin.processing_time,
            }
        fee_field = self.fields["fee_amount"]
        fee_limits = plugin.fee.limits
        if fee_limits is None or plugin.fee.base_amount is None:
            fee_field.disabled = True
            fee_field.help_text = _("Theo quy định (không điều chỉnh).")
        else:
            fee_field.help_text = _("Từ %(low)s đến %(high)s; để trống: %(fee)s.") % {
                "low": format_vnd(fee_limits[0]),
                "high": format_vnd(fee_limits[1]),
                "fee": format_vnd(plugin.fee.base_amount),
            }
