"""Forms of the counter intake pages (workflows/views/counter.py) and of the register page.

Messages are Vietnamese, at their field; what the officer typed comes back with the errors.
The ID number is checked by identity's own validator (12-digit CCCD with a real province
prefix, or a 9-digit CMND), so the counter and the registration page say the same thing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from identity.validators import (
    normalize_full_name,
    normalize_id_number,
    normalize_phone,
    parse_birth_date,
    validate_cccd_matches_birth_date,
    validate_id_number,
)

from . import clock
from .calendar import to_local
from .choices import Intake
from .registers import MAX_PERIOD_DAYS

INTAKE_CHOICES = [
    (Intake.COUNTER.value, Intake.COUNTER.label),
    (Intake.POST.value, Intake.POST.label),
]


class CounterStartForm(forms.Form):
    """Which procedure, which channel, and whose dossier (found by ID number, or a new account)."""

    procedure = forms.ChoiceField(
        label=_("Thủ tục hành chính"),
        error_messages={"required": _("Vui lòng chọn thủ tục.")},
    )
    intake = forms.ChoiceField(
        label=_("Hồ sơ nhận"),
        choices=INTAKE_CHOICES,
        initial=Intake.COUNTER.value,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn hồ sơ nhận trực tiếp hay qua bưu chính.")},
    )
    id_number = forms.CharField(
        label=_("Số CCCD/CMND của người nộp"),
        max_length=20,
        help_text=_("12 chữ số (căn cước công dân) hoặc 9 chữ số (chứng minh nhân dân cũ)."),
        error_messages={"required": _("Vui lòng nhập số CCCD/CMND của người nộp.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200, required=False)
    date_of_birth = forms.CharField(
        label=_("Ngày sinh"), max_length=10, required=False, help_text=_("Ví dụ: 05/09/1990.")
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        help_text=_("Người nộp nhận đường dẫn đặt mật khẩu để tự theo dõi hồ sơ."),
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ, ví dụ: an@gmail.com.")},
    )

    accept_terms = forms.BooleanField(
        label=_(
            "Người nộp đã được đọc và đồng ý với điều khoản xử lý dữ liệu cá nhân theo Nghị định "
            "13/2023/NĐ-CP (khi mở tài khoản mới)."
        ),
        required=False,
    )

    def __init__(
        self, *args: Any, procedures: list[tuple[str, str]], needs_account: bool = False, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.fields["procedure"].choices = [("", _("— Chọn thủ tục —")), *procedures]
        #: No account has this ID number: the new account's name is then required.
        self.needs_account = needs_account

    def clean_id_number(self) -> str:
        value = self.cleaned_data["id_number"]
        validate_id_number(value)
        return normalize_id_number(value)

    def clean_full_name(self) -> str:
        return normalize_full_name(self.cleaned_data.get("full_name", ""))

    def clean_date_of_birth(self) -> datetime.date | None:
        value = (self.cleaned_data.get("date_of_birth") or "").strip()
        return parse_birth_date(value) if value else None

    def clean_phone(self) -> str:
        value = (self.cleaned_data.get("phone") or "").strip()
        return normalize_phone(value) if value else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.needs_account and "id_number" in data and not data.get("full_name"):
            self.add_error(
                "full_name",
                _("Chưa có tài khoản với số CCCD/CMND này: nhập họ và tên để mở tài khoản."),
            )
        if self.needs_account and "id_number" in data and not data.get("accept_terms"):
            self.add_error(
                "accept_terms",
                _("Người nộp cần đồng ý với điều khoản xử lý dữ liệu cá nhân để mở tài khoản."),
            )
        born = data.get("date_of_birth")
        if born and data.get("id_number"):
            try:
                validate_cccd_matches_birth_date(data["id_number"], born)
            except ValidationError as invalid:
                self.add_error("date_of_birth", invalid)
        return data


def _date_field(label: Any, *, required: Any, example: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=["%d/%m/%Y"],
        error_messages={
            "required": required,
            "invalid": _("Ngày viết theo dạng ngày/tháng/năm, ví dụ %(example)s.")
            % {"example": example},
        },
        widget=forms.DateInput(format="%d/%m/%Y"),
    )


class RegisterPeriodForm(forms.Form):
    """The period of the register: "from" and "to", both included, written dd/mm/yyyy."""

    tu = _date_field(_("Từ ngày"), required=_("Vui lòng nhập ngày bắt đầu."), example="01/03/2026")
    den = _date_field(
        _("Đến ngày"), required=_("Vui lòng nhập ngày kết thúc."), example="31/03/2026"
    )

    @classmethod
    def this_month(cls) -> dict[str, str]:
        today = to_local(clock.now()).date()
        return {"tu": today.replace(day=1).strftime("%d/%m/%Y"), "den": today.strftime("%d/%m/%Y")}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("tu"), data.get("den")
        if start and end:
            if end < start:
                self.add_error("den", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
            elif (end - start).days >= MAX_PERIOD_DAYS:
                self.add_error(
                    "den",
                    _("Sổ theo dõi lập cho tối đa %(days)s ngày.") % {"days": MAX_PERIOD_DAYS},
                )
        return data
