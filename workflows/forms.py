"""Forms of the dossier pages (the dossier's own answers use procedure_plugins' SchemaForm).

Every message is Vietnamese and attached to its field; what the citizen typed comes back with
the errors.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from captcha.fields import CaptchaField
from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from identity.forms import AccessibleCaptchaInput
from procedure_plugins.schema import places

from .calendar import VIETNAM_TZ
from .choices import DeliveryMethod, Satisfaction
from .models import Dossier
from .numbering import example_dossier_code
from .public_index.lookup import CODE_RE, ID_NUMBER_RE, normalise_id_number
from .public_index.services import normalise_code


def with_length_hints(form: forms.Form) -> forms.Form:
    """Show each text field's limit before anyone types: Django already sets `maxlength` on the
    input; this adds "Tối đa 2.000 ký tự." to the help text the field renders below its label."""
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if not limit or field.widget.is_hidden:
            continue
        hint = _("Tối đa %(n)s ký tự.") % {"n": f"{limit:,}".replace(",", ".")}
        field.help_text = f"{field.help_text} {hint}" if field.help_text else hint
    return form


def add_errors(form: forms.Form, invalid: ValidationError) -> forms.Form:
    """Put what a service refused on the form it came from: at its field when it names one of
    the form's fields, else at the top of the form. The typed values stay bound to the form."""
    problems = invalid.message_dict if hasattr(invalid, "error_dict") else {None: invalid.messages}
    for field, messages in problems.items():
        name = field if field in form.fields else None
        if name is not None and name in form.errors:
            continue  # the form's own validation already says it, at the field
        form.add_error(name, messages)
    return form


REVIEW_SALT = "workflows.review"
#: A review page older than this must be looked at again before submitting.
REVIEW_MAX_AGE = 6 * 3600


class StartForm(forms.Form):
    """The start page's hidden token: the same form pressed twice makes one draft."""

    token = forms.UUIDField(widget=forms.HiddenInput)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (each page of a document photographed separately)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        # No per-file cleaning here: workflows.uploads checks names, sizes and content and
        # says which file is refused and why.
        return [f for f in files if f]


class UploadForm(forms.Form):
    document = forms.ChoiceField(label=_("Thành phần hồ sơ"))
    files = MultipleFileField(
        label=_("Tệp (PDF, JPG, PNG)"),
        error_messages={"required": _("Vui lòng chọn ít nhất một tệp để tải lên.")},
    )

    def __init__(self, *args: Any, documents: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [(doc.key, _(doc.name)) for doc in documents]
        self.fields["document"].error_messages["invalid_choice"] = _(
            "Thủ tục này không có thành phần hồ sơ đó."
        )


def _province_choices() -> list[tuple[str, str]]:
    return [("", _("— Chọn tỉnh, thành phố —"))] + [(p.code, p.name) for p in places.provinces()]


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Hình thức nhận kết quả"),
        choices=DeliveryMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn hình thức nhận kết quả.")},
    )
    province = forms.ChoiceField(
        label=_("Tỉnh, thành phố nhận kết quả"),
        required=False,
        help_text=_("Cước bưu chính tính theo tỉnh, thành phố nhận."),
    )
    address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu chính"),
        required=False,
        max_length=300,
        help_text=_("Số nhà, đường, thôn, xóm; xã, phường."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    for_someone_else = forms.BooleanField(
        label=_("Tôi nộp hồ sơ thay cho người khác"), required=False
    )
    subject_name = forms.CharField(
        label=_("Họ, chữ đệm, tên người được giải quyết hồ sơ"), required=False, max_length=200
    )
    subject_id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD) của người đó"), required=False, max_length=12
    )
    subject_relation = forms.CharField(
        label=_("Quan hệ với người nộp"),
        required=False,
        max_length=100,
        help_text=_("Ví dụ: cha, mẹ, con, người được ủy quyền."),
    )

    def __init__(self, *args: Any, post_enabled: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = _province_choices()
        if not post_enabled:
            self.fields["method"].choices = [
                c for c in DeliveryMethod.choices if c[0] != DeliveryMethod.POST
            ]

    def clean_subject_id_number(self) -> str:
        value = "".join(self.cleaned_data.get("subject_id_number", "").split())
        if value and (not value.isdigit() or len(value) not in (9, 12)):
            raise ValidationError(_("Số định danh gồm 12 chữ số (CMND cũ: 9 chữ số)."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("method") == DeliveryMethod.POST:
            if not data.get("province"):
                self.add_error("province", _("Vui lòng chọn tỉnh, thành phố nhận kết quả."))
            if not (data.get("address") or "").strip():
                self.add_error("address", _("Vui lòng nhập địa chỉ nhận kết quả."))
        if data.get("for_someone_else"):
            if not (data.get("subject_name") or "").strip():
                self.add_error("subject_name", _("Vui lòng nhập họ tên người được giải quyết."))
            if not (data.get("subject_relation") or "").strip():
                self.add_error("subject_relation", _("Vui lòng ghi quan hệ với người nộp."))
        return data

    def full_address(self) -> str:
        data = self.cleaned_data
        province = places.province_name(data.get("province") or "") or ""
        return ", ".join(part for part in ((data.get("address") or "").strip(), province) if part)

    def delivery(self) -> dict[str, str]:
        """The valid form as `services.submission.apply_delivery`'s keyword arguments."""
        data = self.cleaned_data
        return {
            "method": data["method"],
            "address": self.full_address(),
            "province_code": data.get("province") or "",
            "subject_name": data["subject_name"] if data.get("for_someone_else") else "",
            "subject_id_number": data.get("subject_id_number") or "",
            "subject_relation": data.get("subject_relation") or "",
        }


def review_digest(dossier: Dossier) -> str:
    """What the citizen reviewed: answers, files and delivery. Any change → another digest."""
    content = {
        "answers": dossier.answers,
        "files": sorted(dossier.attachments.values_list("pk", "sha256")),
        "delivery": [dossier.delivery_method, dossier.delivery_address, dossier.subject_name],
    }
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, default=str, ensure_ascii=False).encode()
    ).hexdigest()


def review_token(dossier: Dossier) -> str:
    return signing.dumps(
        {"d": str(dossier.reference), "h": review_digest(dossier)}, salt=REVIEW_SALT
    )


class ReviewTampered(Exception):
    """The review form's hidden token was altered or belongs to another dossier."""


class ReviewOutdated(Exception):
    """The draft changed since the citizen reviewed it (another tab), or the page is too old."""


def check_review_token(token: str, dossier: Dossier) -> None:
    try:
        claim = signing.loads(token or "", salt=REVIEW_SALT, max_age=REVIEW_MAX_AGE)
    except signing.SignatureExpired:
        raise ReviewOutdated() from None
    except signing.BadSignature:
        raise ReviewTampered() from None
    if not isinstance(claim, dict) or claim.get("d") != str(dossier.reference):
        raise ReviewTampered()
    if claim.get("h") != review_digest(dossier):
        raise ReviewOutdated()


class SubmitForm(forms.Form):
    """The last step: a solemn declaration, the captcha (seed 000 step 5) and the hidden token."""

    review = forms.CharField(widget=forms.HiddenInput)
    declaration = forms.BooleanField(
        label=_(
            "Tôi cam đoan những nội dung đã khai là đúng sự thật và chịu trách nhiệm trước pháp "
            "luật về tính chính xác của hồ sơ nộp trực tuyến so với hồ sơ gốc."
        ),
        error_messages={"required": _("Vui lòng đánh dấu lời cam đoan trước khi nộp.")},
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


class ResubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú cho cán bộ tiếp nhận (không bắt buộc)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Mức độ hài lòng của bạn"),
        choices=[(value, f"{value} – {label}") for value, label in Satisfaction.choices],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vui lòng chọn mức độ hài lòng."),
            "invalid_choice": _("Vui lòng chọn mức từ 1 đến 5."),
        },
    )
    comment = forms.CharField(
        label=_("Góp ý (không bắt buộc)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


_NO_NUL = {"null_characters_not_allowed": _("Không được chứa ký tự rỗng (NUL).")}


class LookupForm(forms.Form):
    """Tra cứu hồ sơ: a code, an ID number, or seed 004's advanced search (unit, dossier name,
    applicant name). `units` are the units this portal's search covers."""

    code = forms.CharField(
        label=_("Mã hồ sơ (mã số biên nhận)"),
        required=False,
        max_length=40,
        error_messages={
            "max_length": _("Mã hồ sơ không quá 40 ký tự (mã có dạng 11074-260710-0001)."),
            **_NO_NUL,
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    id_number = forms.CharField(
        label=_("Số CCCD/CMND người nộp"),
        required=False,
        max_length=20,
        error_messages={"max_length": _("Số CCCD/CMND gồm 9 hoặc 12 chữ số."), **_NO_NUL},
        help_text=_(
            "Kèm mã hồ sơ: xem đầy đủ họ tên và các hồ sơ khác của người nộp. Chỉ có số "
            "CCCD/CMND: cần đăng nhập bằng tài khoản của chính người đó."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False, choices=())
    dossier_name = forms.CharField(
        label=_("Tên hồ sơ"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Tên hồ sơ không quá 100 ký tự."), **_NO_NUL},
        help_text=_("Tên thủ tục, ví dụ: khai sinh."),
    )
    applicant_name = forms.CharField(
        label=_("Tổ chức, cá nhân"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Họ tên không quá 100 ký tự."), **_NO_NUL},
        help_text=_("Họ tên người nộp; kết quả được che bớt họ tên."),
    )

    def __init__(self, *args: Any, units: list[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {unit.code: unit for unit in units}
        # The portal's own pattern: a citizen compares it with the code on their slip.
        self.fields["code"].widget.attrs["placeholder"] = example_dossier_code()
        self.fields["unit"].choices = [("", _("Tất cả đơn vị của cổng này"))] + [
            (unit.code, unit.name) for unit in units
        ]
        self.fields["unit"].error_messages["invalid_choice"] = _(
            "Đơn vị này không thuộc phạm vi tra cứu của cổng."
        )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if code and not CODE_RE.match(code):
            raise ValidationError(
                _("Mã hồ sơ không đúng dạng. Mã ghi trên giấy tiếp nhận có dạng 11074-260710-0001.")
            )
        return code

    def clean_id_number(self) -> str:
        number = normalise_id_number(self.cleaned_data["id_number"])
        if number and not ID_NUMBER_RE.match(number):
            raise ValidationError(_("Số CCCD/CMND gồm 9 hoặc 12 chữ số."))
        return number

    def clean_dossier_name(self) -> str:
        return " ".join(self.cleaned_data["dossier_name"].split())

    def clean_applicant_name(self) -> str:
        return " ".join(self.cleaned_data["applicant_name"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not any(
            data.get(name) for name in ("code", "id_number", "dossier_name", "applicant_name")
        ):
            raise ValidationError(
                _("Vui lòng nhập mã hồ sơ, số CCCD/CMND hoặc thông tin tìm kiếm.")
            )
        return data

    @property
    def selected_unit(self) -> Any:
        return self.units.get(self.cleaned_data.get("unit") or "")


class ApologyForm(forms.Form):
    new_date = forms.DateField(
        label=_("Ngày hẹn trả kết quả mới"),
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "required": _("Vui lòng nhập ngày hẹn mới."),
            "invalid": _("Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do chậm trả kết quả"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng ghi rõ lý do.")},
    )

    def new_appointment_at(self, *, afternoon_end: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(
            self.cleaned_data["new_date"], afternoon_end, tzinfo=VIETNAM_TZ
        )
