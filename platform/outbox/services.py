"""Writing messages into the outbox and delivering them: the only ways a message changes state.

The rule that makes a message leave exactly once whatever crashes:

1. `message_enqueue` writes the row in the caller's transaction and asks for delivery only once
   that transaction commits (a rolled-back dossier change sends nothing).
2. `message_deliver` claims the row (`SELECT … FOR UPDATE SKIP LOCKED`, state → `sending` with a
   lease), sends outside any transaction, then records `sent` or the failure with its reason.
   Two workers, a task delivered twice, or the sweeper racing a worker: only one claim wins,
   and a `sent` row is never sent again.
3. A failure waits `retry.retry_delay` and is tried again, up to `OUTBOX_MAX_ATTEMPTS`; a
   permanent refusal (5xx from SMTP, 4xx from a gateway) stops at once. Either is visible to
   staff, who can re-send (`message_resend`).
4. `due_messages` is what the sweeper re-sends: queued or failed rows whose time has come, and
   `sending` rows whose lease ran out (their worker died mid-send).

The one window left: a worker killed after the receiver accepted a message but before `sent` was
written. That message is sent again with the same key (e-mail Message-ID, SMS request id,
national call header), on which the receiver can de-duplicate.

    message = message_enqueue(channel=Channel.EMAIL, kind="received", recipient="an@example.com",
                              subject="…", body="…", key="email:received:…", dossier=dossier)
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .choices import Channel, MessageState
from .models import Message
from .tasks import deliver


def message_enqueue(
    *,
    channel: str,
    kind: str,
    recipient: str,
    key: str,
    subject: str = "",
    body: str = "",
    html_body: str = "",
    payload: dict[str, Any] | None = None,
    dossier: Any = None,
    error: str = "",
) -> Message:
    """Write a message in the current transaction; it is sent once the transaction commits.

    A second call with the same `key` returns the existing message and sends nothing more.
    `error`: the message could not even be composed (a broken template): kept as given up, with
    the reason, for staff to see.
    """
    now = timezone.now()
    # An in-portal notification is delivered by being written: nothing leaves, no task.
    shown = channel == Channel.PORTAL and not error
    message, created = Message.objects.get_or_create(
        key=key,
        defaults={
            "channel": channel,
            "kind": kind,
            "recipient": recipient,
            "subject": subject[:255],
            "body": body,
            "html_body": html_body,
            "payload": payload or {},
            "dossier": dossier,
            "created_at": now,
            "next_attempt_at": now,
            "state": MessageState.GIVEN_UP
            if error
            else (MessageState.SENT if shown else MessageState.QUEUED),
            "last_error": error,
            "sent_at": now if shown else None,
            "attempts": 1 if shown else 0,
        },
    )
    if created and not error and not shown:
        _deliver_after_commit(message)
    return message


def _deliver_after_commit(message: Message) -> None:
    pk = message.pk
    # The schema the row was written in, whatever schema the connection is in when the commit
    # runs the callback (a job that leaves its tenant_context before its transaction ends).
    schema = {"_schema_name": connection.schema_name}  # type: ignore[attr-defined]  # django-tenants
    # robust: a broker that is down must not turn a committed dossier change into an error page;
    # the sweeper finds the queued row later.
    transaction.on_commit(lambda: deliver.apply_async(args=(pk,), headers=schema), robust=True)


def resend_check(message: Message) -> bool:
    """Whether staff may send this message again: only one that failed."""
    return message.state in (MessageState.FAILED, MessageState.GIVEN_UP)


@transaction.atomic
def message_resend(*, message: Message) -> Message:
    """Staff ask for a failed message to be sent again now (the attempts keep counting)."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    if not resend_check(message):
        return message
    message.state = MessageState.QUEUED
    message.next_attempt_at = timezone.now()
    message.save(update_fields=["state", "next_attempt_at"])
    _deliver_after_commit(message)
    return message


def notifications_mark_read(*, user: Any) -> int:
    """The citizen has read their in-portal notifications in this locality; returns how many."""
    return Message.objects.filter(
        channel=Channel.PORTAL, recipient=str(user.pk), read_at__isnull=True
    ).update(read_at=timezone.now())
