"""The HTML side of a form schema: read a POST into answers, render fields with their errors.

    form = SchemaForm(plugin.schema, data=request.POST)        # or initial=prefill(...)
    if form.action:              # "Thêm một con" / "Xoá" pressed: re-render, nothing validated
        ...
    elif form.is_valid():
        dossier.answers = form.answers
    # template: {% include "procedure_plugins/form/fields.html" with form=form %}

How a POST becomes answers (only declared names, typed input kept when it cannot be converted)
is reading.py; this module renders the schema as fields with their errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from . import places
from .messages import FieldError, required_message, schema_at
from .reading import (
    ACTION_FIELD,
    AUTOCOMPLETE,
    MAX_ROWS,
    MISSING,
    apply_action,
    conditions_of,
    initial_answers,
    read_value,
)
from .translation import translated
from .validation import validate_answers

# --- rendering -----------------------------------------------------------------------------------


@dataclass
class Node:
    """One field (or group) of the rendered form, for templates/procedure_plugins/form/."""

    kind: str
    name: str
    id: str
    title: str
    help: str = ""
    required: bool = False
    value: Any = None
    errors: list[str] = field(default_factory=list)
    options: list[tuple[str, str, bool]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    rows: list[tuple[int, list[Node]]] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    show_if: tuple[str, str] | None = None
    condition_text: str = ""
    add_label: str = ""
    item_title: str = ""
    can_add: bool = False
    can_remove: bool = False
    unit: str = ""
    #: Address pickers: "province" or "commune" on the selects, the JSON URL on the group.
    role: str = ""
    communes_url: str = ""

    @property
    def described_by(self) -> str:
        ids = []
        if self.help:
            ids.append(f"{self.id}-help")
        if self.errors:
            ids.append(f"{self.id}-error")
        return " ".join(ids)

    @property
    def value_text(self) -> str:
        if self.value is None or self.value is MISSING:
            return ""
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return str(self.value)


def _html_id(name: str) -> str:
    return "f-" + name.replace(".", "-")


def _option_pairs(schema: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(o.get("const")), str(o.get("title", o.get("const")))) for o in schema.get("oneOf", [])
    ]


def _kind(schema: dict[str, Any]) -> str:
    widget = schema.get("x-widget")
    kind = schema.get("type")
    if widget:
        return widget
    if kind == "object":
        return "group"
    if kind == "array":
        return "checkboxes"
    if kind in ("integer", "number"):
        return "number"
    if kind == "boolean":
        return "yes-no"
    if schema.get("format") == "email":
        return "email"
    if "oneOf" in schema:
        return "radio"
    return "text"


class SchemaForm:
    def __init__(
        self,
        schema: dict[str, Any],
        *,
        data: Any = None,
        initial: dict[str, Any] | None = None,
        communes_url: str = "",
    ) -> None:
        # Texts in the reader's language; names and values (what is read and stored) unchanged.
        self.schema = schema = translated(schema)
        self.is_bound = data is not None
        self.communes_url = communes_url
        self.action: str = ""
        if data is not None:
            self.answers = read_value(schema, data, "", required=True)
            action = data.get(ACTION_FIELD, "")
            if isinstance(action, str) and action.startswith(("add:", "remove:")):
                self.action = action
                apply_action(self.answers, action, schema)
        else:
            self.answers = dict(initial or {})
        self._errors: list[FieldError] | None = None

    # -- validation ----------------------------------------------------------------------------

    @property
    def error_list(self) -> list[FieldError]:
        if self._errors is None:
            self._errors = (
                validate_answers(self.schema, self.answers)
                if self.is_bound and not self.action
                else []
            )
        return self._errors

    @property
    def errors(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for error in self.error_list:
            messages = found.setdefault(error.key, [])
            if error.message not in messages:
                messages.append(error.message)
        return found

    def is_valid(self) -> bool:
        return self.is_bound and not self.action and not self.error_list

    # -- rendering -----------------------------------------------------------------------------

    @property
    def nodes(self) -> list[Node]:
        return self._children(self.schema, self.answers, "", self.errors)

    @property
    def error_summary(self) -> list[tuple[str, str, str]]:
        """(field title, message, anchor) of every error, in the order of the form."""
        summary = []
        for error in self.error_list:
            title = self._title_path(error.path) or _("Biểu mẫu")
            summary.append((title, error.message, "#" + _html_id(error.key or "form")))
        return summary

    def _title_path(self, path: tuple) -> str:
        """`("me", "ho_ten")` → "Thông tin người mẹ › Họ, chữ đệm, tên": one field's title is
        ambiguous in a form that asks for the mother's and the father's names."""
        parts = []
        for depth, part in enumerate(path):
            node = schema_at(self.schema, path[: depth + 1])
            if isinstance(part, int):
                parent = schema_at(self.schema, path[:depth])
                label = parent.get("x-item-title") or parent.get("items", {}).get("title", "")
                parts[-1:] = [f"{label} {part + 1}"]
            elif node.get("title"):
                parts.append(node["title"])
        return " › ".join(parts)

    def _children(self, schema: dict[str, Any], values: Any, prefix: str, errors) -> list[Node]:
        values = values if isinstance(values, dict) else {}
        required = set(schema.get("required", []))
        conditional_required = set()
        show_if: dict[str, tuple[str, str, str]] = {}
        for cond_name, cond_values, then in conditions_of(schema):
            conditional_required |= set(then.get("required", []))
            cond_schema = schema.get("properties", {}).get(cond_name, {})
            label = _condition_label(cond_schema, cond_values)
            for shown in then.get("properties", {}):
                html = f"{prefix}.{cond_name}" if prefix else cond_name
                show_if[shown] = (html, " ".join(_value_text(v) for v in cond_values), label)
        nodes = []
        for prop, child in schema.get("properties", {}).items():
            name = f"{prefix}.{prop}" if prefix else prop
            node = self._node(
                child, values.get(prop, MISSING), name, errors, required=prop in required
            )
            if prop in conditional_required:
                node.required = True
            if prop in show_if:
                html, value, text = show_if[prop]
                node.show_if = (html, value)
                node.condition_text = text
            nodes.append(node)
        return nodes

    def _node(  # noqa: C901 - one branch per JSON Schema keyword, read best as one table
        self, schema: dict[str, Any], value: Any, name: str, errors, *, required: bool
    ) -> Node:
        kind = _kind(schema)
        node = Node(
            kind=kind,
            name=name,
            id=_html_id(name),
            title=schema.get("title", name),
            help=schema.get("description", ""),
            required=required,
            value=None if value is MISSING else value,
            errors=list(errors.get(name, [])),
            unit=schema.get("x-unit", ""),
        )
        attrs: dict[str, Any] = {}
        if "maxLength" in schema:
            attrs["maxlength"] = schema["maxLength"]
        if schema.get("x-placeholder"):
            attrs["placeholder"] = schema["x-placeholder"]
        source = schema.get("x-prefill")
        if source in AUTOCOMPLETE:
            attrs["autocomplete"] = AUTOCOMPLETE[source]
        if kind == "date":
            attrs.update(inputmode="numeric", placeholder="dd/mm/yyyy", maxlength=10)
            if not node.help:
                node.help = _("Nhập theo dạng ngày/tháng/năm, ví dụ 05/09/2024.")
        elif kind == "id-number":
            attrs.update(inputmode="numeric", maxlength=12)
        elif kind == "phone":
            attrs.update(inputmode="tel", autocomplete="tel", maxlength=15)
        elif kind == "email":
            attrs.update(autocomplete="email")
        elif kind == "number":
            attrs.update(inputmode="numeric" if schema.get("type") == "integer" else "decimal")
            for key, html in (("minimum", "data-min"), ("maximum", "data-max")):
                if key in schema:
                    attrs[html] = schema[key]
        elif kind == "textarea":
            attrs["rows"] = schema.get("x-rows", 4)
        node.attrs = attrs

        if kind in ("radio", "select"):
            node.options = [(v, label, v == node.value_text) for v, label in _option_pairs(schema)]
        elif kind == "checkboxes":
            chosen = {str(v) for v in value} if isinstance(value, list) else set()
            node.options = [
                (v, label, v in chosen) for v, label in _option_pairs(schema.get("items", {}))
            ]
        elif kind == "yes-no":
            yes, no = schema.get("x-labels", [_("Có"), _("Không")])
            node.options = [
                ("true", yes, value is True),
                ("false", no, value is False),
            ]
        elif kind == "address":
            node.children = self._address_children(schema, value, name, errors)
            node.communes_url = self.communes_url
        elif kind == "group":
            node.children = self._children(schema, value, name, errors)
        elif kind == "repeat":
            rows = value if isinstance(value, list) else []
            if not rows and (required or schema.get("minItems", 0)):
                rows = [{}]
            item = schema.get("items", {})
            node.rows = [
                (index, self._children(item, row, f"{name}.{index}", errors))
                for index, row in enumerate(rows)
            ]
            node.add_label = schema.get("x-add-label") or _("Thêm")
            node.item_title = schema.get("x-item-title") or item.get("title", "")
            node.can_add = len(rows) < schema.get("maxItems", MAX_ROWS)
            node.can_remove = len(rows) > schema.get("minItems", 0)
        return node

    def _address_children(self, schema, value, name, errors) -> list[Node]:
        value = value if isinstance(value, dict) else {}
        props = schema.get("properties", {})
        required = set(schema.get("required", []))
        province = value.get("province") or ""
        nodes = []
        for prop in ("province", "commune", "street"):
            if prop not in props:
                continue
            child_name = f"{name}.{prop}"
            node = Node(
                kind="select" if prop != "street" else "text",
                name=child_name,
                id=_html_id(child_name),
                title=props[prop].get("title", prop),
                required=prop in required,
                value=value.get(prop),
                errors=list(errors.get(child_name, [])),
                attrs={"maxlength": props[prop].get("maxLength", 200)} if prop == "street" else {},
            )
            if prop == "province":
                node.options = [(p.code, p.name, p.code == province) for p in places.provinces()]
                node.role = "province"
            elif prop == "commune":
                node.options = [
                    (c.code, c.name, c.code == value.get("commune"))
                    for c in places.communes(province)
                ]
                node.role = "commune"
                if not province:
                    node.help = _("Chọn tỉnh, thành phố trước để hiện danh sách xã, phường.")
            nodes.append(node)
        return nodes


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _condition_label(schema: dict[str, Any], values: list[Any]) -> str:
    title = schema.get("title", "")
    answers = []
    for value in values:
        if isinstance(value, bool):
            labels = schema.get("x-labels", [_("Có"), _("Không")])
            answers.append(labels[0] if value else labels[1])
        else:
            answers.append(
                next(
                    (o.get("title") for o in schema.get("oneOf", []) if o.get("const") == value),
                    str(value),
                )
            )
    joined = _("” hoặc “").join(answers)
    return _("Khai khi “%(question)s” là “%(answer)s”.") % {"question": title, "answer": joined}


__all__ = ["SchemaForm", "initial_answers", "required_message", "MISSING", "Node"]
