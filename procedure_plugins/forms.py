"""Forms of the catalogue's management page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.deadlines.shares import DEFAULT_STEP_SHARES, Step

from .contract import ProcedurePlugin, format_vnd

#: The form's field for each step's share: `share_receive`, `share_process`, ...
SHARE_FIELDS = {step: f"share_{step}" for step in Step.values}


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
        self._add_share_fields(plugin)
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

    def _add_share_fields(self, plugin: type[ProcedurePlugin]) -> None:
        """One field per desk step: its share (%) of the legal time, within the plugin's limits;
        all empty: the plugin's shares."""
        declared = getattr(plugin, "step_shares", None) or DEFAULT_STEP_SHARES
        for step, label in Step.choices:
            field = forms.IntegerField(
                label=_("Tỷ lệ thời hạn bước “%(step)s” (%%)") % {"step": label},
                required=False,
                min_value=0,
                max_value=100,
                error_messages={"invalid": _("Vui lòng nhập một số nguyên, ví dụ 10.")},
            )
            if declared.limits is None:
                field.disabled = True
                field.help_text = _("Theo thủ tục: %(share)s%% (không điều chỉnh).") % {
                    "share": declared.share_of(step)
                }
            else:
                field.help_text = _(
                    "Từ %(low)s%% đến %(high)s%%, tổng các bước bằng 100%%; để trống cả bốn "
                    "bước: %(share)s%%."
                ) % {
                    "low": declared.limits[0],
                    "high": declared.limits[1],
                    "share": declared.share_of(step),
                }
            self.fields[SHARE_FIELDS[step]] = field

    def step_shares(self) -> dict[str, int | None] | None:
        """The shares typed (None when every share was left empty: the plugin's)."""
        typed = {step: self.cleaned_data.get(name) for step, name in SHARE_FIELDS.items()}
        return None if all(value is None for value in typed.values()) else typed
