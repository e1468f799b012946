"""The lookup's two limits, per client address across every host (the cache alias `ratelimit`
has no tenant prefix), shared by the lookup page and the API (workflows/views/lookup.py,
api/lookup.py):

- every search counts against `LOOKUP_RATE_LIMIT` (django-ratelimit); past it, HTTP 429;
- wrong ID numbers typed with one code are counted: after `MAX_WRONG_ID_ATTEMPTS`, numbers are
  no longer checked for that code for an hour (guessing someone's number from a code found on a
  slip would otherwise be a matter of patience).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

MAX_WRONG_ID_ATTEMPTS = 5
WRONG_ID_WINDOW = 3600


def _attempts_key(request: HttpRequest, code: str) -> str:
    # The same client address as the rate limit reads (RATELIMIT_IP_META_KEY behind a proxy).
    client = request.META.get(settings.RATELIMIT_IP_META_KEY, "")
    return f"workflows:lookup-id:{client}:{code}"


def lookup_rate_limited(request: HttpRequest) -> bool:
    """Count this search; True once the client is past `LOOKUP_RATE_LIMIT`."""
    return is_ratelimited(
        request,
        group="workflows.lookup",
        key="ip",
        rate=settings.LOOKUP_RATE_LIMIT,
        increment=True,
    )


def wrong_id_attempts_exhausted(request: HttpRequest, code: str) -> bool:
    return caches["ratelimit"].get(_attempts_key(request, code), 0) >= MAX_WRONG_ID_ATTEMPTS


def count_wrong_id(request: HttpRequest, code: str) -> None:
    attempts = caches["ratelimit"]
    key = _attempts_key(request, code)
    attempts.set(key, attempts.get(key, 0) + 1, WRONG_ID_WINDOW)
