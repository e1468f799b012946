"""Fixtures for the end-to-end dossier journeys: citizens, officers, offered procedures, the
legal clock frozen across the request cycle, a real SMTP server, and cleanup of dossier files."""

from __future__ import annotations

import email
import email.policy
import socket

import pytest

from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    EXTRACT_COPY,
    HOUSEHOLD_BUSINESS,
    as_if_committed,
    temporary_media_root,
)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def dossier_media(settings, demo_localities):
    """Files written by the test (attachments, slips, results) go to a temporary MEDIA_ROOT."""
    with temporary_media_root(settings) as path:
        yield path


@pytest.fixture
def offered(db, demo_localities):
    """The built-in procedures used here, offered on Tứ Kỳ and Chư Pưh (rolled back after)."""
    from procedure_plugins.services import offering_enable

    for name in ("tu_ky", "chu_puh"):
        for code in (BIRTH_REGISTRATION, EXTRACT_COPY, HOUSEHOLD_BUSINESS):
            offering_enable(locality=demo_localities[name], code=code)


@pytest.fixture
def citizen(db):
    from identity.tests.factories import make_user

    return make_user(
        full_name="Nguyễn Văn An",
        email="an.nguyen@example.com",
        address="Thôn Đông, xã Tứ Kỳ, thành phố Hải Phòng",
    )


@pytest.fixture
def officers(db, demo_localities):
    """One officer per role in Tứ Kỳ: receiving, specialist, leader, returning."""
    from django.db import connection

    from identity.tests.factories import make_user
    from staff.roles import Role, role_group

    people = {}
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        for role, name in (
            (Role.RECEIVING_OFFICER, "Trần Thị Bình"),
            (Role.SPECIALIST, "Phạm Thị Dung"),
            (Role.LEADER, "Lê Văn Cường"),
            (Role.RETURNING_OFFICER, "Vũ Thị Lan"),
        ):
            user = make_user(full_name=name)
            user.groups.add(role_group(role))
            people[str(role)] = user
    finally:
        connection.set_schema_to_public()
    return people


@pytest.fixture
def client_for(db, demo_localities):
    """A client on a locality's host, logged in as `user`: `client_for("tu_ky", user)`. What a
    request leaves for after its commit (slip renders, e-mails) runs when the request ends, as in
    production (the test's transaction never commits)."""
    from django.test import Client

    class CommittingClient(Client):
        def request(self, **request):
            with as_if_committed(self.locality):
                return super().request(**request)

    def make(locality_name: str, user=None):
        locality = demo_localities[locality_name]
        client = CommittingClient(HTTP_HOST=locality.get_primary_domain().domain)
        client.locality = locality
        if user is not None:
            client.force_login(user)
        return client

    return make


class Mailbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_mailbox(settings):
    """aiosmtpd on 127.0.0.1 with Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    yield mailbox
    controller.stop()


@pytest.fixture
def dossier_in(demo_localities):
    """`dossier_in("tu_ky", applicant=…, state=…)`: workflows.tests.factories.make_dossier in
    that locality's schema, the connection back on the public schema afterwards."""
    from django.db import connection

    from workflows.tests.factories import make_dossier

    def make(locality_name: str, **fields):
        connection.set_tenant(demo_localities[locality_name])
        try:
            return make_dossier(**fields)
        finally:
            connection.set_schema_to_public()

    return make
