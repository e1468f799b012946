"""Fixtures shared by the cross-app tests: one headless Chromium while the tests of tests/ run,
and a real portal server whose e-mail goes to a loopback SMTP server.

Chromium is Debian's package (installed by scripts/system-deps.sh), driven by Playwright without
Playwright's own browser download. One Playwright instance at a time: a second one started
while the first runs fails ("Sync API inside the asyncio loop").
"""

from __future__ import annotations

import os

import pytest

from tests.support import Mailbox, free_port, portal_server, require_tool

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


# Package scope, not session: while Playwright's event loop runs in this thread, the forked
# workers of migrate_localities (tenants/tests/test_schema_migrations.py, run after any browser
# test) lose their database connection. Random order leaves tests/ and re-enters it: the browser
# stops when it leaves and starts again when it comes back.
@pytest.fixture(scope="package")
def browser():
    chromium = require_tool(CHROMIUM, package="chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; Django then refuses ORM
    # calls (its async-safety check) although they are made synchronously. Documented escape.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                # Every portal host is a subdomain of the base domain on this machine.
                "--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP localhost 127.0.0.1",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def live_portal_with_mail(django_db_setup):
    """`manage.py runserver` on the session's test database whose e-mail goes to an aiosmtpd
    server on loopback. Yields (url maker, mailbox). Rows the server writes are committed: the
    journey that uses this deletes what it made."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    smtp_port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    mail_settings = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    }
    try:
        with portal_server(mail_settings) as url:
            yield url, mailbox
    finally:
        controller.stop()
