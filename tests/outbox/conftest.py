"""Fixtures of the outbox tests: the dossier fixtures of workflows/tests, real receivers."""

from __future__ import annotations

import pytest

from tests.outbox.stand_ins import http_stand_in, smtp_server
from workflows.tests.conftest import citizen, dossier_media, fast_passwords, offered, officers

__all__ = ["citizen", "dossier_media", "fast_passwords", "offered", "officers"]


@pytest.fixture
def mailbox(settings):
    """A real SMTP server on loopback with Django's SMTP backend pointed at it."""
    with smtp_server() as box:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", box.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        yield box


@pytest.fixture
def sms_gateway(settings):
    """The HTTP SMS gateway backend pointed at a stand-in on loopback."""
    with http_stand_in() as gateway:
        settings.OUTBOX_SMS_BACKEND = "outbox.sms.HttpGatewayBackend"
        settings.OUTBOX_SMS_GATEWAY = {
            "url": gateway.url,
            "key": "khoa-thu",
            "params": {"phone": "to", "text": "content", "key": "request_id"},
            "timeout": 5,
        }
        yield gateway


@pytest.fixture
def national_portal(settings):
    """The national portal sync pointed at a stand-in on loopback that answers error_code 00."""
    with http_stand_in({"error_code": "00", "message": "Thành công"}) as portal:
        settings.OUTBOX_NATIONAL = {
            **settings.OUTBOX_NATIONAL,
            "url": portal.url.removesuffix("/send") + "/dvcqg",
            "token": "ma-truy-cap",
        }
        yield portal
