"""The API's rate limit (`RATE_LIMITS["api"]`, portal/rate_limits.py), as a middleware: every
request under /api/ counts per client address and per caller — the logged-in account, else the
partner's key (`X-Api-Key`) or the bearer token (hashed). Past either, 429 as a problem document
in Vietnamese, before any operation runs."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from portal.rate_limits import RETRY_AFTER_SECONDS, over_limit, refusal_message

from .partners import KEY_HEADER
from .problems import plain_problem

API_PREFIX = "/api/"


def caller_of(request: HttpRequest) -> str:
    """Who is calling, as far as can be told before authentication (a forged value only
    spends the forger's own budget; the per-address count still applies)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    if request.headers.get(KEY_HEADER):
        return f"partner:{request.headers[KEY_HEADER]}"
    if request.headers.get("Authorization"):
        return f"token:{request.headers['Authorization']}"
    return ""


class ApiRateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX) and over_limit(request, "api", caller_of(request)):
            response = plain_problem(
                status=429,
                reason="rate-limited",
                title=_("Quá nhiều yêu cầu"),
                detail=refusal_message(),
            )
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        return self.get_response(request)
