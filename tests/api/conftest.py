"""Fixtures of the API tests: the dossier journeys' citizens, officers and offered procedures
(tests/dossiers/conftest.py), and JSON clients on a locality's host."""

from __future__ import annotations

import json

import pytest
from django.core.cache import caches
from django.middleware.csrf import _get_new_csrf_string

from tests.dossiers.conftest import (  # noqa: F401 - fixtures shared with the dossier journeys
    citizen,
    client_for,
    dossier_in,
    dossier_media,
    fast_password_hashing,
    offered,
    officers,
)

ROOT = "dichvucong.localhost"


@pytest.fixture(autouse=True)
def fresh_limits():
    """The lookup's limits are per client address across hosts: start each test clean."""
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


class Api:
    """JSON calls on one client (a session's cookies and CSRF token, or a bearer token)."""

    def __init__(self, client, *, token: str = "", csrf: bool = True):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        self.csrf = csrf

    def _csrf(self) -> dict:
        """The portal's scripts send the csrftoken cookie's value as X-CSRFToken."""
        if not self.csrf or self.headers:
            return {}
        if "csrftoken" not in self.client.cookies:
            self.client.cookies["csrftoken"] = _get_new_csrf_string()
        return {"HTTP_X_CSRFTOKEN": self.client.cookies["csrftoken"].value}

    def get(self, path: str, **extra):
        return self.client.get(path, **self.headers, **extra)

    def send(self, method: str, path: str, body=None, **extra):
        call = getattr(self.client, method)
        return call(
            path,
            data=json.dumps(body if body is not None else {}),
            content_type="application/json",
            **self.headers,
            **self._csrf(),
            **extra,
        )

    def post(self, path: str, body=None, **extra):
        return self.send("post", path, body, **extra)

    def put(self, path: str, body=None, **extra):
        return self.send("put", path, body, **extra)

    def upload(self, path: str, data: dict):
        return self.client.post(path, data=data, **self.headers, **self._csrf())


@pytest.fixture
def api_for(client_for):  # noqa: F811 - the imported fixture, used here
    """`api_for("tu_ky", user)`: JSON calls on Tứ Kỳ's host with the portal's session."""

    def make(locality_name: str, user=None, *, csrf: bool = True) -> Api:
        client = client_for(locality_name, user)
        client.handler.enforce_csrf_checks = True
        return Api(client, csrf=csrf)

    return make
