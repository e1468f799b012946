import pytest

from identity.tests.factories import make_user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def platform_admin(db):
    return make_user(full_name="Quản Trị Nền Tảng", is_staff=True)


@pytest.fixture
def appoint(platform_admin):
    """`appoint(user, locality, role)`: give a role through the real service."""
    from staff.services import staff_appoint

    def give(user, locality, role):
        staff_appoint(locality=locality, actor=platform_admin, user=user, role=role)
        return user

    return give
