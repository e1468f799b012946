"""Hand one message to its channel: Django's e-mail framework, the SMS backend, or the national
portal. Each raises DeliveryFailed with a reason staff can read; nothing here writes a row."""

from __future__ import annotations

import hashlib
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from . import national
from .choices import Channel
from .errors import DeliveryFailed
from .models import Message
from .sms import sms_backend


def message_id(key: str) -> str:
    """The e-mail's Message-ID, the same at every attempt: a receiver de-duplicates on it.

    >>> message_id("email:received:1f0c:42")
    '<outbox.b904e0897329a56fc514f18d718fb1cd@dichvucong.localhost>'
    """
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"<outbox.{digest}@{settings.BASE_DOMAIN}>"


def _text(answer: bytes | str) -> str:
    return answer.decode(errors="replace") if isinstance(answer, bytes) else str(answer)


def _smtp_reason(error: smtplib.SMTPException) -> DeliveryFailed:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        texts = "; ".join(
            f"{address}: {code} {_text(text)}" for address, (code, text) in error.recipients.items()
        )
        return DeliveryFailed(f"SMTP: {texts}", permanent=all(code >= 500 for code in codes))
    if isinstance(error, smtplib.SMTPResponseException):
        reason = f"SMTP {error.smtp_code}: {_text(error.smtp_error)}"
        return DeliveryFailed(reason, permanent=error.smtp_code >= 500)
    return DeliveryFailed(f"SMTP: {error}")


def send_email(message: Message) -> None:
    email = EmailMultiAlternatives(
        message.subject,
        message.body,
        from_email=message.payload.get("from_email") or None,
        to=[message.recipient],
        headers={"Message-ID": message_id(message.key)},
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    try:
        email.send()
    except smtplib.SMTPException as error:
        raise _smtp_reason(error) from error
    except OSError as error:  # refused connection, timeout
        raise DeliveryFailed(f"SMTP: {error}") from error


def send_sms(message: Message) -> None:
    backend = sms_backend()
    if backend is None:
        raise DeliveryFailed(
            "OUTBOX_SMS_BACKEND is empty: this deployment sends no SMS", permanent=True
        )
    backend.send(phone=message.recipient, text=message.body, key=message.key)


def show_on_portal(message: Message) -> None:
    """Nothing leaves: the row is the notification (a re-send just shows it again)."""


SENDERS: dict[str, Callable[[Message], None]] = {
    Channel.EMAIL: send_email,
    Channel.SMS: send_sms,
    Channel.NATIONAL: national.send_call,
    Channel.PORTAL: show_on_portal,
}


def send(message: Message) -> None:
    SENDERS[message.channel](message)
