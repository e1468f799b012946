"""No input a visitor can type into an address gives a 5xx: every URL pattern of both URLconfs
(the national root's and a locality's, enumerated from Django's resolver, Wagtail's admin
included), with a NUL, an over-long, a non-UUID and a non-ASCII value in each path parameter, as
the value of every query parameter the code reads, and in posted form fields; logged out and as an
officer of the locality (also the applicant of a dossier there, so the dossier pages run deep)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.client import MULTIPART_CONTENT
from django.urls import resolve

from tests.urlwalk import (
    FRAMEWORK_QUERY_KEYS,
    URLENCODED,
    Route,
    query_keys_our_code_reads,
    routes,
)

pytestmark = pytest.mark.slow

BAD_VALUES = {
    "NUL": "2.000635\x00",
    "over-long": "9" * 1000,
    "non-UUID": "khong-phai-uuid",
    "non-ASCII": "Hồ sơ đất đai ở Tứ Kỳ",
}


# -- the walk ------------------------------------------------------------------------------------


@pytest.fixture
def officer_with_a_dossier(demo_localities, db):
    """An officer of Tứ Kỳ holding every desk role, who is also the applicant of a dossier there."""
    from identity.tests.factories import make_user
    from staff.roles import Role, role_group
    from workflows.tests.factories import make_dossier

    connection.set_tenant(demo_localities["tu_ky"])
    try:
        officer = make_user(full_name="Trần Thị Bình")
        for role in (
            Role.RECEIVING_OFFICER,
            Role.SPECIALIST,
            Role.LEADER,
            Role.RETURNING_OFFICER,
        ):
            officer.groups.add(role_group(role))
        dossier = make_dossier(applicant=officer)
    finally:
        connection.set_schema_to_public()
    return officer, dossier


def requests_for(route: Route, defaults: dict[str, str], query_keys: list[str]):
    """(method, path, form data, its content type, what is being tried) for one route.

    Form fields are posted both ways a browser sends them: urlencoded and multipart."""
    base = route.path(defaults)
    for parameter in route.parameters:
        for kind, value in BAD_VALUES.items():
            path = route.path(defaults, {parameter: quote(value, safe="")})
            yield "get", path, None, None, f"{kind} in <{parameter}>"
    for kind, value in BAD_VALUES.items():
        query = urlencode({key: value for key in query_keys})
        yield "get", f"{base}?{query}", None, None, f"{kind} in the query"
    fields = {key: BAD_VALUES["NUL"] for key in query_keys}
    yield "post", base, urlencode(fields), URLENCODED, "NUL in urlencoded form fields"
    yield "post", base, fields, MULTIPART_CONTENT, "NUL in multipart form fields"


def test_no_url_answers_5xx_to_bad_input(settings, demo_localities, officer_with_a_dossier, capsys):
    officer, dossier = officer_with_a_dossier
    defaults = {"uuid": str(dossier.reference), "str": "2.000635", "slug": "receive"}
    query_keys = sorted(query_keys_our_code_reads() | FRAMEWORK_QUERY_KEYS)
    urlconfs = {
        "national": (settings.PUBLIC_SCHEMA_URLCONF, demo_localities["national"]),
        "tu_ky": (settings.ROOT_URLCONF, demo_localities["tu_ky"]),
    }
    made, failures = 0, []
    for urlconf, locality in urlconfs.values():
        host = locality.get_primary_domain().domain
        all_routes = routes(urlconf)
        for route in all_routes:  # the walk covers the patterns it claims to
            assert resolve(route.path(defaults), urlconf=urlconf), route
        for user in (None, officer):
            client = Client(HTTP_HOST=host, raise_request_exception=False)
            for route in all_routes:
                if user is not None:  # again for each route: posting to the logout URL logs out
                    client.force_login(user)
                for method, path, data, content_type, tried in requests_for(
                    route, defaults, query_keys
                ):
                    if method == "get":
                        response = client.get(path)
                    else:
                        response = client.post(path, data, content_type=content_type)
                    made += 1
                    if response.status_code >= 500:
                        failures.append(
                            f"{response.status_code} {method.upper()} {host}{path[:120]} "
                            f"({tried}, {'officer' if user else 'logged out'}, {route.name})"
                        )
    with capsys.disabled():
        print(f"\n{made} requests to {sum(len(routes(u)) for u, _ in urlconfs.values())} patterns")
    assert not failures, "\n".join(failures)
