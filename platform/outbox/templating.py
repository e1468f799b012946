"""A locality's own message texts: the events its administrator may reword, the `{{ variables }}`
each may use, the check that refuses a broken text at the field, and the filling-in.

An override is plain text with `{{ name }}`-style variables only (no template tags, no
attribute access): a locality administrator cannot reach anything the message does not show,
and a text that passed the check cannot fail at send time.

    >>> text_errors("Kính gửi {{ name }}, hồ sơ {{ code }}", APPLICANT_VARIABLES)
    []
    >>> fill("Hồ sơ {{ code }}", {"code": "H26-0001"})
    'Hồ sơ H26-0001'
"""

from __future__ import annotations

import re
from typing import Any

from django.template import Variable, VariableDoesNotExist
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import Channel

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
#: What is left of template syntax once the variables are taken out: refused.
LEFTOVER_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")

APPLICANT_VARIABLES = {
    "name": gettext_lazy("họ tên người nhận"),
    "code": gettext_lazy("mã hồ sơ"),
    "procedure": gettext_lazy("tên thủ tục"),
    "state": gettext_lazy("trạng thái hồ sơ"),
    "note": gettext_lazy("nội dung kèm theo (lý do, nội dung cần bổ sung…)"),
    "appointment": gettext_lazy("ngày hẹn trả kết quả"),
    "url": gettext_lazy("đường dẫn xem hồ sơ"),
    "lookup_url": gettext_lazy("đường dẫn tra cứu bằng mã hồ sơ"),
    "locality": gettext_lazy("tên địa phương"),
}
DIGEST_VARIABLES = {
    "name": gettext_lazy("họ tên người nhận"),
    "dossiers": gettext_lazy("danh sách hồ sơ, mỗi hồ sơ một dòng"),
    "locality": gettext_lazy("tên địa phương"),
}

BOTH = ("email", "sms")
EMAIL = ("email",)
#: Event → (label, channels, variables). The applicant's events go by e-mail and SMS; the
#: deadline-care digests to officers by e-mail.
EVENTS: dict[str, tuple[Any, tuple[str, ...], dict[str, Any]]] = {
    kind: (label, channels, variables)
    for kind, label, channels, variables in (
        ("submitted", gettext_lazy("Đã nhận hồ sơ nộp trực tuyến"), BOTH, APPLICANT_VARIABLES),
        ("received", gettext_lazy("Hồ sơ đã được tiếp nhận"), BOTH, APPLICANT_VARIABLES),
        (
            "supplement_requested",
            gettext_lazy("Yêu cầu bổ sung, hoàn thiện hồ sơ"),
            BOTH,
            APPLICANT_VARIABLES,
        ),
        ("resubmitted", gettext_lazy("Đã nhận hồ sơ nộp bổ sung"), BOTH, APPLICANT_VARIABLES),
        (
            "reception_refused",
            gettext_lazy("Hồ sơ bị từ chối tiếp nhận"),
            BOTH,
            APPLICANT_VARIABLES,
        ),
        ("refused", gettext_lazy("Từ chối giải quyết"), BOTH, APPLICANT_VARIABLES),
        ("stopped", gettext_lazy("Dừng xử lý hồ sơ"), BOTH, APPLICANT_VARIABLES),
        ("withdrawn", gettext_lazy("Rút hồ sơ"), BOTH, APPLICANT_VARIABLES),
        ("result_ready", gettext_lazy("Đã có kết quả giải quyết"), BOTH, APPLICANT_VARIABLES),
        ("returned", gettext_lazy("Đã trả kết quả"), BOTH, APPLICANT_VARIABLES),
        ("apology", gettext_lazy("Gia hạn kèm thư xin lỗi"), BOTH, APPLICANT_VARIABLES),
        (
            "care_due_tomorrow",
            gettext_lazy("Hồ sơ đến hạn trả kết quả vào ngày làm việc tiếp theo"),
            EMAIL,
            DIGEST_VARIABLES,
        ),
        (
            "care_step_overrun",
            gettext_lazy("Hồ sơ quá thời gian của bước xử lý"),
            EMAIL,
            DIGEST_VARIABLES,
        ),
        ("care_overdue", gettext_lazy("Hồ sơ đã quá hạn trả kết quả"), EMAIL, DIGEST_VARIABLES),
        (
            "care_escalated",
            gettext_lazy("Hồ sơ chưa được phân công xử lý, chuyển lãnh đạo"),
            EMAIL,
            DIGEST_VARIABLES,
        ),
    )
}


def editable(kind: str, channel: str) -> bool:
    return kind in EVENTS and channel in EVENTS[kind][1]


def variables_of(kind: str) -> dict[str, Any]:
    return EVENTS[kind][2]


def text_errors(text: str, variables: dict[str, Any]) -> list[str]:
    """What is wrong with an override's text, in Vietnamese (empty: it can be sent)."""
    errors = []
    unknown = sorted({name for name in PLACEHOLDER.findall(text) if name not in variables})
    if unknown:
        errors.append(
            _("Biến không có trong thông báo này: %(unknown)s. Các biến dùng được: %(known)s.")
            % {
                "unknown": ", ".join(f"{{{{ {name} }}}}" for name in unknown),
                "known": ", ".join(f"{{{{ {name} }}}}" for name in variables),
            }
        )
    if LEFTOVER_SYNTAX.search(PLACEHOLDER.sub("", text)):
        errors.append(
            _("Sai cú pháp: mỗi biến viết dạng {{ tên_biến }}; không dùng {% … %} hay {# … #}.")
        )
    return errors


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), ""), text)


def _get(context: dict[str, Any], path: str) -> Any:
    try:
        value = Variable(path).resolve(context)
    except VariableDoesNotExist:
        return ""
    return "" if value is None else value


def _digest(lines: list[dict[str, str]]) -> str:
    rows = []
    for line in lines:
        detail = f" · {line['detail']}" if line.get("detail") else ""
        due = _("hẹn trả: %(due)s") % {"due": line["due"]}
        rows.append(f"- {line['code']} · {line['state']} · {due}{detail}\n  {line['url']}")
    return "\n".join(rows)


def values(context: dict[str, Any]) -> dict[str, str]:
    """The variables' values from a message's context (outbox/compose.py)."""
    appointment = _get(context, "appointment")
    return {
        "name": str(_get(context, "person.full_name") or _get(context, "person.username")),
        "code": str(_get(context, "dossier.code") or "—"),
        "procedure": str(_get(context, "procedure_name")),
        "state": str(_get(context, "state_label")),
        "note": str(_get(context, "note")),
        "appointment": dateformat.format(appointment, "H:i \\n\\g\\à\\y d/m/Y")
        if appointment
        else "—",
        "url": str(_get(context, "url")),
        "lookup_url": str(_get(context, "lookup_url")),
        "locality": str(_get(context, "locality.name")),
        "dossiers": _digest(context.get("lines") or []),
    }


def channel_label(channel: str) -> str:
    return str(Channel(channel).label)
