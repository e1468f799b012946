"""Delivering one message: claim it, hand it to its channel, record what happened.

Called by the `outbox.deliver` task (outbox/tasks.py), which schedules the retry this returns.
The rules (one claim wins, a sent row is never sent again, failures back off up to a cap) are
described in outbox/services.py.
"""

from __future__ import annotations

import datetime
import logging
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import channels, national, retry
from .choices import MessageState
from .errors import DeliveryFailed
from .models import Message

logger = logging.getLogger(__name__)


class Outcome(NamedTuple):
    state: str
    #: Seconds until the next attempt, when one is due.
    retry_in: int | None


def _claim(message_id: int, *, lease: datetime.timedelta) -> Message | None:
    now = timezone.now()
    with transaction.atomic():
        message = Message.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        if message is None:  # gone, or another worker holds the row right now
            return None
        if message.state in (MessageState.SENT, MessageState.GIVEN_UP, MessageState.SUPERSEDED):
            return None
        if (
            message.state == MessageState.SENDING
            and message.lease_until
            and message.lease_until > now
        ):
            return None
        if message.state == MessageState.FAILED and message.next_attempt_at > now:
            return None
        message.state = MessageState.SENDING
        message.attempts += 1
        message.lease_until = now + lease
        message.save(update_fields=["state", "attempts", "lease_until"])
    return message


def _record_failure(message: Message, failure: DeliveryFailed) -> Outcome:
    now = timezone.now()
    last = failure.permanent or retry.gives_up(
        attempt=message.attempts, max_attempts=settings.OUTBOX_MAX_ATTEMPTS
    )
    delay = retry.retry_delay(
        attempt=message.attempts,
        base=settings.OUTBOX_RETRY_BASE_SECONDS,
        cap=settings.OUTBOX_RETRY_CAP_SECONDS,
    )
    Message.objects.filter(pk=message.pk, state=MessageState.SENDING).update(
        state=MessageState.GIVEN_UP if last else MessageState.FAILED,
        last_error=failure.reason[:2000],
        next_attempt_at=now + datetime.timedelta(seconds=delay),
        lease_until=None,
    )
    logger.warning(
        "outbox message %s (%s) failed at attempt %s: %s",
        message.pk,
        message.kind,
        message.attempts,
        failure.reason,
    )
    return Outcome(MessageState.GIVEN_UP if last else MessageState.FAILED, None if last else delay)


def message_deliver(*, message_id: int) -> Outcome:
    """Send one message if it is due and nobody else is sending it; returns the state reached
    ("skipped" when there was nothing to do) and, after a failure, the seconds until the retry."""
    message = _claim(message_id, lease=datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS))
    if message is None:
        return Outcome("skipped", None)
    if national.superseded(message):
        Message.objects.filter(pk=message.pk, state=MessageState.SENDING).update(
            state=MessageState.SUPERSEDED, lease_until=None
        )
        return Outcome(MessageState.SUPERSEDED, None)
    try:
        channels.send(message)
    except DeliveryFailed as failure:
        return _record_failure(message, failure)
    except Exception as error:  # a bug in one channel must not stop the other messages
        logger.exception("outbox message %s crashed its channel", message.pk)
        return _record_failure(message, DeliveryFailed(f"{type(error).__name__}: {error}"))
    Message.objects.filter(pk=message.pk, state=MessageState.SENDING).update(
        state=MessageState.SENT, sent_at=timezone.now(), lease_until=None
    )
    return Outcome(MessageState.SENT, None)
