"""A real portal server and a real Chromium for journey tests.

The server is `manage.py runserver` in a subprocess on the session's test database (the demo
localities are committed there once per session). Rows a journey creates through the UI are
committed by the server; each journey deletes what it made. The browser is tests/conftest.py's.
"""

from __future__ import annotations

import pytest

from tests.support import portal_server


@pytest.fixture(scope="session")
def live_portal(django_db_setup):
    """Base URL maker for the running portal: `live_portal("tu-ky.hai-phong...")`."""
    with portal_server() as url:
        yield url
