"""Forms that a transition asks the officer or the citizen to fill in (named in `custom["form"]`).

The dossier feature renders the form a transition names before running it, and passes the
cleaned data to the service function, which keeps it in the dossier's history.
"""

from typing import ClassVar

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    """A reason the citizen will read (refusal, supplement request, sending back)."""

    reason = forms.CharField(
        label=_("Lý do"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng ghi rõ lý do.")},
    )


class SupplementRequestForm(ReasonForm):
    """Everything missing, one item per line. From the second request on, the officer confirms
    knowing that the dossier will count as late (Decision 766: more than one supplement request
    is late); the desk shows `acknowledge_late` only then (services.supplement_round)."""

    reason = forms.CharField(
        label=_("Nội dung cần bổ sung, hoàn thiện"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ghi đầy đủ, mỗi giấy tờ hoặc nội dung cần bổ sung trên một dòng."),
        error_messages={"required": _("Vui lòng ghi rõ giấy tờ, nội dung cần bổ sung.")},
    )
    acknowledge_late = forms.BooleanField(
        label=_("Tôi đã biết: yêu cầu bổ sung từ lần thứ hai trở đi làm hồ sơ bị tính là trễ hạn."),
        required=False,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ (không bắt buộc)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HandOverForm(forms.Form):
    """Inter-unit hand-over (liên thông): to which unit, and why."""

    unit = forms.CharField(
        label=_("Cơ quan, đơn vị nhận hồ sơ liên thông"),
        max_length=300,
        error_messages={"required": _("Vui lòng ghi cơ quan, đơn vị nhận hồ sơ.")},
    )
    note = forms.CharField(
        label=_("Nội dung đề nghị phối hợp"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApprovalForm(forms.Form):
    """The leader's opinion, kept in the history and on the control slip: an approval is never
    silent (issue 11, bad input)."""

    note = forms.CharField(
        label=_("Ý kiến phê duyệt"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng ghi ý kiến phê duyệt.")},
    )


class StopForm(forms.Form):
    """Stopping the processing (Mẫu 05): the reason the citizen reads on the notice."""

    reason = forms.CharField(
        label=_("Lý do dừng giải quyết hồ sơ"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng ghi rõ lý do dừng giải quyết hồ sơ.")},
    )


ID_NUMBER = RegexValidator(
    r"^(\d{9}|\d{12})$",
    _("Số CCCD/CMND gồm 12 chữ số (hoặc 9 chữ số với CMND cũ)."),
)


class ReturnResultForm(forms.Form):
    """Handing over the result. Which fields apply depends on the dossier's delivery method
    (`fields_for`); the service (workflows.services.results.return_check) says which are
    required, at the field."""

    collector_name = forms.CharField(
        label=_("Họ tên người nhận kết quả"), required=False, max_length=200
    )
    collector_id_number = forms.CharField(
        label=_("Số CCCD/CMND người nhận"),
        required=False,
        max_length=12,
        validators=[ID_NUMBER],
    )
    originals_compared = forms.BooleanField(
        label=_("Đã đối chiếu bản chính giấy tờ với bản điện tử đã nộp"), required=False
    )
    tracking_number = forms.CharField(
        label=_("Số hiệu bưu gửi (mã vận đơn)"), required=False, max_length=40
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    #: The fields each delivery method asks for (DeliveryMethod values; "" = not chosen).
    DELIVERY_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "desk": ("collector_name", "collector_id_number", "originals_compared", "note"),
        "post": ("tracking_number", "note"),
        "online": ("note",),
    }

    @classmethod
    def fields_for(cls, delivery_method: str) -> tuple[str, ...]:
        return cls.DELIVERY_FIELDS.get(delivery_method, cls.DELIVERY_FIELDS["desk"])


class ResultFileForm(forms.Form):
    """The signed result (a scanned or digitally signed PDF) attached by the processing unit."""

    file = forms.FileField(
        label=_("Tệp kết quả đã ký (PDF)"),
        error_messages={"required": _("Vui lòng chọn tệp kết quả (PDF).")},
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)
