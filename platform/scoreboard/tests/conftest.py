import pytest
from django.core.cache import cache

# The dossier feature's fixtures, for the tests that go through the desk services.
from workflows.tests.conftest import (  # noqa: F401
    citizen,
    dossier_media,
    fast_passwords,
    offered,
    officers,
)


@pytest.fixture(autouse=True)
def _no_counted_figures_between_tests():
    """The national figures live in the cache (services.py): no test sees another's."""
    cache.clear()
    yield
    cache.clear()
