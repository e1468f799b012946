"""Walking the URL configuration: every URL pattern of a URLconf (enumerated from Django's
resolver, Wagtail's admin and the API's operations included) as a `Route` that can build a path
with chosen values for its parameters. Shared by the walk with bad input (test_every_url.py) and
the isolation matrix (test_isolation_matrix.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

ROOT = Path(__file__).resolve().parents[1]

URLENCODED = "application/x-www-form-urlencoded"


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
    """One URL pattern: its parts (route strings or regexes), the name of its view and its URL
    name with its namespaces (`api_v1:dossier_detail`; the view's name when it has none)."""

    parts: tuple[RoutePattern | RegexPattern, ...]
    name: str
    url_name: str = ""

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
    def walk(resolver: URLResolver, parts: tuple, namespace: str) -> Iterator[Route]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry, (*parts, entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}{entry.name}" if entry.name else entry.lookup_str
                yield Route((*parts, entry.pattern), entry.lookup_str, name)

    return list(walk(get_resolver(urlconf), (), ""))


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
