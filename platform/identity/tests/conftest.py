import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's 1M rounds cost ~0.3 s per hash; what these tests check does not depend on it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tu_ky_client(host_client, demo_localities):
    return host_client(demo_localities["tu_ky"])


@pytest.fixture
def chu_puh_client(host_client, demo_localities):
    return host_client(demo_localities["chu_puh"])
