"""The national root's URLconf plus the failing views of urls_failing (tests only)."""

from portal.tests.urls_failing import failing
from portal.urls_public import *  # noqa: F403 - the handlers too
from portal.urls_public import urlpatterns as base_patterns

urlpatterns = failing + base_patterns
