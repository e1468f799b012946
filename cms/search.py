"""Accent folding shared by the search index and the search box."""

from __future__ import annotations

from unidecode import unidecode


def fold(text: str | None) -> str:
    """`Đăng ký khai sinh` -> `dang ky khai sinh`: Vietnamese letters to plain lower-case ASCII."""
    return unidecode(text or "").lower()
