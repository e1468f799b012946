"""Account forms. Every message is Vietnamese and attached to the field it is about."""

from __future__ import annotations

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import selectors, services
from .validators import (
    normalize_full_name,
    normalize_id_number,
    normalize_phone,
    parse_birth_date,
    validate_cccd_matches_birth_date,
    validate_id_number,
    validate_username_shape,
)


def _required(what) -> dict:
    """`_required(_("họ và tên"))` -> "Vui lòng nhập họ và tên." (lazy, translated per request)."""
    return {"required": format_lazy(_("Vui lòng nhập {}."), what)}


#: The name of the "Đổi mã khác" button: the form comes back with a new captcha and what was typed.
CAPTCHA_REFRESH_FIELD = "captcha_refresh"


class AccessibleCaptchaInput(CaptchaTextInput):
    """The captcha image with a Vietnamese text alternative (the package's alt is "captcha"), a
    spoken alternative when flite is installed, and a button for another image that works
    without JavaScript (the form is posted back and re-rendered, nothing typed is lost)."""

    template_name = "identity/widgets/captcha.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["refresh_field"] = CAPTCHA_REFRESH_FIELD
        return context


class CitizenFieldsMixin:
    """Cleaning shared by registration and the profile page."""

    def clean_full_name(self) -> str:
        name = normalize_full_name(self.cleaned_data["full_name"])
        if len(name) < 2:
            raise ValidationError(_("Vui lòng nhập đầy đủ họ và tên."), code="name_short")
        return name

    def clean_id_number(self) -> str:
        value = normalize_id_number(self.cleaned_data["id_number"])
        validate_id_number(value)
        exclude = getattr(self, "user", None)
        if selectors.id_number_taken(value, exclude_pk=exclude.pk if exclude else None):
            raise ValidationError(
                _(
                    "Số CCCD/CMND này đã được đăng ký. Nếu đó là bạn, hãy đăng nhập hoặc dùng "
                    "“Quên mật khẩu”."
                ),
                code="id_number_taken",
            )
        return value

    def clean_date_of_birth(self):
        return parse_birth_date(self.cleaned_data["date_of_birth"])

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        exclude = getattr(self, "user", None)
        if selectors.email_taken(email, exclude_pk=exclude.pk if exclude else None):
            raise ValidationError(
                _(
                    "Địa chỉ thư điện tử này đã được một tài khoản khác sử dụng. Nếu đó là bạn, "
                    "hãy đăng nhập hoặc dùng “Quên mật khẩu”."
                ),
                code="email_taken",
            )
        return email

    def check_id_matches_birth_date(self, id_number: str | None) -> None:
        born = self.cleaned_data.get("date_of_birth")
        if id_number and born:
            try:
                validate_cccd_matches_birth_date(id_number, born)
            except ValidationError as error:
                field = (
                    "id_number"
                    if "id_number" in self.fields and not self.fields["id_number"].disabled
                    else "date_of_birth"
                )
                self.add_error(field, error)


def _text(label, what, *, help_text="", max_length=200, required=True, **attrs) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        required=required,
        error_messages={
            **_required(what),
            "max_length": format_lazy(_("Tối đa {} ký tự."), max_length),
        },
        widget=forms.TextInput(attrs=attrs),
    )


def _birth_date_field() -> forms.CharField:
    return forms.CharField(
        label=_("Ngày sinh"),
        help_text=_("Ngày/tháng/năm, ví dụ 05/09/1990."),
        max_length=10,
        error_messages={
            **_required(_("ngày sinh")),
            "max_length": _("Ngày sinh viết theo dạng ngày/tháng/năm, ví dụ 05/09/1990."),
        },
        widget=forms.TextInput(
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "bday"}
        ),
    )


def _email_field() -> forms.EmailField:
    return forms.EmailField(
        label=_("Thư điện tử"),
        help_text=_("Thư xác nhận tài khoản sẽ được gửi tới địa chỉ này."),
        error_messages={
            **_required(_("thư điện tử")),
            "invalid": _("Địa chỉ thư điện tử không hợp lệ, ví dụ đúng: nguyenvana@gmail.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class RegistrationForm(CitizenFieldsMixin, forms.Form):
    full_name = _text(_("Họ và tên"), _("họ và tên"), autocomplete="name")
    id_number = _text(
        _("Số CCCD/CMND"),
        _("số CCCD/CMND"),
        help_text=_("Căn cước công dân 12 chữ số, hoặc chứng minh nhân dân cũ 9 chữ số."),
        max_length=20,
        inputmode="numeric",
    )
    date_of_birth = _birth_date_field()
    address = _text(
        _("Địa chỉ"),
        _("địa chỉ"),
        max_length=300,
        help_text=_("Số nhà, thôn/tổ dân phố, xã/phường, tỉnh/thành phố."),
        autocomplete="street-address",
    )
    email = _email_field()
    phone = _text(
        _("Số điện thoại"),
        _("số điện thoại"),
        help_text=_("10 chữ số, ví dụ 0912345678, hoặc +84912345678."),
        max_length=20,
        inputmode="tel",
        autocomplete="tel",
    )
    username = _text(
        _("Tên đăng nhập (không bắt buộc)"),
        _("tên đăng nhập"),
        help_text=_(
            "Bỏ trống để dùng số CCCD/CMND làm tên đăng nhập. Bạn luôn có thể đăng nhập bằng "
            "số CCCD/CMND hoặc thư điện tử."
        ),
        max_length=150,
        required=False,
        autocomplete="username",
    )
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        error_messages=_required(_("mật khẩu")),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 8 ký tự, có cả chữ cái và chữ số, không trùng thông tin cá nhân."),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        error_messages=_required(_("lại mật khẩu")),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    captcha = CaptchaField(
        label=_("Mã xác nhận"),
        help_text=_("Gõ các ký tự trong ảnh (không phân biệt chữ hoa, chữ thường)."),
        widget=AccessibleCaptchaInput(),
        error_messages={
            "invalid": _("Mã xác nhận không đúng. Vui lòng gõ lại các ký tự trong ảnh mới."),
            "required": _("Vui lòng nhập mã xác nhận trong ảnh."),
            "incomplete": _("Vui lòng nhập mã xác nhận trong ảnh."),
        },
    )
    accept_terms = forms.BooleanField(
        label=_(
            "Tôi đã đọc và đồng ý với điều khoản xử lý dữ liệu cá nhân theo Nghị định "
            "13/2023/NĐ-CP."
        ),
        error_messages={
            "required": _(
                "Bạn cần đồng ý với điều khoản xử lý dữ liệu cá nhân thì mới đăng ký được."
            )
        },
    )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip().lower()
        if not username:
            return ""
        validate_username_shape(username)
        if selectors.username_taken(username):
            raise ValidationError(
                _("Tên đăng nhập này đã có người dùng. Vui lòng chọn tên khác."),
                code="username_taken",
            )
        return username

    def clean(self):
        cleaned = super().clean()
        self.check_id_matches_birth_date(cleaned.get("id_number"))
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error(
                "password2", ValidationError(_("Hai mật khẩu không giống nhau."), code="mismatch")
            )
        if password1:
            candidate = get_user_model()(
                username=cleaned.get("username") or cleaned.get("id_number") or "",
                full_name=cleaned.get("full_name") or "",
                email=cleaned.get("email") or "",
                id_number=cleaned.get("id_number"),
                phone=cleaned.get("phone") or "",
            )
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(AuthenticationForm):
    """Seed 000: "nhập chính xác Tên đăng nhập hoặc số CMND đã đăng ký"."""

    username = forms.CharField(
        label=_("Tên đăng nhập, số CCCD/CMND hoặc thư điện tử"),
        max_length=254,
        error_messages=_required(_("tên đăng nhập, số CCCD/CMND hoặc thư điện tử")),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        error_messages=_required(_("mật khẩu")),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập (số CCCD/CMND, thư điện tử) hoặc mật khẩu không đúng. Lưu ý mật "
            "khẩu phân biệt chữ hoa và chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khoá. Vui lòng liên hệ bộ phận một cửa."),
    }


class ProfileForm(CitizenFieldsMixin, forms.Form):
    full_name = _text(_("Họ và tên"), _("họ và tên"), autocomplete="name")
    id_number = _text(
        _("Số CCCD/CMND"),
        _("số CCCD/CMND"),
        help_text=_("Căn cước công dân 12 chữ số, hoặc chứng minh nhân dân cũ 9 chữ số."),
        max_length=20,
        inputmode="numeric",
    )
    date_of_birth = _birth_date_field()
    address = _text(_("Địa chỉ"), _("địa chỉ"), max_length=300, autocomplete="street-address")
    phone = _text(
        _("Số điện thoại"),
        _("số điện thoại"),
        help_text=_("10 chữ số, ví dụ 0912345678, hoặc +84912345678."),
        max_length=20,
        inputmode="tel",
        autocomplete="tel",
    )
    email = _email_field()
    notify_by_email = forms.BooleanField(
        label=_("Nhận thông báo về hồ sơ qua thư điện tử"), required=False
    )
    notify_by_sms = forms.BooleanField(
        label=_("Nhận thông báo về hồ sơ qua tin nhắn SMS"),
        required=False,
        help_text=_("Trang hồ sơ trên Cổng luôn hiển thị đầy đủ các thông báo."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        initial = {
            "notify_by_email": user.notify_by_email,
            "notify_by_sms": user.notify_by_sms,
            "full_name": user.full_name,
            "id_number": user.id_number or "",
            "date_of_birth": user.date_of_birth.strftime("%d/%m/%Y") if user.date_of_birth else "",
            "address": user.address,
            "phone": user.phone,
            "email": user.pending_email or user.email,
        }
        super().__init__(*args, initial=initial, **kwargs)
        if user.is_confirmed:
            # Fixed once confirmed: shown, not editable, and never read from the POST.
            self.fields["id_number"].disabled = True
            self.fields["id_number"].required = False
            self.fields["id_number"].help_text = _(
                "Số CCCD/CMND của tài khoản đã xác nhận không thể thay đổi."
            )
        self.fields["email"].help_text = _(
            "Nếu đổi địa chỉ, thư xác nhận sẽ gửi tới địa chỉ mới; địa chỉ cũ vẫn dùng cho tới "
            "khi bạn xác nhận."
        )

    def clean_id_number(self) -> str:
        if self.fields["id_number"].disabled:
            return self.user.id_number or ""
        return super().clean_id_number()

    def clean(self):
        cleaned = super().clean()
        self.check_id_matches_birth_date(cleaned.get("id_number"))
        return cleaned


class PortalPasswordResetForm(PasswordResetForm):
    """Django's reset form: the link it mails uses the host of the request (no sites framework
    is installed), i.e. the portal where the citizen asked for it."""

    email = forms.EmailField(
        label=_("Thư điện tử đã đăng ký"),
        max_length=254,
        error_messages={
            **_required(_("thư điện tử")),
            "invalid": _("Địa chỉ thư điện tử không hợp lệ, ví dụ đúng: nguyenvana@gmail.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class PortalSetPasswordForm(SetPasswordForm):
    def save(self, commit: bool = True):
        user = super().save(commit=commit)
        if commit:
            services.email_confirmed_by_password_reset(user=user)
        return user


class PortalPasswordChangeForm(PasswordChangeForm):
    pass
