"""Search that ignores Vietnamese diacritics and case.

"đăng ký kết hôn", "dang ky ket hon", "ĐĂNG KÝ KẾT HÔN" and "ket hon" all normalise to words
that are found in "Đăng ký kết hôn". The searchable text of a procedure (its name, keywords,
field, agency, code) is declared by its plugin in code, so it is normalised in memory with
Unidecode (đ → d, ế → e) rather than stored in a database column that could go stale when a
plugin is upgraded; the offering rows it is then joined with are filtered in SQL by code.
"""

from __future__ import annotations

import re

from tenants.text import fold

from .contract import ProcedurePlugin

_WORD_RE = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*")


def normalise(text: str) -> str:
    """`"ĐĂNG KÝ Kết hôn"` → `"dang ky ket hon"`."""
    return " ".join(_WORD_RE.findall(fold(text)))


def _haystack(plugin: type[ProcedurePlugin]) -> tuple[str, str]:
    name = normalise(plugin.name)
    rest = normalise(" ".join([*plugin.keywords, plugin.field, plugin.agency, plugin.code]))
    return name, rest


def score(plugin: type[ProcedurePlugin], query: str) -> int:
    """0 when `plugin` does not match `query`; higher is a better match.

    Every word of the query must begin a word of the procedure's text ("ket h" finds "kết hôn");
    matches in the name rank above matches in keywords.
    """
    words = normalise(query).split()
    if not words:
        return 1
    name, rest = _haystack(plugin)
    name_words = name.split()
    all_words = name_words + rest.split()
    if not all(any(w.startswith(q) for w in all_words) for q in words):
        return 0
    value = 1
    if all(any(w.startswith(q) for w in name_words) for q in words):
        value += 5
    if normalise(query) in name:
        value += 10
    if normalise(query) == name:
        value += 10
    return value
