"""The receivers of the outbox's tests, real servers on loopback: an SMTP server (aiosmtpd) that
can refuse for a while, reject an address or answer slowly, and an HTTP server standing in for
an SMS gateway that answers what the test scripts (500 then 200…)."""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support import free_port


class Mailbox:
    """What the SMTP server accepted, parsed; `refuse` next messages with 451, `reject` these
    recipients with 550, wait `delay` seconds before accepting each message."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refuse = 0
        self.reject: set[str] = set()
        self.delay = 0.0
        self.port = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.reject:
            return "550 5.1.1 Recipient address rejected: no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 Mailbox busy, try again later"
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        return [str(message["Message-ID"]) for message in self.messages]


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    mailbox.port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()


class Gateway:
    """Requests the HTTP stand-in received (JSON bodies and headers); `answers` are the statuses
    of the next requests, then 200; `body` is what a 200 carries."""

    def __init__(self, body: bytes) -> None:
        self.requests: list[dict] = []
        self.answers: list[int] = []
        self.url = ""
        self.body = body


@contextmanager
def http_stand_in(answer_body: dict | None = None) -> Iterator[Gateway]:
    gateway = Gateway(json.dumps(answer_body or {"status": "ok"}).encode())

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's hook name
            length = int(self.headers.get("Content-Length", "0"))
            gateway.requests.append(
                {
                    "path": self.path,
                    "headers": dict(self.headers),
                    "json": json.loads(self.rfile.read(length) or b"{}"),
                }
            )
            status = gateway.answers.pop(0) if gateway.answers else 200
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(gateway.body if status == 200 else b'{"error": "stand-in says no"}')

        def log_message(self, *args):
            pass

    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    gateway.url = f"http://127.0.0.1:{port}/send"
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
