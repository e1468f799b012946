"""Messages to the applicant and to officers, written into the outbox (platform/outbox/) in the
transaction of the change that caused them, sent after it commits.

One template per event and channel (`outbox/templates/outbox/<channel>/<kind>.txt`, overridable
per locality); this module only gathers what the templates show. Links point to the dossier's
own locality host (workflows.links). A failing mail server or SMS gateway never undoes a
dossier change: the outbox retries, and staff see each message's state on the dossier.

    notify_applicant(dossier=dossier, kind="received", note="")
    notify_officers(officers=[specialist], dossier=dossier, kind="assigned")
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.conf import settings

from outbox.choices import Channel
from outbox.compose import Composed, compose_email_or_reason, compose_sms, sender
from outbox.services import message_enqueue
from tenants.context import require_locality

from . import links
from .calendar import to_local
from .models import Dossier
from .models.handover import is_handover_copy

logger = logging.getLogger(__name__)

#: The events an applicant is told about (a template per event: outbox/templates/outbox/email/).
APPLICANT_KINDS = (
    "submitted",
    "received",
    "supplement_requested",
    "resubmitted",
    "reception_refused",
    "refused",
    "stopped",
    "withdrawn",
    "result_ready",
    "returned",
    "apology",
)
#: Warnings to officers.
OFFICER_KINDS = ("due_tomorrow", "step_overdue", "assigned")


def _context(dossier: Dossier, *, note: str, person: Any) -> dict[str, Any]:
    locality = require_locality()
    due = dossier.due_at
    return {
        "person": person,
        "applicant": dossier.applicant,
        "dossier": dossier,
        "procedure_name": dossier.plugin.name,
        "state_label": dossier.get_state_label(),
        "note": note,
        "appointment": to_local(due) if due else None,
        "url": links.dossier_url(dossier, locality),
        "desk_url": links.absolute(
            links.locality_path("workflows:desk_detail", reference=dossier.reference), locality
        ),
        "lookup_url": links.lookup_url(dossier.code, locality) if dossier.code else "",
        "locality": locality,
    }


def _occasion(dossier: Dossier) -> str:
    """What makes this message one of a kind: the dossier's latest history entry. The same
    service repeated (a second supplement request) writes a new entry, hence a new message."""
    latest = dossier.events.order_by("-pk").values_list("pk", flat=True).first()
    return f"{dossier.reference}:{latest or 0}"


class Event(NamedTuple):
    """One event to tell one person about: what the templates show and the message keys' core."""

    kind: str
    dossier: Dossier
    context: dict[str, Any]
    key: str


def _compose(event: Event) -> tuple[Composed, str]:
    return compose_email_or_reason(event.kind, event.context)


def _email(event: Event, *, address: str, text: Composed, error: str) -> None:
    message_enqueue(
        channel=Channel.EMAIL,
        kind=event.kind,
        recipient=address,
        key=f"email:{event.kind}:{event.key}",
        subject=text.subject,
        body=text.body,
        html_body=text.html,
        payload={"from_email": sender(event.context["locality"])},
        dossier=event.dossier,
        error=error,
    )


def _portal(event: Event, *, person: Any, text: Composed, error: str) -> None:
    message_enqueue(
        channel=Channel.PORTAL,
        kind=event.kind,
        recipient=str(person.pk),
        key=f"portal:{event.kind}:{event.key}",
        subject=text.subject,
        body=text.body,
        dossier=event.dossier,
        error=error,
    )


def _sms(event: Event, *, phone: str) -> None:
    try:
        body, error = compose_sms(event.kind, event.context), ""
    except Exception as broken:  # a broken template is recorded for staff, never a crash
        logger.exception("SMS template of %s is broken", event.kind)
        body, error = "", f"{type(broken).__name__}: {broken}"
    message_enqueue(
        channel=Channel.SMS,
        kind=event.kind,
        recipient=phone,
        key=f"sms:{event.kind}:{event.key}",
        body=body,
        dossier=event.dossier,
        error=error,
    )


def notify_applicant(*, dossier: Dossier, kind: str, note: str = "") -> None:
    """Queue the messages of event `kind` to the dossier's applicant: always a notification on
    the portal; an e-mail if they have an address, an SMS if they have a phone number and the
    deployment sends SMS, each unless they turned that channel off in their profile. A liên
    thông copy tells no one: the origin unit writes to the citizen, not the unit doing its part."""
    if is_handover_copy(dossier):
        return
    applicant = dossier.applicant
    event = Event(kind, dossier, _context(dossier, note=note, person=applicant), _occasion(dossier))
    text, error = _compose(event)
    _portal(event, person=applicant, text=text, error=error)
    if applicant.email and applicant.notify_by_email:
        _email(event, address=applicant.email, text=text, error=error)
    if applicant.phone and applicant.notify_by_sms and settings.OUTBOX_SMS_BACKEND:
        _sms(event, phone=applicant.phone)


def notify_officers(
    *, officers: Iterable[Any], dossier: Dossier, kind: str, note: str = "", once_per: str = ""
) -> None:
    """Queue warning `kind` (due_tomorrow, step_overdue, assigned) to each officer by e-mail.

    `once_per`: for warnings a periodic job raises, what makes one warning unique besides the
    dossier's state (e.g. the date): sending the job twice then warns once.
    """
    occasion = f"{dossier.reference}:{once_per}" if once_per else _occasion(dossier)
    for officer in officers:
        if not officer.email:
            continue
        context = _context(dossier, note=note, person=officer)
        event = Event(kind, dossier, context, f"{occasion}:{officer.pk}")
        text, error = _compose(event)
        _email(event, address=officer.email, text=text, error=error)
