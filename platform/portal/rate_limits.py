"""Rate limits on the account pages and the API, per client address and per account.

`RATE_LIMITS[group] = (per client address, per account)` in django-ratelimit's notation
("20/m", "5/h"); both are counted on every attempt and either one refuses. The counts live in
the cache alias `ratelimit` (no tenant prefix), so a commune, its province and the national
root share one budget. The lookup's own limit is workflows/public_index/limits.py.

- login: the identifier typed (ID number, e-mail or user name, compared folded);
- register: the ID number typed; password_reset: the e-mail typed;
- api: the logged-in account, else the Authorization header (a bearer token or a partner's key).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from portal.views import error_page

# Seconds a refused client is told to wait (Retry-After): the longest window in use is an hour,
# but most limits are per minute; a minute is an honest first answer.
RETRY_AFTER_SECONDS = 60


def _account_key(account: str) -> str:
    # Hashed: the cache must not hold identifiers in clear.
    return hashlib.sha256(account.strip().casefold().encode()).hexdigest()


def over_limit(request: HttpRequest, group: str, account: str = "") -> bool:
    """Count one attempt of `group` for this client and this account; True once either is past
    its limit (both are counted even when the first already refuses)."""
    per_client, per_account = settings.RATE_LIMITS[group]
    by_client = is_ratelimited(
        request, group=f"portal.{group}.client", key="ip", rate=per_client, increment=True
    )
    by_account = bool(account.strip()) and is_ratelimited(
        request,
        group=f"portal.{group}.account",
        key=lambda _group, _request: _account_key(account),
        rate=per_account,
        increment=True,
    )
    return by_client or by_account


def refusal_message() -> str:
    return _(
        "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Để bảo vệ tài khoản, hệ thống tạm "
        "dừng nhận yêu cầu này. Vui lòng đợi ít phút rồi thử lại."
    )


def rate_limited_page(request: HttpRequest) -> HttpResponse:
    """The Vietnamese 429 page (the portal's error page), with Retry-After."""
    response = error_page(request, 429, message=refusal_message())
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
