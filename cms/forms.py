"""Forms citizens fill on the portal pages: the search box and the dossier lookup box."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm thủ tục, tin tức, hướng dẫn"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Ví dụ: đăng ký khai sinh (gõ không dấu)")}
        ),
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())


class LookupForm(forms.Form):
    """The lookup box; posted to the dossier app, which checks and answers it."""

    code = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "H23.14-220616-0001", "autocomplete": "off"}),
    )
    id_number = forms.CharField(
        label=_("Số CCCD/CMND người nộp"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
