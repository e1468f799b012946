"""Fixtures for the dossier feature's own tests (service level; HTTP journeys are in
tests/dossiers). Nothing here is autouse: the calendar and numbering tests need none of it."""

from __future__ import annotations

import pytest

from .helpers import (
    BIRTH_REGISTRATION,
    EXTRACT_COPY,
    HOUSEHOLD_BUSINESS,
    temporary_media_root,
)

LAND_CHANGE = "1.004227"


@pytest.fixture
def dossier_media(settings, demo_localities):
    """Files written by the test (attachments, slips, results) go to a temporary MEDIA_ROOT."""
    with temporary_media_root(settings) as path:
        yield path


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def offered(db, demo_localities):
    from procedure_plugins.services import offering_enable

    for name in ("tu_ky", "chu_puh"):
        for code in (BIRTH_REGISTRATION, EXTRACT_COPY, HOUSEHOLD_BUSINESS, LAND_CHANGE):
            offering_enable(locality=demo_localities[name], code=code)


@pytest.fixture
def citizen(db, fast_passwords):
    from identity.tests.factories import make_user

    return make_user(full_name="Nguyễn Văn An", email="an.nguyen@example.com")


@pytest.fixture
def officers(tu_ky, fast_passwords):
    """One officer per role in Tứ Kỳ (the connection is in Tứ Kỳ's schema)."""
    from identity.tests.factories import make_user
    from staff.roles import Role, role_group

    people = {}
    for role, name in (
        (Role.RECEIVING_OFFICER, "Trần Thị Bình"),
        (Role.SPECIALIST, "Phạm Thị Dung"),
        (Role.LEADER, "Lê Văn Cường"),
        (Role.RETURNING_OFFICER, "Vũ Thị Lan"),
    ):
        user = make_user(full_name=name)
        user.groups.add(role_group(role))
        people[str(role)] = user
    return people
