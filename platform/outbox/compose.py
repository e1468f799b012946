"""Turning an event into the text of a message, from templates per event and channel.

Templates live in `outbox/templates/outbox/<channel>/<kind>.txt` (the e-mail's subject in
`<kind>_subject.txt`). A locality's own text comes first: the one its administrator saved on
/thong-bao-gui-di/mau/ (`TemplateOverride`, checked by outbox/templating.py), then a file
`outbox/<schema_name>/<channel>/<kind>.txt`, then the default. The sender shown is the locality.

    >>> compose_email("received", context)       # doctest: +SKIP
    Composed(subject="[Xã Tứ Kỳ] Hồ sơ đã được tiếp nhận – …", body="Kính gửi …", html="<!doctype…")
"""

from __future__ import annotations

import logging
from email.utils import formataddr, parseaddr
from typing import Any, NamedTuple

from django.conf import settings
from django.template.loader import render_to_string, select_template

from tenants.context import current_locality

from .models import TemplateOverride
from .templating import fill, values

logger = logging.getLogger(__name__)


class Composed(NamedTuple):
    subject: str
    body: str
    html: str


def _names(channel: str, name: str) -> list[str]:
    locality = current_locality()
    own = [f"outbox/{locality.schema_name}/{channel}/{name}"] if locality else []
    return [*own, f"outbox/{channel}/{name}"]


def render(channel: str, name: str, context: dict[str, Any]) -> str:
    return select_template(_names(channel, name)).render(context).strip()


def own_text(channel: str, kind: str) -> TemplateOverride | None:
    """The text the current locality's administrator saved for this event and channel."""
    if current_locality() is None:
        return None
    return TemplateOverride.objects.filter(kind=kind, channel=channel).first()


def compose_email(kind: str, context: dict[str, Any], *, own: bool = True) -> Composed:
    """Subject, plain text and HTML of the e-mail for `kind` (raises if its template is broken).
    `own=False`: the default text, whatever the locality saved."""
    saved = own_text("email", kind) if own else None
    if saved is not None:
        filled = values(context)
        subject_text = fill(saved.subject, filled) if saved.subject.strip() else ""
        subject = " ".join(subject_text.split()) or _default_subject(kind, context)
        body = fill(saved.body, filled).strip()
    else:
        subject = _default_subject(kind, context)
        body = render("email", f"{kind}.txt", context)
    html = render_to_string("outbox/email/layout.html", {**context, "body": body})
    return Composed(subject, body, html)


def _default_subject(kind: str, context: dict[str, Any]) -> str:
    return " ".join(render("email", f"{kind}_subject.txt", context).split())


def compose_email_or_reason(kind: str, context: dict[str, Any]) -> tuple[Composed, str]:
    """The e-mail for `kind`, or the reason it could not be composed: a broken template is
    recorded on the message for staff to see (`message_enqueue(error=…)`), never a crash."""
    try:
        return compose_email(kind, context), ""
    except Exception as broken:
        logger.exception("e-mail template of %s is broken", kind)
        return Composed(kind, "", ""), f"{type(broken).__name__}: {broken}"


def compose_sms(kind: str, context: dict[str, Any], *, own: bool = True) -> str:
    saved = own_text("sms", kind) if own else None
    text = fill(saved.body, values(context)) if saved else render("sms", f"{kind}.txt", context)
    return " ".join(text.split())


def sender(locality: Any) -> str:
    """`Xã Tứ Kỳ <no-reply@…>`: the locality's name on the deployment's address."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((locality.name, address)) if locality else settings.DEFAULT_FROM_EMAIL
