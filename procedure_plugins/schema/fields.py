"""Builders for form schemas: each returns plain JSON Schema (Draft 2020-12) with UI hints.

The output is data: it is published as JSON for other clients, validated on the server with
`jsonschema`, and rendered as an accessible HTML form. UI hints are keywords starting with `x-`
(JSON Schema ignores unknown keywords as annotations):

- `x-widget`: textarea, radio, select, checkboxes, yes-no, date, id-number, phone, address,
  repeat (how to render; the type and format say how to validate);
- `x-prefill`: a field of the citizen's profile to fill in from: full_name, id_number,
  date_of_birth, address, email, phone;
- `x-not-future` / `x-not-past`: a date may not be after / before today;
- `x-min-age`: a date of birth at least that many full years ago (marriage: 20 and 18);
- `x-address`: an object of province, commune and street checked against the official list;
- `x-add-label`, `x-item-title`: texts of a repeatable group; `x-unit`: "trang", "bản";
- `x-error`: the message shown when `pattern` does not match.

Example::

    form(
        "Tờ khai",
        {
            "ho_ten": text("Họ, chữ đệm và tên", prefill="full_name"),
            "co_cha": yes_no("Đã xác định được cha?"),
            "ho_ten_cha": text("Họ, chữ đệm và tên người cha"),
        },
        required=["ho_ten", "co_cha"],
        conditions=[when("co_cha", True, require=["ho_ten_cha"])],
    )
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext_noop

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^\d{2}/\d{2}/\d{4}$"
ID_NUMBER_PATTERN = r"^(\d{9}|\d{12})$"
PHONE_PATTERN = r"^(0|\+84)(2\d{9}|[35789]\d{8})$"
NAME_PATTERN = r"^[a-z][a-z0-9_]*$"

Options = Mapping[str, str] | Sequence[tuple[str, str]]


def _base(title: str, help: str, extra: Mapping[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": title}
    if help:
        schema["description"] = help
    schema.update({key: value for key, value in extra.items() if value is not None})
    return schema


def text(
    title: str,
    *,
    max_length: int = 200,
    min_length: int | None = None,
    pattern: str | None = None,
    pattern_error: str | None = None,
    help: str = "",
    prefill: str | None = None,
    placeholder: str | None = None,
) -> dict[str, Any]:
    schema = {"type": "string", **_base(title, help, {})}
    schema["maxLength"] = max_length
    if min_length:
        schema["minLength"] = min_length
    if pattern:
        schema["pattern"] = pattern
    if pattern_error:
        schema["x-error"] = pattern_error
    if prefill:
        schema["x-prefill"] = prefill
    if placeholder:
        schema["x-placeholder"] = placeholder
    return schema


def long_text(
    title: str, *, max_length: int = 2000, rows: int = 4, help: str = "", prefill: str | None = None
) -> dict[str, Any]:
    schema = text(title, max_length=max_length, help=help, prefill=prefill)
    schema["x-widget"] = "textarea"
    schema["x-rows"] = rows
    return schema


def number(
    title: str,
    *,
    minimum: int | float | None = None,
    maximum: int | float | None = None,
    integer: bool = True,
    unit: str = "",
    help: str = "",
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "integer" if integer else "number", **_base(title, help, {})}
    if minimum is not None:
        schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    if unit:
        schema["x-unit"] = unit
    return schema


def date(
    title: str,
    *,
    not_future: bool = False,
    not_past: bool = False,
    min_age: int | None = None,
    help: str = "",
    prefill: str | None = None,
) -> dict[str, Any]:
    """A calendar date typed dd/mm/yyyy (stored as that text: it is what the citizen wrote)."""
    schema: dict[str, Any] = {
        "type": "string",
        **_base(title, help, {}),
        "format": "vn-date",
        "pattern": DATE_PATTERN,
        "x-widget": "date",
    }
    if not_future:
        schema["x-not-future"] = True
    if not_past:
        schema["x-not-past"] = True
    if min_age:
        schema["x-min-age"] = min_age
    if prefill:
        schema["x-prefill"] = prefill
    return schema


def _one_of(options: Options) -> list[dict[str, str]]:
    pairs = options.items() if isinstance(options, Mapping) else options
    return [{"const": value, "title": label} for value, label in pairs]


def choice(
    title: str, options: Options, *, widget: str = "radio", help: str = ""
) -> dict[str, Any]:
    """One of several options: `choice("Giới tính", {"nam": "Nam", "nu": "Nữ"})`."""
    return {
        "type": "string",
        **_base(title, help, {}),
        "oneOf": _one_of(options),
        "x-widget": widget,
    }


def multiple_choice(
    title: str,
    options: Options,
    *,
    min_items: int = 1,
    max_items: int | None = None,
    help: str = "",
) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "array",
        **_base(title, help, {}),
        "items": {"type": "string", "oneOf": _one_of(options)},
        "uniqueItems": True,
        "x-widget": "checkboxes",
    }
    if min_items:
        schema["minItems"] = min_items
    if max_items:
        schema["maxItems"] = max_items
    return schema


def yes_no(
    title: str, *, yes: str = gettext_noop("Có"), no: str = gettext_noop("Không"), help: str = ""
) -> dict[str, Any]:
    return {
        "type": "boolean",
        **_base(title, help, {}),
        "x-widget": "yes-no",
        "x-labels": [yes, no],
    }


def id_number(
    title: str = gettext_noop("Số định danh cá nhân (CCCD) hoặc số CMND"), **kwargs: Any
) -> dict:
    return {
        "type": "string",
        **_base(
            title,
            kwargs.get("help", gettext_noop("Căn cước công dân: 12 chữ số; CMND cũ: 9 chữ số.")),
            {},
        ),
        "format": "vn-id-number",
        "pattern": ID_NUMBER_PATTERN,
        "x-widget": "id-number",
        **({"x-prefill": kwargs["prefill"]} if kwargs.get("prefill") else {}),
    }


def phone(
    title: str = gettext_noop("Số điện thoại"), *, help: str = "", prefill: str | None = None
) -> dict:
    schema = {
        "type": "string",
        **_base(title, help or gettext_noop("10 chữ số bắt đầu bằng 0, hoặc +84."), {}),
        "format": "vn-phone",
        "pattern": PHONE_PATTERN,
        "x-widget": "phone",
    }
    if prefill:
        schema["x-prefill"] = prefill
    return schema


def email(
    title: str = gettext_noop("Thư điện tử"), *, help: str = "", prefill: str | None = None
) -> dict:
    schema = {"type": "string", **_base(title, help, {}), "format": "email", "maxLength": 254}
    if prefill:
        schema["x-prefill"] = prefill
    return schema


def address(title: str, *, help: str = "", prefill: str | None = None) -> dict[str, Any]:
    """Province → commune (from the official list of today's units) and the street address."""
    schema: dict[str, Any] = {
        "type": "object",
        **_base(title, help, {}),
        "x-widget": "address",
        "x-address": True,
        "properties": {
            "province": {
                "type": "string",
                "title": gettext_noop("Tỉnh, thành phố"),
                "x-locality": "province",
            },
            "commune": {
                "type": "string",
                "title": gettext_noop("Xã, phường, đặc khu"),
                "x-locality": "commune",
            },
            "street": {
                "type": "string",
                "title": gettext_noop("Số nhà, đường, thôn, tổ dân phố"),
                "maxLength": 200,
            },
        },
        "required": ["province", "commune", "street"],
        "additionalProperties": False,
    }
    if prefill:
        schema["x-prefill"] = prefill
    return schema


def group(
    title: str,
    properties: Mapping[str, dict[str, Any]],
    *,
    required: Iterable[str] = (),
    conditions: Iterable[dict[str, Any]] = (),
    help: str = "",
) -> dict[str, Any]:
    """A fieldset: several fields that belong together (the mother's details)."""
    schema: dict[str, Any] = {
        "type": "object",
        **_base(title, help, {}),
        "properties": dict(properties),
        "required": list(required),
        "additionalProperties": False,
    }
    conditions = list(conditions)
    if conditions:
        schema["allOf"] = conditions
    return schema


def repeat(
    title: str,
    item: dict[str, Any],
    *,
    min_items: int = 1,
    max_items: int = 10,
    add_label: str = gettext_noop("Thêm"),
    item_title: str = "",
    help: str = "",
) -> dict[str, Any]:
    """A repeatable group (several children, several documents to certify)."""
    return {
        "type": "array",
        **_base(title, help, {}),
        "items": item,
        "minItems": min_items,
        "maxItems": max_items,
        "x-widget": "repeat",
        "x-add-label": add_label,
        "x-item-title": item_title or item.get("title", ""),
    }


def when(
    field: str, value: Any, *, require: Iterable[str] = (), show: Iterable[str] = ()
) -> dict[str, Any]:
    """A conditional block: when `field` equals `value` (or one of a list of values), `require`
    become required and `require` + `show` are displayed (hidden otherwise, answers dropped)."""
    require = list(require)
    shown = {name: True for name in [*require, *show]}
    rule = {"enum": list(value)} if isinstance(value, list | tuple) else {"const": value}
    return {
        "if": {"properties": {field: rule}, "required": [field]},
        "then": {"properties": shown, "required": require},
    }


def form(
    title: str,
    properties: Mapping[str, dict[str, Any]],
    *,
    required: Iterable[str] = (),
    conditions: Iterable[dict[str, Any]] = (),
    help: str = "",
) -> dict[str, Any]:
    schema = group(title, properties, required=required, conditions=conditions, help=help)
    return {"$schema": DIALECT, **schema}
