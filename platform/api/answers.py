"""Form answers sent as JSON, read exactly as the form page reads what a browser posts.

The page posts flat names (`nguoi_yeu_cau.ho_ten`, `tre.__rows`, `tre.0.ho_ten`) and
`procedure_plugins.schema.SchemaForm` turns them into the stored answers: text trimmed, empty
fields left out, numbers and yes/no read, hidden conditional fields dropped; then the plugin's
schema validates them with the page's Vietnamese messages. The API flattens the JSON into those
names and goes through the same form, so an app and a browser sending the same answers store
the same thing and get the same errors.

    form = read_answers(schema, {"nguoi_yeu_cau": {"ho_ten": " An "}, "so_ban_sao": 1})
    form.answers   → {"nguoi_yeu_cau": {"ho_ten": "An"}, "so_ban_sao": 1, ...}
    form.errors    → {"nguoi_duoc_cap.ho_ten": ["Vui lòng nhập thông tin này."], ...}
"""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from procedure_plugins.schema import SchemaForm


def _flatten(value: Any, name: str, into: QueryDict) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _flatten(child, f"{name}.{key}" if name else str(key), into)
    elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
        into[f"{name}.__rows"] = str(len(value))
        for index, item in enumerate(value):
            _flatten(item, f"{name}.{index}", into)
    elif isinstance(value, list):
        into.setlist(name, [_text(item) for item in value if item is not None])
    elif value is not None:
        into[name] = _text(value)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def form_data(answers: dict[str, Any]) -> QueryDict:
    """The names and values a browser would post for `answers`."""
    data = QueryDict(mutable=True)
    _flatten(answers, "", data)
    return data


def read_answers(schema: dict[str, Any], answers: dict[str, Any]) -> SchemaForm:
    return SchemaForm(schema, data=form_data(answers))


def answer_errors(form: SchemaForm, *, prefix: str = "answers.") -> list[dict[str, str]]:
    return [{"field": prefix + error.key, "message": error.message} for error in form.error_list]
