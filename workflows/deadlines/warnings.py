"""Deadline warnings to officers: one call site, `warn_officers(...)`.

Today each warning is an e-mail per officer, sent after the caller's transaction commits (a
rolled-back care run sends nothing). When the notification outbox exists, this function's body
is what changes; its callers stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.context import require_locality

from .. import links
from ..calendar import to_local


class WarningKind:
    DUE_TOMORROW = "due_tomorrow"
    STEP_OVERRUN = "step_overrun"
    OVERDUE = "overdue"
    ESCALATED = "escalated"


SUBJECTS = {
    WarningKind.DUE_TOMORROW: gettext_lazy("Hồ sơ đến hạn trả kết quả vào ngày làm việc tiếp theo"),
    WarningKind.STEP_OVERRUN: gettext_lazy("Hồ sơ quá thời gian của bước xử lý"),
    WarningKind.OVERDUE: gettext_lazy("Hồ sơ đã quá hạn trả kết quả"),
    WarningKind.ESCALATED: gettext_lazy("Hồ sơ chưa được phân công xử lý, chuyển lãnh đạo"),
}


@dataclass(frozen=True)
class DeadlineWarning:
    """One line of a warning: a dossier and what is late about it."""

    dossier: Any
    detail: str


def _line(warning: DeadlineWarning, locality: Any) -> str:
    dossier = warning.dossier
    url = links.absolute(
        links.locality_path("workflows:desk_detail", reference=dossier.reference), locality
    )
    due = dossier.due_at
    due_text = to_local(due).strftime("%H:%M %d/%m/%Y") if due else "—"
    return (
        f"- {dossier.code or dossier.reference} · {dossier.get_state_label()} · "
        + _("hẹn trả: %(due)s") % {"due": due_text}
        + (f" · {warning.detail}" if warning.detail else "")
        + f"\n  {url}"
    )


def warn_officers(
    *, officers: Iterable[Any], kind: str, warnings: Sequence[DeadlineWarning]
) -> int:
    """Warn each of `officers` (accounts) of `warnings` (one message per officer and kind, a
    line per dossier), after commit. Officers without an e-mail address are skipped. Returns
    the number of messages queued."""
    if not warnings:
        return 0
    locality = require_locality()
    subject = f"[{locality.name}] {SUBJECTS[kind]}"
    lines = "\n".join(_line(w, locality) for w in warnings)
    queued = 0
    for officer in {o.pk: o for o in officers}.values():
        if not officer.email:
            continue
        name = officer.get_full_name() or officer.get_username()
        text = _("Kính gửi %(name)s,") % {"name": name} + "\n\n" + lines + "\n"
        message = EmailMessage(subject, text, to=[officer.email])
        transaction.on_commit(message.send, robust=True)
        queued += 1
    return queued
