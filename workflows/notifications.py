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
from typing import Any

from django.conf import settings

from outbox.choices import Channel
from outbox.compose import Composed, compose_email, compose_sms, sender
from outbox.services import message_enqueue
from tenants.context import require_locality

from . import links
from .calendar import to_local
from .models import Dossier

logger = logging.getLogger(__name__)

#: The events an applicant is told about (a template per event: outbox/templates/outbox/email/).
APPLICANT_KINDS = (
    "submitted",
    "received",
    "supplement_requested",
    "resubmitted",
    "reception_refused",
    "refused",
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


def _compose(kind: str, context: dict) -> tuple[Composed, str]:
    """The e-mail's text for `kind`, or the reason it could not be composed (a broken template
    is recorded for staff, never a crash)."""
    try:
        return compose_email(kind, context), ""
    except Exception as broken:
        logger.exception("e-mail template of %s is broken", kind)
        return Composed(kind, "", ""), f"{type(broken).__name__}: {broken}"


def _email(
    *,
    kind: str,
    address: str,
    dossier: Dossier,
    context: dict,
    key: str,
    text: Composed,
    error: str,
) -> None:
    subject, body, html = text
    message_enqueue(
        channel=Channel.EMAIL,
        kind=kind,
        recipient=address,
        key=f"email:{kind}:{key}",
        subject=subject,
        body=body,
        html_body=html,
        payload={"from_email": sender(context["locality"])},
        dossier=dossier,
        error=error,
    )


def _portal(
    *, kind: str, person: Any, dossier: Dossier, key: str, text: Composed, error: str
) -> None:
    subject, body, _html = text
    message_enqueue(
        channel=Channel.PORTAL,
        kind=kind,
        recipient=str(person.pk),
        key=f"portal:{kind}:{key}",
        subject=subject,
        body=body,
        dossier=dossier,
        error=error,
    )


def _sms(*, kind: str, phone: str, dossier: Dossier, context: dict, key: str) -> None:
    try:
        text, error = compose_sms(kind, context), ""
    except Exception as broken:  # a broken template is recorded for staff, never a crash
        logger.exception("SMS template of %s is broken", kind)
        text, error = "", f"{type(broken).__name__}: {broken}"
    message_enqueue(
        channel=Channel.SMS,
        kind=kind,
        recipient=phone,
        key=f"sms:{kind}:{key}",
        body=text,
        dossier=dossier,
        error=error,
    )


def notify_applicant(*, dossier: Dossier, kind: str, note: str = "") -> None:
    """Queue the messages of event `kind` to the dossier's applicant: always a notification on
    the portal; an e-mail if they have an address, an SMS if they have a phone number and the
    deployment sends SMS, each unless they turned that channel off in their profile."""
    applicant = dossier.applicant
    context = _context(dossier, note=note, person=applicant)
    occasion = _occasion(dossier)
    text, error = _compose(kind, context)
    _portal(kind=kind, person=applicant, dossier=dossier, key=occasion, text=text, error=error)
    if applicant.email and applicant.notify_by_email:
        _email(
            kind=kind,
            address=applicant.email,
            dossier=dossier,
            context=context,
            key=occasion,
            text=text,
            error=error,
        )
    if applicant.phone and applicant.notify_by_sms and settings.OUTBOX_SMS_BACKEND:
        _sms(kind=kind, phone=applicant.phone, dossier=dossier, context=context, key=occasion)


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
        text, error = _compose(kind, context)
        _email(
            kind=kind,
            address=officer.email,
            dossier=dossier,
            context=context,
            key=f"{occasion}:{officer.pk}",
            text=text,
            error=error,
        )
