import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _no_counted_figures_between_tests():
    """The national figures live in the cache (services.py): no test sees another's."""
    cache.clear()
    yield
    cache.clear()
