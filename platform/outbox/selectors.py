"""Reading the outbox: a dossier's messages for staff, and what the sweeper must send again."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from .choices import Channel, MessageState
from .models import Message


def portal_notifications(*, user: Any) -> QuerySet[Message]:
    """The person's in-portal notifications in the current locality, newest first."""
    return Message.objects.filter(channel=Channel.PORTAL, recipient=str(user.pk)).order_by(
        "-created_at", "-pk"
    )


def unread_count(*, user: Any) -> int:
    return portal_notifications(user=user).filter(read_at__isnull=True).count()


def dossier_messages(*, dossier: Any) -> QuerySet[Message]:
    return Message.objects.filter(dossier=dossier).order_by("-created_at", "-pk")


def due_messages(*, now: datetime.datetime | None = None) -> QuerySet[Message]:
    """What the sweeper re-sends in the current locality: queued rows older than the grace period
    (their task was lost), failed rows whose retry time has come, and `sending` rows whose lease
    expired (their worker died)."""
    now = now or timezone.now()
    grace = now - datetime.timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS)
    return Message.objects.filter(
        Q(state=MessageState.QUEUED, next_attempt_at__lte=grace)
        | Q(state=MessageState.FAILED, next_attempt_at__lte=now)
        | Q(state=MessageState.SENDING, lease_until__lte=now)
    ).order_by("next_attempt_at", "pk")
