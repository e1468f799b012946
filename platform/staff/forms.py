from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from identity.selectors import user_by_identifier

from .roles import Role


class PersonField(forms.CharField):
    """An account named by its ID number (CCCD/CMND) or e-mail address."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Số CCCD/CMND hoặc thư điện tử của người được bổ nhiệm"))
        kwargs.setdefault(
            "help_text",
            _("Người được bổ nhiệm cần có tài khoản trên cổng dịch vụ công và đã xác nhận."),
        )
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault(
            "error_messages", {"required": _("Vui lòng nhập số CCCD/CMND hoặc thư điện tử.")}
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        text = value.strip()
        if "@" not in text and not text.replace(" ", "").isdigit():
            raise ValidationError(
                _("Hãy nhập số CCCD/CMND (9 hoặc 12 chữ số) hoặc địa chỉ thư điện tử."),
                code="identifier_shape",
            )
        user = user_by_identifier(text)
        if user is None:
            raise ValidationError(
                _(
                    "Không tìm thấy tài khoản có số CCCD/CMND hoặc thư điện tử “%(value)s”. "
                    "Người được bổ nhiệm cần tự đăng ký tài khoản trước."
                ),
                params={"value": text},
                code="identifier_unknown",
            )
        return user


class AppointForm(forms.Form):
    identifier = PersonField()
    role = forms.ChoiceField(
        label=_("Vai trò"),
        error_messages={
            "required": _("Vui lòng chọn vai trò."),
            "invalid_choice": _("Vai trò này không có hoặc bạn không được giao."),
        },
    )

    def __init__(self, *args, roles: list[Role], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("— Chọn vai trò —"))] + [
            (role.value, role.label) for role in roles
        ]


class LocalityAdminForm(forms.Form):
    identifier = PersonField(label=_("Số CCCD/CMND hoặc thư điện tử của quản trị đơn vị"))
