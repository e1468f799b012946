"""Validating answers against a form schema, and checking a schema itself.

`validate_answers(schema, answers)` → a list of `FieldError` (path, Vietnamese message), empty when
the answers are valid. `schema_problems(schema)` → what is wrong with a schema (English, for the
developer: `manage.py check` prints it).
"""

from __future__ import annotations

import re
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from .fields import NAME_PATTERN
from .keywords import KNOWN_FORMATS, validator_for
from .messages import FieldError, translate

KNOWN_WIDGETS = {
    "textarea",
    "radio",
    "select",
    "checkboxes",
    "yes-no",
    "date",
    "id-number",
    "phone",
    "address",
    "repeat",
}
PREFILL_SOURCES = {"full_name", "id_number", "date_of_birth", "address", "email", "phone"}


def validate_answers(schema: dict[str, Any], answers: Any) -> list[FieldError]:
    found: list[FieldError] = []
    seen: set[tuple] = set()
    validator = validator_for(schema)
    errors = sorted(validator.iter_errors(answers), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        for field_error in translate(error, schema):
            key = (field_error.path, field_error.message)
            if key not in seen:
                seen.add(key)
                found.append(field_error)
    return _in_form_order(schema, found)


def _in_form_order(schema: dict[str, Any], errors: list[FieldError]) -> list[FieldError]:
    order: dict[tuple, int] = {}

    def walk(node: dict[str, Any], path: tuple) -> None:
        order.setdefault(path, len(order))
        for name, child in node.get("properties", {}).items():
            if isinstance(child, dict):
                walk(child, path + (name,))
        items = node.get("items")
        if isinstance(items, dict) and node.get("x-widget") == "repeat":
            for index in range(50):
                walk(items, path + (index,))

    walk(schema, ())
    return sorted(errors, key=lambda e: order.get(e.path, len(order)))


def schema_problems(schema: Any) -> list[str]:
    """Problems that make a form schema unusable; [] for a good one."""
    if not isinstance(schema, dict):
        return ["the schema must be a JSON object (a dict)"]
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        return [f"not a valid JSON Schema (Draft 2020-12) at {where}: {error.message}"]
    problems: list[str] = []
    if schema.get("type") != "object" or not schema.get("properties"):
        problems.append("the top level must be an object with properties")
    _walk(schema, "", problems)
    return problems


def _walk(node: dict[str, Any], where: str, problems: list[str]) -> None:  # noqa: C901 - one check per JSON Schema keyword, read best as one table
    properties = node.get("properties", {})
    for name in node.get("required", []):
        if name not in properties:
            problems.append(f"{where or '(root)'}: required field '{name}' is not a property")
    for block in node.get("allOf", []):
        condition = block.get("if", {}).get("properties", {})
        for name in condition:
            if name not in properties:
                problems.append(f"{where or '(root)'}: condition on unknown field '{name}'")
        then = block.get("then", {})
        for name in [*then.get("properties", {}), *then.get("required", [])]:
            if name not in properties:
                problems.append(
                    f"{where or '(root)'}: conditional field '{name}' is not a property"
                )
    for name, child in properties.items():
        path = f"{where}.{name}" if where else name
        if not re.match(NAME_PATTERN, name):
            problems.append(f"{path}: field names are lower-case letters, digits and '_'")
        if not isinstance(child, dict):
            problems.append(f"{path}: a field must be described by an object")
            continue
        if not child.get("title"):
            problems.append(f"{path}: every field needs a 'title' (its label)")
        widget = child.get("x-widget")
        if widget is not None and widget not in KNOWN_WIDGETS:
            problems.append(f"{path}: unknown x-widget '{widget}'")
        fmt = child.get("format")
        if fmt is not None and fmt not in KNOWN_FORMATS:
            problems.append(f"{path}: unknown format '{fmt}'")
        prefill = child.get("x-prefill")
        if prefill is not None and prefill not in PREFILL_SOURCES:
            problems.append(f"{path}: x-prefill '{prefill}' is not a profile field")
        if child.get("type") == "object":
            _walk(child, path, problems)
        elif child.get("type") == "array":
            items = child.get("items")
            if widget == "repeat":
                if not isinstance(items, dict) or items.get("type") != "object":
                    problems.append(f"{path}: a repeatable group needs object items")
                else:
                    _walk(items, f"{path}[]", problems)
            elif not isinstance(items, dict) or "oneOf" not in items:
                problems.append(f"{path}: a multiple choice needs items with oneOf options")
        if "oneOf" in child and child.get("type") != "object":
            for option in child["oneOf"]:
                if not isinstance(option, dict) or "const" not in option or "title" not in option:
                    problems.append(f"{path}: each option needs a 'const' and a 'title'")
                    break
