"""Contract tests: schemathesis generates requests from each OpenAPI document (the locality's
and the national root's) and sends them in-process through Django's WSGI handler, as a
logged-in citizen with the CSRF token; every answer must be documented (status, content type,
body schema) and none may be a 5xx."""

from __future__ import annotations

import time
from collections import Counter

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.urls import locality_api, national_api
from tests.support import VIETNAMESE

from .conftest import ROOT

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

locality_schema = schemathesis.openapi.from_dict(
    locality_api.get_openapi_schema(path_prefix="/api/v1/")
)
national_schema = schemathesis.openapi.from_dict(
    national_api.get_openapi_schema(path_prefix="/api/v1/")
)
#: Generated requests per operation (hostile input at scale, issue 18: the total is printed).
EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


#: Every check but "schema-valid data is accepted": a well-formed request may still break a rule
#: no schema states (a lookup with no criterion, a form the plugin refuses, a rating of an
#: unfinished dossier) and is answered 400 with a problem document, as the pages answer.
def refusals_are_vietnamese(ctx, response, case) -> None:
    """Every 4xx is a problem document whose title and field messages are Vietnamese."""
    if not 400 <= response.status_code < 500:
        return
    problem = response.json()
    assert VIETNAMESE.search(problem["title"]), f"not Vietnamese: {problem['title']!r}"
    for error in problem.get("errors", []):
        assert VIETNAMESE.search(error["message"]), f"not Vietnamese: {error!r}"


CHECKS = {
    "excluded_checks": [positive_data_acceptance],
    "additional_checks": [refusals_are_vietnamese],
}


cases: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _count_the_cases(request):
    started = time.monotonic()
    yield
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(
            f"\nAPI contract: {sum(cases.values())} generated requests "
            f"in {time.monotonic() - started:.0f} s"
        )


class InTestTransaction:
    """Django's WSGI handler, without closing the test's connection between requests (what
    Django's own test client does)."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()

    def __call__(self, environ, start_response):
        environ.setdefault("REMOTE_ADDR", "127.0.0.1")  # every WSGI server sets it
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return self.handler(environ, start_response)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


@pytest.fixture
def logged_in(demo_localities, citizen) -> dict:
    """The session cookie of a logged-in citizen and a CSRF token, as the portal's scripts
    send them."""
    client = Client()
    client.force_login(citizen)
    token = _get_new_csrf_string()
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token},
        "headers": {"X-CSRFToken": token},
    }


@locality_schema.parametrize()
@EXAMPLES
def test_the_locality_api_keeps_its_contract(case, offered, logged_in, demo_localities):
    host = demo_localities["tu_ky"].get_primary_domain().domain
    cases[f"locality {case.method} {case.path}"] += 1
    case.call_and_validate(
        base_url=f"http://{host}", app=InTestTransaction(), **logged_in, **CHECKS
    )


@national_schema.parametrize()
@EXAMPLES
def test_the_national_api_keeps_its_contract(case, offered, demo_localities):
    cases[f"national {case.method} {case.path}"] += 1
    case.call_and_validate(base_url=f"http://{ROOT}", app=InTestTransaction(), **CHECKS)
