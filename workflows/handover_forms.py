"""Forms of the inter-unit hand-over pages (workflows/views/handover.py).

The unit list is the service's (`services.handover.handover_targets`); whether a posted unit may
receive the dossier is decided by the service too (`target_problem`), whose message the view
puts at the field: one rule, whatever a client posts.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class HandOverToUnitForm(forms.Form):
    target = forms.IntegerField(
        label=_("Đơn vị nhận hồ sơ"),
        widget=forms.Select,
        error_messages={
            "required": _("Vui lòng chọn đơn vị nhận hồ sơ."),
            "invalid": _("Vui lòng chọn đơn vị nhận hồ sơ trong danh sách."),
        },
    )
    note = forms.CharField(
        label=_("Nội dung đề nghị phối hợp"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, targets: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— Chọn đơn vị —"))]
        choices += [(unit.pk, unit.name) for unit in targets]
        self.fields["target"].widget.choices = choices


class HandOverReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú gửi đơn vị chuyển"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BoundaryFreeForm(forms.Form):
    """The procedures a province declares boundary-free, one checkbox each."""

    codes = forms.MultipleChoiceField(
        label=_("Thủ tục không phụ thuộc địa giới hành chính"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Thủ tục “%(value)s” không có trên hệ thống.")},
    )

    def __init__(self, *args: Any, procedures: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = [(code, f"{code} · {name}") for code, name in procedures]
