"""Reading a form schema's POST into answers, and the answers a profile prefills.

`read_answers` reads only the names the schema declares (a tampered or extra field is ignored),
converts values by type and keeps what the citizen typed when it cannot be converted, so that
nothing is lost when the form comes back with errors; answers of conditional fields whose
condition does not hold are dropped. The rendering side is forms.py (`SchemaForm`).
"""

from __future__ import annotations

from typing import Any

from .keywords import format_vn_date
from .messages import schema_at

MISSING: Any = object()
MAX_ROWS = 50
ACTION_FIELD = "_action"

#: Profile fields a schema may prefill from (`x-prefill`), all on identity.User.
PREFILL_FIELDS = ("full_name", "id_number", "date_of_birth", "address", "email", "phone")
AUTOCOMPLETE = {"full_name": "name", "email": "email", "phone": "tel", "address": "street-address"}


# --- reading a POST ------------------------------------------------------------------------------


def conditions_of(schema: dict[str, Any]) -> list[tuple[str, list[Any], dict[str, Any]]]:
    """(field, values, then) of each `when()` block of an object schema."""
    found = []
    for block in schema.get("allOf", []):
        condition = block.get("if", {}).get("properties", {})
        if len(condition) == 1 and "then" in block:
            ((name, rule),) = condition.items()
            if isinstance(rule, dict) and "const" in rule:
                found.append((name, [rule["const"]], block["then"]))
            elif isinstance(rule, dict) and isinstance(rule.get("enum"), list):
                found.append((name, list(rule["enum"]), block["then"]))
    return found


def _holds(values: list[Any], answer: Any) -> bool:
    # `True in [1]` is true in Python; JSON Schema keeps booleans and numbers apart.
    return any(type(v) is type(answer) and v == answer for v in values)


def _clean_text(raw: str, schema: dict[str, Any]) -> str:
    value = raw.strip()
    if schema.get("x-widget") == "phone":
        value = value.replace(" ", "").replace(".", "").replace("-", "")
    elif schema.get("x-widget") == "id-number":
        value = value.replace(" ", "")
    return value


def read_value(schema: dict[str, Any], data: Any, name: str, *, required: bool) -> Any:  # noqa: C901 - one branch per JSON Schema type, read best as one table
    kind = schema.get("type")
    widget = schema.get("x-widget")
    if kind == "object":
        result: dict[str, Any] = {}
        own_required = set(schema.get("required", []))
        for prop, child in schema.get("properties", {}).items():
            value = read_value(
                child, data, f"{name}.{prop}" if name else prop, required=prop in own_required
            )
            if value is not MISSING:
                result[prop] = value
        for cond_name, cond_values, then in conditions_of(schema):
            if not _holds(cond_values, result.get(cond_name, MISSING)):
                for hidden in then.get("properties", {}):
                    result.pop(hidden, None)
        if not result and not required and name:
            return MISSING
        return result
    if kind == "array" and widget == "repeat":
        try:
            count = int(data.get(f"{name}.__rows", 0))
        except (TypeError, ValueError):
            count = 0
        count = max(0, min(count, schema.get("maxItems", MAX_ROWS), MAX_ROWS))
        rows = [
            read_value(schema.get("items", {}), data, f"{name}.{i}", required=False)
            for i in range(count)
        ]
        kept = [row for row in rows if row is not MISSING and row != {}]
        if not kept and (required or schema.get("minItems", 0)) and count:
            kept = [{}]  # one empty row, so the errors show at its fields
        return kept if kept or required else MISSING
    if kind == "array":
        values = [v for v in data.getlist(name) if v != ""] if hasattr(data, "getlist") else []
        return values if values else MISSING
    raw = data.get(name)
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return MISSING
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw, raw)
    if kind == "integer":
        compact = raw.strip().replace(" ", "")
        return int(compact) if compact.isdigit() else raw
    if kind == "number":
        compact = raw.strip().replace(" ", "").replace(",", ".")
        try:
            number = float(compact)
        except ValueError:
            return raw
        return int(number) if number.is_integer() else number
    return _clean_text(raw, schema)


def apply_action(answers: dict[str, Any], action: str, schema: dict[str, Any]) -> None:
    verb, _sep, target = action.partition(":")
    parts = target.split(".")
    if verb == "add":
        node_schema = schema_at(schema, [int(p) if p.isdigit() else p for p in parts])
        container = _container(answers, parts[:-1])
        if container is None:
            return
        rows = container.setdefault(parts[-1], [])
        if isinstance(rows, list) and len(rows) < node_schema.get("maxItems", MAX_ROWS):
            rows.append({})
    elif verb == "remove" and len(parts) >= 2 and parts[-1].isdigit():
        container = _container(answers, parts[:-2])
        rows = container.get(parts[-2]) if container is not None else None
        index = int(parts[-1])
        if isinstance(rows, list) and 0 <= index < len(rows):
            rows.pop(index)


def _container(answers: dict[str, Any], parts: list[str]) -> dict[str, Any] | None:
    node: Any = answers
    for part in parts:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict):
            node = node.setdefault(part, {})
        else:
            return None
    return node if isinstance(node, dict) else None


# --- prefill -------------------------------------------------------------------------------------


def profile_value(user: Any, source: str) -> Any:
    value = getattr(user, source, None)
    if value in (None, ""):
        return None
    if source == "date_of_birth":
        return format_vn_date(value)
    return str(value)


def initial_answers(schema: dict[str, Any], user: Any) -> dict[str, Any]:
    """Answers filled from the citizen's profile wherever the schema says `x-prefill`."""
    if user is None or not getattr(user, "is_authenticated", False):
        return {}

    def walk(node: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for prop, child in node.get("properties", {}).items():
            source = child.get("x-prefill")
            if child.get("type") == "object":
                if source == "address" and user.address:
                    result[prop] = {"street": user.address}
                else:
                    inner = walk(child)
                    if inner:
                        result[prop] = inner
            elif source in PREFILL_FIELDS:
                value = profile_value(user, source)
                if value is not None:
                    result[prop] = value
        return result

    return walk(schema)
