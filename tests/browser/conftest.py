"""A real portal server and a real Chromium for journey tests.

The server is `manage.py runserver` in a subprocess on the session's test database (the demo
localities are committed there once per session). Rows a journey creates through the UI are
committed by the server; each journey deletes what it made. The browser is tests/conftest.py's.
The journeys' screenshots and axe-core report go to var/browser/ (tests/browser/audit.py).
"""

from __future__ import annotations

import pytest

from tests.browser.audit import ARTIFACTS, SCREENSHOTS, Report
from tests.support import portal_server

_REPORT = Report()


@pytest.fixture(scope="session")
def live_portal(django_db_setup):
    """Base URL maker for the running portal: `live_portal("tu-ky.hai-phong...")`."""
    with portal_server() as url:
        yield url


@pytest.fixture(scope="session")
def axe_report():
    """Every page the journeys looked at, with axe-core's findings; written when the session
    ends (and after each journey, so a run stopped half-way still leaves one)."""
    yield _REPORT
    if _REPORT.pages:
        _REPORT.write()


@pytest.fixture
def walks(axe_report):
    """The journeys of one test; their report is written even when the journey fails."""
    yield axe_report
    if axe_report.pages:
        axe_report.write()


def pytest_terminal_summary(terminalreporter):
    if _REPORT.pages:
        terminalreporter.write_line(
            f"browser journeys: {len(_REPORT.pages)} page views; screenshots in {SCREENSHOTS}; "
            f"accessibility report {ARTIFACTS / 'axe-report.md'} (and .json)"
        )
