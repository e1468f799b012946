"""Forms that a transition asks the officer or the citizen to fill in (named in `custom["form"]`).

The dossier feature renders the form a transition names before running it, and passes the
cleaned data to the service function, which keeps it in the dossier's history.
"""

from django import forms
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
    reason = forms.CharField(
        label=_("Nội dung cần bổ sung, hoàn thiện"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng ghi rõ giấy tờ, nội dung cần bổ sung.")},
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
