"""Dates and amounts as Vietnamese readers write them, on the pages of both languages:
`16:00 ngày 16/02/2026` (`16:00 on 16/02/2026`), `8.000 đ`. The legal slips keep `8.000 đồng`
(`procedure_plugins.contract.format_vnd`)."""

from __future__ import annotations

import datetime

from django import template
from django.utils.translation import gettext as _

from procedure_plugins.contract import format_vnd

from .. import numbering
from ..calendar import to_local

register = template.Library()


@register.filter
def vn_datetime(value: datetime.datetime | str | None) -> str:
    """Also reads the ISO text a history entry's data keeps (DjangoJSONEncoder)."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if value.tzinfo is None:
            return ""
    local = to_local(value)
    return _("%(time)s ngày %(date)s") % {"time": f"{local:%H:%M}", "date": f"{local:%d/%m/%Y}"}


@register.filter
def vnd(amount: int | None) -> str:
    """`1000000` → `1.000.000 đ` (a no-break space before the sign), in every language."""
    return "" if amount is None else format_vnd(int(amount), sign="đ")


@register.simple_tag
def dossier_code_example() -> str:
    """`{% dossier_code_example %}`: a code as this locality writes them (`11074-261202-0001`)."""
    return numbering.example_dossier_code()
