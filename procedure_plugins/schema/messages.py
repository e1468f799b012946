"""Vietnamese messages for every validator failure, placed at the field they concern.

`jsonschema` reports a missing property at its parent object; the citizen needs the message next
to the empty field, so `required` (and `dependentRequired`) errors are moved to the missing
property's path. Every keyword of Draft 2020-12 has a message; anything unforeseen falls back to a
generic one rather than an English text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from jsonschema.exceptions import ValidationError

from .keywords import id_number_problem

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class FieldError:
    path: Path
    message: str

    @property
    def key(self) -> str:
        """The dotted path used as the field's HTML name: `con.0.ho_ten`."""
        return ".".join(str(part) for part in self.path)


def schema_at(root: dict[str, Any], path: Iterable[str | int]) -> dict[str, Any]:
    """The property schema at an answers path (`("con", 0, "ho_ten")`), or {} if none."""
    node: Any = root
    for part in path:
        if not isinstance(node, dict):
            return {}
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
    return node if isinstance(node, dict) else {}


def _is_choice(schema: dict[str, Any]) -> bool:
    return bool(
        "oneOf" in schema
        or "enum" in schema
        or schema.get("type") in ("boolean", "array")
        or schema.get("x-widget") in ("radio", "select", "checkboxes", "yes-no")
    )


def _n(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _type_message(expected: Any) -> str:
    kinds = expected if isinstance(expected, list) else [expected]
    if "integer" in kinds:
        return _("Vui lòng nhập một số nguyên, chỉ gồm chữ số.")
    if "number" in kinds:
        return _("Vui lòng nhập một số.")
    if "boolean" in kinds:
        return _("Vui lòng chọn Có hoặc Không.")
    if "array" in kinds:
        return _("Danh sách không hợp lệ.")
    if "object" in kinds:
        return _("Nhóm thông tin không hợp lệ.")
    return _("Vui lòng nhập văn bản.")


def _format_message(fmt: str, instance: Any) -> str:
    if fmt == "vn-date":
        return _(
            "Ngày không hợp lệ. Vui lòng nhập theo dạng ngày/tháng/năm (dd/mm/yyyy), "
            "ví dụ 05/09/2024."
        )
    if fmt == "vn-id-number":
        if isinstance(instance, str) and id_number_problem(instance) == "province":
            return _("Số CCCD không hợp lệ: ba chữ số đầu phải là mã tỉnh nơi đăng ký khai sinh.")
        return _("Số định danh cá nhân (CCCD) gồm 12 chữ số; số CMND cũ gồm 9 chữ số.")
    if fmt == "vn-phone":
        return _("Số điện thoại gồm 10 chữ số bắt đầu bằng 0 (hoặc +84), ví dụ 0912345678.")
    if fmt == "email":
        return _("Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.com.")
    return _("Giá trị không đúng định dạng.")


def required_message(schema: dict[str, Any]) -> str:
    if schema.get("x-widget") == "repeat":
        return _("Vui lòng khai ít nhất một mục.")
    if schema.get("x-widget") == "address" or "x-locality" in schema:
        return _("Vui lòng chọn và nhập đủ địa chỉ.")
    if _is_choice(schema):
        return _("Vui lòng chọn một phương án.")
    return _("Vui lòng nhập thông tin này.")


def translate(error: ValidationError, root: dict[str, Any]) -> list[FieldError]:  # noqa: C901 - one message per JSON Schema keyword, read best as one table
    """The citizen-facing errors for one jsonschema error."""
    path: Path = tuple(error.absolute_path)
    if path and isinstance(path[-1], int):
        parent = schema_at(root, path[:-1])
        if parent.get("type") == "array" and parent.get("x-widget") != "repeat":
            # One checkbox of a multiple choice: the message belongs to the whole question.
            path = path[:-1]
    keyword = error.validator
    value = error.validator_value
    instance = error.instance
    field_schema = schema_at(root, path)

    if keyword == "required":
        present = instance if isinstance(instance, dict) else {}
        return [
            FieldError(path + (name,), required_message(schema_at(root, path + (name,))))
            for name in value
            if name not in present
        ]
    if keyword == "dependentRequired":
        present = instance if isinstance(instance, dict) else {}
        errors = []
        for trigger, needed in value.items():
            if trigger in present:
                errors += [
                    FieldError(path + (name,), required_message(schema_at(root, path + (name,))))
                    for name in needed
                    if name not in present
                ]
        return errors

    message: str
    if keyword == "type":
        message = _type_message(value)
    elif keyword == "format":
        message = _format_message(value, instance)
    elif keyword == "pattern":
        fmt = field_schema.get("format")
        message = field_schema.get("x-error") or (
            _format_message(fmt, instance) if fmt else _("Giá trị không đúng định dạng.")
        )
    elif keyword == "minLength":
        message = _("Cần ít nhất %(n)s ký tự.") % {"n": _n(value)}
    elif keyword == "maxLength":
        message = _("Không quá %(n)s ký tự (hiện có %(len)s).") % {
            "n": _n(value),
            "len": _n(len(instance)) if isinstance(instance, str) else "?",
        }
    elif keyword == "minimum":
        message = _("Giá trị nhỏ nhất là %(n)s.") % {"n": _n(value)}
    elif keyword == "maximum":
        message = _("Giá trị lớn nhất là %(n)s.") % {"n": _n(value)}
    elif keyword == "exclusiveMinimum":
        message = _("Giá trị phải lớn hơn %(n)s.") % {"n": _n(value)}
    elif keyword == "exclusiveMaximum":
        message = _("Giá trị phải nhỏ hơn %(n)s.") % {"n": _n(value)}
    elif keyword == "multipleOf":
        message = _("Giá trị phải là bội số của %(n)s.") % {"n": _n(value)}
    elif keyword in ("enum", "const") or (
        keyword in ("oneOf", "anyOf") and _is_choice(field_schema)
    ):
        message = _("Vui lòng chọn một phương án trong danh sách.")
    elif keyword == "minItems":
        if field_schema.get("x-widget") == "repeat":
            message = _("Vui lòng khai ít nhất %(n)s mục.") % {"n": _n(value)}
        else:
            message = _("Vui lòng chọn ít nhất %(n)s mục.") % {"n": _n(value)}
    elif keyword == "maxItems":
        message = _("Tối đa %(n)s mục.") % {"n": _n(value)}
    elif keyword == "uniqueItems":
        message = _("Có mục bị trùng lặp.")
    elif keyword in ("additionalProperties", "unevaluatedProperties"):
        message = _("Có thông tin không thuộc biểu mẫu này.")
    elif keyword in ("unevaluatedItems", "prefixItems", "items"):
        message = _("Danh sách có mục không hợp lệ.")
    elif keyword in ("contains", "minContains", "maxContains"):
        message = _("Danh sách chưa có mục theo yêu cầu.")
    elif keyword in ("minProperties", "maxProperties", "propertyNames"):
        message = _("Nhóm thông tin không hợp lệ.")
    elif keyword == "x-not-future":
        message = _("Ngày này chưa tới: không được sau ngày hôm nay.")
    elif keyword == "x-not-past":
        message = _("Ngày này đã qua: không được trước ngày hôm nay.")
    elif keyword == "x-min-age":
        message = _("Chưa đủ %(n)s tuổi tính đến hôm nay.") % {"n": _n(value)}
    elif keyword == "x-address":
        message = (
            _("Tỉnh, thành phố không có trong danh mục đơn vị hành chính.")
            if value == "province"
            else _("Xã, phường, đặc khu không thuộc tỉnh, thành phố đã chọn.")
        )
    elif keyword == "false" or error.schema is False:
        message = _("Thông tin này không được khai trong trường hợp của bạn.")
    else:
        # allOf / anyOf / oneOf / not / if-then-else / dependentSchemas on groups, and anything a
        # future draft adds: a generic sentence, never the library's English.
        message = _("Thông tin chưa đúng yêu cầu của biểu mẫu.")
    return [FieldError(path, message)]
