"""Deadline warnings to officers: one call site, `warn_officers(...)`.

Each officer gets one digest per kind of warning and day (a line per dossier), written into the
outbox (platform/outbox/) in the care run's transaction: an e-mail when they have an address and
a notification on the portal (the header's count). The text comes from the templates
`outbox/email/care_<kind>.txt` and `care_<kind>_subject.txt` (overridable per locality like every
outbox template). The message key is `<channel>:care_<kind>:<day>:<officer>`: a second care run
on the same day (a retried task, `manage.py deadline_care` by hand) warns no one again.

    warn_officers(officers=[specialist], kind=WarningKind.DUE_TOMORROW,
                  warnings=[DeadlineWarning(dossier=dossier, detail="")])   # -> 1
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from outbox.choices import Channel
from outbox.compose import compose_email_or_reason, sender
from outbox.models import Message
from outbox.services import message_enqueue
from tenants.context import require_locality

from .. import clock, links
from ..calendar import to_local


class WarningKind:
    DUE_TOMORROW = "due_tomorrow"
    STEP_OVERRUN = "step_overrun"
    OVERDUE = "overdue"
    ESCALATED = "escalated"


#: The outbox's message kind (and template name) of each warning.
MESSAGE_KINDS = {
    kind: f"care_{kind}"
    for kind in (
        WarningKind.DUE_TOMORROW,
        WarningKind.STEP_OVERRUN,
        WarningKind.OVERDUE,
        WarningKind.ESCALATED,
    )
}


@dataclass(frozen=True)
class DeadlineWarning:
    """One line of a warning: a dossier and what is late about it."""

    dossier: Any
    detail: str


def _line(warning: DeadlineWarning, locality: Any) -> dict[str, str]:
    """What the template shows of one dossier."""
    dossier = warning.dossier
    due = dossier.due_at
    return {
        "code": dossier.code or dossier.reference,
        "state": str(dossier.get_state_label()),
        "due": to_local(due).strftime("%H:%M %d/%m/%Y") if due else "—",
        "detail": warning.detail,
        "url": links.absolute(
            links.locality_path("workflows:desk_detail", reference=dossier.reference), locality
        ),
    }


def _enqueue_once(**fields: Any) -> bool:
    """Queue a message unless its key is already in the outbox; True when it is new."""
    if Message.objects.filter(key=fields["key"]).exists():
        return False
    message_enqueue(**fields)
    return True


def warn_officers(
    *, officers: Iterable[Any], kind: str, warnings: Sequence[DeadlineWarning]
) -> int:
    """Warn each of `officers` (accounts) of `warnings`: one digest per officer, kind and day,
    sent after commit. Officers without an e-mail address get the portal notification only.
    Returns the number of e-mails queued (none for a digest already queued today)."""
    if not warnings:
        return 0
    locality = require_locality()
    message_kind = MESSAGE_KINDS[kind]
    day = to_local(clock.now()).date().isoformat()
    lines = [_line(w, locality) for w in warnings]
    queued = 0
    for officer in {o.pk: o for o in officers}.values():
        context = {"person": officer, "lines": lines, "locality": locality}
        text, error = compose_email_or_reason(message_kind, context)
        common = {"kind": message_kind, "subject": text.subject, "body": text.body, "error": error}
        key = f"{message_kind}:{day}:{officer.pk}"
        _enqueue_once(
            channel=Channel.PORTAL, recipient=str(officer.pk), key=f"portal:{key}", **common
        )
        if officer.email and officer.notify_by_email:
            queued += _enqueue_once(
                channel=Channel.EMAIL,
                recipient=officer.email,
                key=f"email:{key}",
                html_body=text.html,
                payload={"from_email": sender(locality)},
                **common,
            )
    return queued
