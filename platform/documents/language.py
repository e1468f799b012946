"""Official documents are written in Vietnamese, whatever language the page that issues them speaks.

The slips (Mẫu 01–07), the register, the printable statistics report and the results are
administrative documents (Law on the Promulgation of Legal Documents; Decree 30/2020/NĐ-CP on
their presentation): a citizen who reads the portal in English still receives a Vietnamese
receipt. Their content is frozen and rendered inside `in_official_language()` (a context manager
and a decorator), so no translated label (a delivery method, "Ủy ban nhân dân …", a state) slips
into them from the reader's language.
"""

from __future__ import annotations

from django.utils import translation

OFFICIAL_LANGUAGE = "vi"


def in_official_language() -> translation.override:
    """`with in_official_language(): ...` or `@in_official_language()`."""
    return translation.override(OFFICIAL_LANGUAGE)
