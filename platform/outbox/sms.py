"""SMS backends: a small interface, a console backend for development, and a generic HTTP
gateway backend configured from settings.

    OUTBOX_SMS_BACKEND = "outbox.sms.HttpGatewayBackend"   # "" sends no SMS at all
    OUTBOX_SMS_GATEWAY = {
        "url": "https://sms.example.vn/api/send",
        "key": "…",                      # sent as `Authorization: Bearer <key>`
        "params": {"phone": "to", "text": "content", "key": "request_id"},  # our name → theirs
        "timeout": 10,
    }

The gateway gets a JSON POST; 2xx is accepted, 4xx refused for good (a phone number it does
not take), anything else is retried later. `key` is the outbox message's key: a gateway that
de-duplicates on a request id never sends the same SMS twice.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from .errors import DeliveryFailed

logger = logging.getLogger(__name__)


class SmsBackend(Protocol):
    def send(self, *, phone: str, text: str, key: str) -> None:
        """Hand the SMS over, or raise DeliveryFailed with the reason."""


class ConsoleBackend:
    """Development: the SMS is written to the log instead of leaving."""

    def send(self, *, phone: str, text: str, key: str) -> None:
        logger.warning("SMS to %s [%s]: %s", phone, key, text)


def post_json(
    url: str, body: dict, *, headers: dict[str, str], timeout: float
) -> tuple[int, bytes]:
    """POST `body` as JSON; (status, answer). Network failures are DeliveryFailed (retried)."""
    request = urllib.request.Request(  # noqa: S310 - the URL comes from the operator's settings
        url,
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError as error:
        raise DeliveryFailed(f"{url}: {error}") from error


class HttpGatewayBackend:
    """A generic HTTP SMS gateway (`OUTBOX_SMS_GATEWAY`)."""

    def __init__(self, config: dict | None = None) -> None:
        self.config = config if config is not None else settings.OUTBOX_SMS_GATEWAY

    def send(self, *, phone: str, text: str, key: str) -> None:
        names = {"phone": "phone", "text": "text", "key": "key", **self.config.get("params", {})}
        body = {names["phone"]: phone, names["text"]: text, names["key"]: key}
        headers = (
            {"Authorization": f"Bearer {self.config['key']}"} if self.config.get("key") else {}
        )
        status, answer = post_json(
            self.config["url"], body, headers=headers, timeout=self.config.get("timeout", 10)
        )
        if 200 <= status < 300:
            return
        reason = f"HTTP {status}: {answer[:300].decode(errors='replace')}"
        raise DeliveryFailed(reason, permanent=400 <= status < 500)


def sms_backend() -> SmsBackend | None:
    """The configured backend, or None when the deployment sends no SMS."""
    path = settings.OUTBOX_SMS_BACKEND
    return import_string(path)() if path else None
