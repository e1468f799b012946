"""Folding Vietnamese text for accent- and case-blind search: one rule for every search box.

Example: `fold("  ĐĂNG KÝ   Kết hôn ")` → `"dang ky ket hon"`; `fold("Xã Tứ Kỳ")` → `"xa tu ky"`.
Citizens type without diacritics on phones; names are stored with them (NFC or decomposed).
"""

from __future__ import annotations

import unicodedata

from unidecode import unidecode


def fold(text: str | None) -> str:
    """Plain lower-case ASCII with runs of white space made one space, trimmed."""
    return " ".join(unidecode(unicodedata.normalize("NFC", text or "")).lower().split())
