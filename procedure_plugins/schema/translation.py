"""A form schema in the reader's language: its texts looked up in the message catalogue.

A plugin writes its form's texts in Vietnamese and marks them for the catalogue with
`gettext_noop` (docs/plugins.md, "Text in other languages"), so the schema stays plain JSON data:
published, validated and stored in Vietnamese. What is shown to a person (the form, its errors,
the review page) reads `translated(schema)`: the same schema with every text (titles, help,
option labels, units, placeholders, pattern errors, the texts of a repeatable group) translated
into the active language; names, values and rules are untouched, so the answers read from a POST
are the same in every language. A text the catalogue does not know is shown as written.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext

#: Keys whose value is a text for people; everything else (names, `const`, patterns) is kept.
TEXT_KEYS = frozenset(
    {"title", "description", "x-error", "x-placeholder", "x-unit", "x-add-label", "x-item-title"}
)

CACHE_SIZE = 256
_cache: dict[tuple[int, str], tuple[dict[str, Any], dict[str, Any]]] = {}


def translated(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with its texts in the active language (cached per schema and language: plugin
    schemas are declarations that do not change)."""
    key = (id(schema), get_language() or "")
    hit = _cache.get(key)
    if hit is not None and hit[0] is schema:
        return hit[1]
    result = _translate(schema)
    if len(_cache) >= CACHE_SIZE:
        _cache.clear()  # only ad-hoc schemas (tests) get here: plugins have a few each
    _cache[key] = (schema, result)  # the source kept alive, so its id is not reused
    return result


def text(value: str) -> str:
    """One plugin text in the active language (empty stays empty)."""
    return gettext(value) if value else value


def _translate(node: Any) -> Any:
    if isinstance(node, list):
        return [_translate(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key in TEXT_KEYS and isinstance(value, str):
            result[key] = text(value)
        elif key == "x-labels" and isinstance(value, list):
            result[key] = [text(label) for label in value]
        else:
            result[key] = _translate(value)
    return result
