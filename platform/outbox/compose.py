"""Turning an event into the text of a message, from templates per event and channel.

Templates live in `outbox/templates/outbox/<channel>/<kind>.txt` (the e-mail's subject in
`<kind>_subject.txt`); a locality overrides one by providing
`outbox/<schema_name>/<channel>/<kind>.txt` (looked up first). The sender shown is the locality.

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


def compose_email(kind: str, context: dict[str, Any]) -> Composed:
    """Subject, plain text and HTML of the e-mail for `kind` (raises if its template is broken)."""
    subject = " ".join(render("email", f"{kind}_subject.txt", context).split())
    body = render("email", f"{kind}.txt", context)
    html = render_to_string("outbox/email/layout.html", {**context, "body": body})
    return Composed(subject, body, html)


def compose_email_or_reason(kind: str, context: dict[str, Any]) -> tuple[Composed, str]:
    """The e-mail for `kind`, or the reason it could not be composed: a broken template is
    recorded on the message for staff to see (`message_enqueue(error=…)`), never a crash."""
    try:
        return compose_email(kind, context), ""
    except Exception as broken:
        logger.exception("e-mail template of %s is broken", kind)
        return Composed(kind, "", ""), f"{type(broken).__name__}: {broken}"


def compose_sms(kind: str, context: dict[str, Any]) -> str:
    return " ".join(render("sms", f"{kind}.txt", context).split())


def sender(locality: Any) -> str:
    """`Xã Tứ Kỳ <no-reply@…>`: the locality's name on the deployment's address."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((locality.name, address)) if locality else settings.DEFAULT_FROM_EMAIL
