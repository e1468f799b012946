"""The national public-service portal's side of the wire: one POST per call, its answer judged.

Off by default: with `OUTBOX_NATIONAL["url"]` empty nothing is written for it (national_sync.py).

    OUTBOX_NATIONAL = {
        "url": "https://…/api",            # the service paths below are appended
        "token": "…",                       # sent as `Authorization: Bearer <token>`
        "sync_path": "DongBoHoSoMC",        # "sync the dossier" (whole record, create or update)
        "progress_path": "CapNhatTienDoHoSoMC",  # "update progress" (one processing step)
        "timeout": 15,
    }

The answer is JSON with `error_code`; "00" is success (BACKOFFICE.md). Any other code is the
portal refusing the content: recorded with its message, not retried (staff fix and re-send).
HTTP 5xx and network failures are retried. Every call carries `X-Idempotency-Key` (the outbox
message's key), so a call repeated after a crash can be recognised.
"""

from __future__ import annotations

import json

from django.conf import settings

from .choices import Channel, MessageState
from .errors import DeliveryFailed
from .models import Message
from .sms import post_json

SUCCESS = "00"


def enabled() -> bool:
    return bool(settings.OUTBOX_NATIONAL.get("url"))


def superseded(message: Message) -> bool:
    """Whether this "sync the dossier" was overtaken by a newer one of the same dossier that has
    already left (a retried or swept older sync must not overwrite the newer status)."""
    if message.channel != Channel.NATIONAL or message.payload.get("service") != "sync":
        return False
    return Message.objects.filter(
        dossier_id=message.dossier_id,
        kind=message.kind,
        state=MessageState.SENT,
        pk__gt=message.pk,
    ).exists()


def send_call(message: Message) -> None:
    config = settings.OUTBOX_NATIONAL
    if not config.get("url"):
        raise DeliveryFailed("OUTBOX_NATIONAL_URL is empty: national sync is off", permanent=True)
    path = config[message.payload["service"] + "_path"]
    headers = {"X-Idempotency-Key": message.key}
    if config.get("token"):
        headers["Authorization"] = f"Bearer {config['token']}"
    status, answer = post_json(
        f"{config['url'].rstrip('/')}/{path}",
        message.payload["data"],
        headers=headers,
        timeout=config.get("timeout", 15),
    )
    text = answer[:300].decode(errors="replace")
    if status >= 500 or status in (408, 429):
        raise DeliveryFailed(f"HTTP {status}: {text}")
    try:
        code = str(json.loads(answer or b"{}").get("error_code", ""))
    except (ValueError, AttributeError):
        code = ""
    if status != 200 or code != SUCCESS:
        raise DeliveryFailed(f"HTTP {status}, error_code {code or '—'}: {text}", permanent=True)
