"""No input a visitor can type into an address gives a 5xx: every URL pattern of both URLconfs
(the national root's and a locality's, enumerated from Django's resolver, Wagtail's admin
included), with a NUL, an over-long, a non-UUID and a non-ASCII value in each path parameter, as
the value of every query parameter the code reads, and in posted form fields; logged out and as an
officer of the locality (also the applicant of a dossier there, so the dossier pages run deep)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.client import MULTIPART_CONTENT
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]

URLENCODED = "application/x-www-form-urlencoded"

BAD_VALUES = {
    "NUL": "2.000635\x00",
    "over-long": "9" * 1000,
    "non-UUID": "khong-phai-uuid",
    "non-ASCII": "Hồ sơ đất đai ở Tứ Kỳ",
}

#: Query parameters Django's and Wagtail's admin views read, besides those our code reads.
FRAMEWORK_QUERY_KEYS = {"p", "page", "ordering", "q", "next", "parent_page_id", "locale"}


def query_keys_our_code_reads() -> set[str]:
    """Every `request.GET.get("x")`, `request.GET["x"]`, `request.POST.get("x")` in the portal."""
    found: set[str] = set()
    pattern = re.compile(r"""(?:GET|POST|source)(?:\.get|\.getlist)?[\(\[]\s*["']([\w.-]+)["']""")
    for folder in ("platform", "tenants", "cms", "procedure_plugins", "workflows"):
        for path in (ROOT / folder).rglob("*.py"):
            if "tests" not in path.parts:
                found.update(pattern.findall(path.read_text()))
    return found


# -- URL patterns, from the resolver ---------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern: its parts (route strings or regexes) and the name of its view."""

    parts: tuple[RoutePattern | RegexPattern, ...]
    name: str

    @property
    def parameters(self) -> list[str]:
        names: list[str] = []
        for position, part in enumerate(self.parts):
            if isinstance(part, RoutePattern):
                names += list(part.converters)
            else:
                regex = part.regex
                named = {index: name for name, index in regex.groupindex.items()}
                names += [named.get(i, f"_{position}_{i}") for i in range(1, regex.groups + 1)]
        return names

    def path(self, defaults: dict[str, str], values: dict[str, str] | None = None) -> str:
        """The path with `values` (percent-encoded) for some parameters, `defaults` (by converter)
        for the others."""
        return "/" + "".join(
            _fill(part, position, values or {}, defaults) for position, part in enumerate(self)
        )

    def __iter__(self) -> Iterator[RoutePattern | RegexPattern]:
        return iter(self.parts)


def routes(urlconf: str) -> list[Route]:
    def walk(resolver: URLResolver, parts: tuple) -> Iterator[Route]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, (*parts, entry.pattern))
            elif isinstance(entry, URLPattern):
                yield Route((*parts, entry.pattern), entry.lookup_str)

    return list(walk(get_resolver(urlconf), ()))


ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _default(converter_or_regex: str, defaults: dict[str, str]) -> str:
    if converter_or_regex in defaults:
        return defaults[converter_or_regex]
    if "\\d" in converter_or_regex or converter_or_regex == "int":
        return "1"
    if converter_or_regex.endswith("*"):  # a repeated group may be empty: Wagtail's home page
        return ""
    return "a"


def _fill(part: RoutePattern | RegexPattern, position: int, values: dict, defaults: dict) -> str:
    if isinstance(part, RoutePattern):

        def parameter(match: re.Match) -> str:
            name = match.group("name")
            return values.get(name) or _default(match.group("converter") or "str", defaults)

        return ROUTE_PARAMETER.sub(parameter, str(part._route))
    return _fill_regex(part.regex.pattern, position, values, defaults)


def _fill_regex(pattern: str, position: int, values: dict, defaults: dict) -> str:
    """A path the regex matches, each group replaced by its value (or a default)."""
    out, index, group, depth = [], 0, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and depth == 0:
            out.append(pattern[index + 1])
            index += 2
            continue
        if char == "(" and depth == 0:
            end, depth = index, 0
            while True:
                if pattern[end] == "\\":
                    end += 2
                    continue
                depth += pattern[end] == "("
                depth -= pattern[end] == ")"
                if depth == 0:
                    break
                end += 1
            group += 1
            body = pattern[index + 1 : end]
            named = re.match(r"\?P<(\w+)>", body)
            name = named.group(1) if named else f"_{position}_{group}"
            out.append(values.get(name) or _default(body, defaults))
            index = end + 1
            continue
        if char in "^$":
            index += 1
            continue
        if pattern.startswith(".*", index):
            out.append("a")
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


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
