"""Fixtures for the cross-app identity tests: a real SMTP server and a real OIDC provider, both
on loopback, both started by the test session."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.support import (
    Mailbox,
    free_port,
    loopback_process,
    require_tool,
    unavailable,
)

PROVIDER_DIR = Path(__file__).resolve().parent / "oidc_provider"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def smtp_mailbox(settings):
    """An aiosmtpd server on 127.0.0.1 with Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    yield mailbox
    controller.stop()


OIDC_CLIENT_ID, OIDC_CLIENT_SECRET = "cong-dich-vu-cong", "bi-mat-chi-dung-khi-thu"


@pytest.fixture(scope="session")
def oidc_accounts() -> dict:
    """The people the provider knows, by subject id, with the claims it releases."""
    return {
        "vneid-an": {
            "name": "Nguyễn Văn An",
            "email": "an.oidc@example.com",
            "email_verified": True,
            "id_number": "031090004455",
            "birthdate": "1990-05-09",
        },
        "vneid-binh": {
            "name": "Trần Thị Bình",
            "email": "binh.oidc@example.com",
            "email_verified": True,
        },
        "vneid-moi": {
            "name": "Lê Văn Mới",
            "email": "moi.oidc@example.com",
            "email_verified": True,
            "id_number": "052095001357",
            "birthdate": "1995-02-03",
        },
        "vneid-chua": {"name": "Người Chưa Xác Minh", "email": "chua.oidc@example.com"},
    }


@pytest.fixture(scope="session")
def oidc_provider(oidc_accounts):
    """panva/oidc-provider (npm) in a node subprocess on loopback; yields its issuer URL."""
    node = require_tool("node", package="nodejs")
    major = int(
        subprocess.run([node, "--version"], capture_output=True, text=True).stdout[1:].split(".")[0]
    )
    if major < 20:
        unavailable(f"oidc-provider 9 needs Node.js 20 or later, this machine has {major}")
    node_modules = PROVIDER_DIR / "node_modules" / "oidc-provider"
    if not node_modules.exists():
        subprocess.run([str(PROVIDER_DIR / "install.sh")], check=True)
    port = free_port()
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_CLIENT_ID": OIDC_CLIENT_ID,
        "OIDC_CLIENT_SECRET": OIDC_CLIENT_SECRET,
        "OIDC_REDIRECT_URIS": "http://dichvucong.localhost/tai-khoan/oidc/callback/",
        "OIDC_ACCOUNTS": json.dumps(oidc_accounts),
    }
    with loopback_process(
        [node, "server.mjs"], port=port, what="the OIDC provider", cwd=PROVIDER_DIR, env=env
    ):
        yield f"http://127.0.0.1:{port}"


@pytest.fixture
def oidc_settings(settings, oidc_provider):
    """The portal configured for the local provider, as an operator would with environment
    variables (OIDC_ENABLED=1, endpoints from the provider's discovery document)."""
    import requests

    discovery = requests.get(f"{oidc_provider}/.well-known/openid-configuration", timeout=5).json()
    settings.OIDC_ENABLED = True
    settings.OIDC_PROVIDER_NAME = "VNeID (thử)"
    settings.OIDC_RP_CLIENT_ID = OIDC_CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = OIDC_CLIENT_SECRET
    settings.OIDC_OP_ISSUER = discovery["issuer"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "identity.oidc.NationalIdentityBackend",
    ]
    return settings


@pytest.fixture(scope="package")
def chromium(browser):
    """The session's Chromium (tests/conftest.py): one Playwright instance per session."""
    return browser
