"""Folding names in SQL the way `tenants.text.fold` does in Python, for the inbox's search:
"nguyen van an" finds "Nguyễn Văn An" without PostgreSQL's `unaccent` extension.

    Dossier.objects.annotate(name=Folded(F("applicant__full_name"))).filter(name__contains=q)
"""

from __future__ import annotations

from typing import Any

from django.db.models import Func

_ACCENTED = (
    "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
    "ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ"
)
_PLAIN = (
    "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd"
    "AAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD"
)


class Folded(Func):
    """`fold()` of a text column, in SQL: NFC, Vietnamese letters without marks, lower case,
    runs of white space as one space. Equal to `tenants.text.fold` for Vietnamese names (the
    inbox's tests compare the two), without the `unaccent` extension."""

    template = (
        "btrim(regexp_replace(lower(translate(normalize(coalesce(%(expressions)s, ''), NFC), "
        "%(accented)s, %(plain)s)), '\\s+', ' ', 'g'))"
    )

    def __init__(self, expression: Any, **extra: Any) -> None:
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        sql, params = super().as_sql(
            compiler, connection, accented="%s", plain="%s", **extra_context
        )
        return sql, [*params, _ACCENTED, _PLAIN]
