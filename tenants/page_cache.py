"""Anonymous pages from a cache shared by every worker, one namespace per locality.

A page a view marks with `mark_cacheable(response)` (the CMS's pages, the catalogue and the
procedure page) is stored after it is rendered for a visitor who sent **no session and no
messages cookie**, and served to the next such visitor of the same host, path, language and
locality without running the view. What can never be shared is never stored:

- a visitor with a session cookie (every logged-in citizen or officer, and anyone with a session)
  is never served nor stored: the page would carry their name or their menu;
- a response that set a cookie, touched the session, queued a message, is not a 200, says
  `Cache-Control: private/no-store`, or answers a query string is not stored;
- the CSRF token of a form on the page is cut out of the stored copy and each visitor gets their
  own (`get_token`), with the CSRF cookie as for a page rendered for them;
- a part of the page that must be live (`hole(name, html)`: the footer's visit counters) is cut
  out too and rendered again for each visitor by the function registered with
  `fill_holes_with(name, render)`.

Keys carry the schema, the host, the language and the path; each stored page carries the two
generations it was rendered under, and is used only while they are current: the locality's
(bumped by `changed(schema)`: a page published, unpublished, moved or deleted, a setting or the
catalogue changed) and the country's (bumped by `changed_everywhere()`: a locality or a host
changed). A generation that is missing (evicted) is replaced by a new one, so an old copy is
never found again. `PAGE_CACHE_SECONDS` bounds what the generations do not see (the "most used"
procedures, the visit counters in the footer); 0 turns the cache off.

The same country generation keeps each worker's host → locality map honest
(`locality_for_host`): a host is looked up in the database once per worker, then again only
after a locality or a host changed anywhere.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import re
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

#: Sent when a page is served from the cache: sender is the tag given to `mark_cacheable`
#: (the CMS counts the visit, as its `before_serve_page` hook does for a rendered page).
page_served_from_cache = Signal()

COUNTRY = "country"
CSRF_HOLE = "\x00csrf\x00"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
HOLE = re.compile(r"<!--hole:([a-z-]+)-->.*?<!--/hole-->", re.DOTALL)
STORED_HEADERS = ("Content-Type", "Content-Language", "X-Frame-Options")
HOSTS_KEPT = 10_000

#: Upper bound for what `per_locality` keeps (a change announced bumps the generation sooner).
LOCALITY_DATA_SECONDS = 24 * 60 * 60
_MISSING = object()
_hole_fillers: dict[str, Callable[[HttpRequest], str]] = {}
_hosts: dict[str, tuple[str, object]] = {}
#: scope → (until when, generation) as this worker last read it (`generations`).
_memo: dict[str, tuple[float, str]] = {}
#: The pages this worker served last, by key (each with its generations, checked on use).
_pages: OrderedDict[str, dict] = OrderedDict()
PAGES_KEPT = 256


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _generation_key(scope: str) -> str:
    return f"pages:generation:{scope}"


def generations(schema_name: str) -> tuple[str, str]:
    """(country, locality) generations, in at most one round trip; a missing one is created.

    Each worker keeps what it read for `PAGE_CACHE_GENERATION_SECONDS` (1 s): a change made in
    another worker is seen that much later, one made in this worker at once."""
    now = time.monotonic()
    scopes = (COUNTRY, schema_name)
    stale = [scope for scope in scopes if _memo.get(scope, (0.0, ""))[0] <= now]
    if stale:
        found = page_cache().get_many([_generation_key(scope) for scope in stale])
        until = now + settings.PAGE_CACHE_GENERATION_SECONDS
        for scope in stale:
            value = found.get(_generation_key(scope)) or _new_generation(scope)
            _memo[scope] = (until, value)
    return _memo[COUNTRY][1], _memo[schema_name][1]


def country_generation() -> str:
    return generations(settings.PUBLIC_SCHEMA_NAME)[0]


def _new_generation(scope: str) -> str:
    cache = page_cache()
    cache.add(_generation_key(scope), uuid.uuid4().hex[:12], None)
    return cache.get(_generation_key(scope))


def _bump(scope: str) -> None:
    page_cache().set(_generation_key(scope), uuid.uuid4().hex[:12], None)
    _memo.pop(scope, None)


def changed(schema_name: str | None = None) -> None:
    """The pages of `schema_name` (default: the connection's) may have changed: forget them
    once the current transaction commits (at once outside a transaction)."""
    scope = schema_name or connection.schema_name
    transaction.on_commit(lambda: _bump(scope))
    _bump(scope)  # also now: a request meanwhile must not store what is being changed


def changed_everywhere() -> None:
    """A locality or a host changed: every page and every worker's host map is out of date."""
    transaction.on_commit(lambda: _bump(COUNTRY))
    _bump(COUNTRY)
    _hosts.clear()


def per_locality(
    name: str, compute: Callable[[], object], *, schema: str | None = None, timeout=None
) -> object:
    """`compute()`, kept in the page cache for the locality `schema` (default: the connection's)
    until its pages change (the same generations as the pages) or `timeout` seconds pass.

    For what every page of a locality reads and only a change announced to this module alters:
    the catalogue's offerings, the menu, the Wagtail site of a host, the footer's settings."""
    schema = schema or connection.schema_name
    country, locality = generations(schema)
    key = f"locality:{name}:{schema}:{country}:{locality}"
    cache = page_cache()
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout if timeout is not None else LOCALITY_DATA_SECONDS)
    return value


def locality_for_host(hostname: str, lookup: Callable[[str], object]) -> object:
    """The locality of `hostname` (`lookup(hostname)` when this worker's copy is out of date).

    Each request gets its own copy of the locality object, so nothing a request sets on it is
    seen by the next one."""
    generation = country_generation()
    kept = _hosts.get(hostname)
    if kept is None or kept[0] != generation:
        if len(_hosts) >= HOSTS_KEPT:
            _hosts.clear()
        kept = (generation, lookup(hostname))
        _hosts[hostname] = kept
    return copy.copy(kept[1])


def hole(name: str, html: str) -> str:
    """`html` marked as a part of the page that is rendered for each visitor, cached or not."""
    return f"<!--hole:{name}-->{html}<!--/hole-->"


def fill_holes_with(name: str, render: Callable[[HttpRequest], str]) -> None:
    """Register how the hole `name` of a cached page is rendered (`render(request)`)."""
    _hole_fillers[name] = render


def _fill(request: HttpRequest, match: re.Match) -> str:
    render = _hole_fillers.get(match.group(1))
    return hole(match.group(1), render(request) if render else "")


def mark_cacheable(response: HttpResponse, tag: str = "page") -> HttpResponse:
    """Say that `response`, rendered for an anonymous visitor, may be shared with others."""
    response.anonymous_page_tag = tag  # type: ignore[attr-defined]
    return response


def _eligible(request: HttpRequest) -> bool:
    if not settings.PAGE_CACHE_SECONDS or request.method != "GET":
        return False
    if request.META.get("QUERY_STRING"):
        return False
    if connection.schema_name == settings.PUBLIC_SCHEMA_NAME:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def page_key(request: HttpRequest) -> str:
    """The page's key; the generations it was stored under are kept in the entry itself, so that
    one round trip reads both the locality's generation and the page."""
    where = f"{request.get_host()}|{translation.get_language()}|{request.path}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    return f"pages:{connection.schema_name}:{digest}"


def _lookup(key: str) -> tuple[tuple[str, str], dict | None]:
    """((country, locality) generations now, the stored page if it is of these generations):
    from this worker's own copies first, then from the shared cache."""
    current = generations(connection.schema_name)
    stored = _pages.get(key)
    if stored is None or stored["generations"] != current or stored.get("until", 0) <= time.time():
        stored = page_cache().get(key)
        if stored is None or stored.get("generations") != current:
            return current, None
        _keep(key, stored)
    else:
        with contextlib.suppress(KeyError):  # dropped meanwhile by another thread
            _pages.move_to_end(key)
    return current, stored


def _keep(key: str, stored: dict) -> None:
    _pages[key] = stored
    while len(_pages) > PAGES_KEPT:
        _pages.popitem(last=False)


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if getattr(response, "anonymous_page_tag", None) is None:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get(
        "Cache-Control", ""
    ):
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or not session.is_empty()):
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and list(getattr(messages, "_queued_messages", [])))


def _stored(response: HttpResponse) -> dict:
    content = response.content.decode(response.charset)
    content, holes = CSRF_INPUT.subn(rf"\g<1>{CSRF_HOLE}\g<2>", content)
    content, live = HOLE.subn(lambda match: hole(match.group(1), ""), content)
    return {
        "content": content,
        "csrf": bool(holes),
        "holes": bool(live),
        "headers": {name: response[name] for name in STORED_HEADERS if name in response},
        "tag": response.anonymous_page_tag,  # type: ignore[attr-defined]
    }


def _from_stored(request: HttpRequest, stored: dict) -> HttpResponse:
    # First what rendering the page would have done (count the visit), then its live parts.
    page_served_from_cache.send(sender=stored["tag"], request=request)
    content = stored["content"]
    if stored["holes"]:
        content = HOLE.sub(lambda match: _fill(request, match), content)
    if stored["csrf"]:
        # A token of this visitor's own; get_token also has the CSRF cookie set as usual.
        content = content.replace(CSRF_HOLE, get_token(request))
    response = HttpResponse(content)
    for name, value in stored["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class AnonymousPageCacheMiddleware:
    """After the session, locale and CSRF middleware (their responses still apply to a hit)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _eligible(request):
            return self.get_response(request)
        key = page_key(request)
        current, stored = _lookup(key)
        if stored is not None:
            return _from_stored(request, stored)
        response = self.get_response(request)
        if _storable(request, response):
            entry = {
                **_stored(response),
                "generations": current,
                "until": time.time() + settings.PAGE_CACHE_SECONDS,
            }
            page_cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
            _keep(key, entry)
            response["X-Page-Cache"] = "miss"
        return response
