"""Answers as the citizen reads them back before submitting (and officers read them after).

`answer_rows(schema, answers)` walks the form schema in its order and gives one row per
question: its title, the answer in words (choice titles, Có/Không, place names, dd/mm/yyyy), and
its depth (groups and repeated items indent). A required question left empty shows as "—" (the
review page also lists it as a problem); optional questions left empty are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from procedure_plugins.schema import places
from procedure_plugins.schema.translation import translated

EMPTY = "—"


@dataclass(frozen=True)
class AnswerRow:
    title: str
    value: str
    depth: int
    is_group: bool = False


def _choice_title(schema: dict[str, Any], value: Any) -> str:
    for option in schema.get("oneOf", []):
        if option.get("const") == value:
            return str(option.get("title", value))
    return str(value)


def _address(value: Any) -> str:
    if not isinstance(value, dict):
        return str(value) if value else EMPTY
    parts = [str(value.get("street") or "").strip()]
    commune = value.get("commune")
    province = value.get("province")
    if commune:
        names = {c.code: c.name for c in places.communes(province or "")}
        parts.append(names.get(commune, str(commune)))
    if province:
        parts.append(places.province_name(province) or str(province))
    text = ", ".join(p for p in parts if p)
    return text or EMPTY


def _value(schema: dict[str, Any], value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    widget = schema.get("x-widget")
    kind = schema.get("type")
    if widget == "address":
        return _address(value)
    if kind == "boolean" and isinstance(value, bool):
        yes, no = schema.get("x-labels", [_("Có"), _("Không")])
        return str(yes if value else no)
    if "oneOf" in schema:
        return _choice_title(schema, value)
    if kind == "array" and isinstance(value, list):
        items = schema.get("items", {})
        return ", ".join(_choice_title(items, v) for v in value) or EMPTY
    unit = schema.get("x-unit", "")
    return f"{value} {unit}".strip() if unit else str(value)


def answer_rows(schema: dict[str, Any], answers: Any) -> list[AnswerRow]:
    """The rows of `answers`, titles and option labels in the reader's language."""
    return _rows(translated(schema), answers, 0)


def _rows(schema: dict[str, Any], answers: Any, depth: int) -> list[AnswerRow]:
    answers = answers if isinstance(answers, dict) else {}
    rows: list[AnswerRow] = []
    for name, child in schema.get("properties", {}).items():
        if not isinstance(child, dict):
            continue
        title = str(child.get("title", name))
        value = answers.get(name)
        if child.get("type") == "object" and child.get("x-widget") != "address":
            if value in (None, {}) and name not in schema.get("required", []):
                continue  # an optional group not filled (e.g. the father when not declared)
            rows.append(AnswerRow(title, "", depth, is_group=True))
            rows += _rows(child, value, depth + 1)
        elif child.get("x-widget") == "repeat":
            items = value if isinstance(value, list) else []
            rows.append(AnswerRow(title, "" if items else EMPTY, depth, is_group=True))
            item_schema = child.get("items", {})
            item_title = child.get("x-item-title") or item_schema.get("title") or title
            for index, item in enumerate(items, start=1):
                rows.append(AnswerRow(f"{item_title} {index}", "", depth + 1, is_group=True))
                rows += _rows(item_schema, item, depth + 2)
        else:
            if value is None and name not in schema.get("required", []):
                continue
            rows.append(AnswerRow(title, _value(child, value), depth))
    return rows
