"""The inbox's filter form (GET) and the assignment forms (POST)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..choices import Intake
from .query import InboxFilters, assignees, field_choices, procedure_choices

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
_DATE_ERRORS = {"invalid": _("Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy.")}


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages=_DATE_ERRORS,
    )


class InboxFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm theo mã hồ sơ, tên người nộp hoặc số định danh"),
        required=False,
        max_length=100,
    )
    procedure = forms.ChoiceField(label=_("Thủ tục"), required=False)
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    state = forms.ChoiceField(label=_("Trạng thái"), required=False)
    channel = forms.ChoiceField(
        label=_("Kênh"),
        required=False,
        choices=[("", _("Tất cả"))] + list(Intake.choices),
    )
    received_from = _date_field(_("Nộp từ ngày"))
    received_to = _date_field(_("đến ngày"))
    overdue = forms.BooleanField(label=_("Chỉ hồ sơ quá hạn"), required=False)
    assignee = forms.TypedChoiceField(
        label=_("Người xử lý"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, states: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["procedure"].choices = everything + procedure_choices()
        self.fields["field"].choices = everything + [(name, name) for name in field_choices()]
        self.fields["state"].choices = everything + states
        self.fields["assignee"].choices = everything + [
            (str(user.pk), user.get_full_name()) for user in assignees()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and end < start:
            self.add_error("received_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data

    def filters(self) -> InboxFilters:
        """The filters as typed, leaving out those with an error (shown at their field)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return InboxFilters(
            procedure=data.get("procedure") or "",
            field=data.get("field") or "",
            state=data.get("state") or "",
            channel=data.get("channel") or "",
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            overdue=bool(data.get("overdue")),
            assignee=data.get("assignee"),
            q=data.get("q") or "",
        )


class _AssigneeField(forms.TypedChoiceField):
    def __init__(self) -> None:
        super().__init__(
            label=_("Giao cho chuyên viên"),
            coerce=int,
            error_messages={
                "required": _("Vui lòng chọn chuyên viên xử lý."),
                "invalid_choice": _("Người được chọn không phải chuyên viên xử lý của đơn vị này."),
            },
        )


class AssignForm(forms.Form):
    assignee = _AssigneeField()
    note = forms.CharField(
        label=_("Ghi chú cho chuyên viên"), required=False, max_length=1000, widget=forms.Textarea
    )
    state = forms.CharField(widget=forms.HiddenInput)
    #: Who held the dossier when the page was shown ("" = nobody): a stale page gets 409.
    current = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "—")] + [
            (str(user.pk), user.get_full_name()) for user in assignees()
        ]

    def clean_current(self) -> int | None:
        value = self.cleaned_data.get("current") or ""
        if not value:
            return None
        if not value.isdigit():
            raise ValidationError(_("Trang đã cũ, vui lòng tải lại."))
        return int(value)


class AssignManyForm(forms.Form):
    assignee = _AssigneeField()
    note = forms.CharField(label=_("Ghi chú cho chuyên viên"), required=False, max_length=1000)
    procedure = forms.CharField(widget=forms.HiddenInput)
    step = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "—")] + [
            (str(user.pk), user.get_full_name()) for user in assignees()
        ]
