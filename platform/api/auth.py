"""Who is calling: the portal's session (with CSRF), an OpenID Connect bearer token, a partner.

- **Session** (`PortalSession`): the portal's own scripts, with the session cookie and the
  `X-CSRFToken` header on every write, exactly as a form posts its token. A logged-in caller
  without a valid token gets 403.
- **Bearer** (`IdentityBearer`): mobile apps sign the person in at the national identity provider
  (authorisation code + PKCE, the app's own client) and send its access token as
  `Authorization: Bearer <token>`. The token is checked by calling the provider's userinfo
  endpoint (`OIDC_OP_USER_ENDPOINT`): a token the provider no longer accepts is refused. The
  claims map to the national account exactly as the web login maps them
  (`identity.oidc.NationalIdentityBackend`: ID number, else a verified e-mail, else a new
  account). The answer is cached for `API_BEARER_CACHE_SECONDS` (60 s) under a hash of the
  token, so an app's burst of calls costs the provider one request.
- **Partner** (`PartnerSignature`): system-to-system calls signed with a shared secret
  (api/signing.py); see api/partners.py.
"""

from __future__ import annotations

import hashlib
from typing import Any

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from identity.oidc import NationalIdentityBackend, oidc_enabled

from . import partners


class PortalSession(AuthBase):
    """The portal's session cookie; writes need the CSRF token as the pages' forms do."""

    openapi_type = "apiKey"

    def __init__(self) -> None:
        self.openapi_in = "cookie"
        self.openapi_name = settings.SESSION_COOKIE_NAME
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS") and check_csrf(request) is not None:
            raise PermissionDenied(
                _("Thiếu hoặc sai mã CSRF (gửi kèm tiêu đề X-CSRFToken lấy từ cookie csrftoken).")
            )
        return user


def _bearer_cache_key(token: str) -> str:
    return "api:bearer:" + hashlib.sha256(token.encode()).hexdigest()


def user_for_access_token(token: str) -> Any:
    """The national account of the person an access token was issued to, or None."""
    if not oidc_enabled() or not token:
        return None
    cache = caches["default"]
    key = _bearer_cache_key(token)
    user_id = cache.get(key)
    if user_id is not None:
        return get_user_model().objects.filter(pk=user_id, is_active=True).first()
    backend = NationalIdentityBackend()
    try:
        user = backend.get_or_create_user(token, None, {})
    except (requests.RequestException, SuspiciousOperation, ValueError):
        return None
    if user is None or not user.is_active:
        return None
    cache.set(key, user.pk, settings.API_BEARER_CACHE_SECONDS)
    return user


class IdentityBearer(HttpBearer):
    """`Authorization: Bearer <access token of the national identity provider>`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_access_token(token)
        if user is not None:
            request.user = user  # the services and role checks read request.user
        return user


class PartnerSignature(AuthBase):
    """`X-Api-Key`, `X-Api-Timestamp`, `X-Api-Signature` (api/signing.py)."""

    openapi_type = "apiKey"

    def __init__(self, operation: str) -> None:
        self.openapi_in = "header"
        self.openapi_name = partners.KEY_HEADER
        self.operation = operation
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any:
        return partners.authenticate(request, operation=self.operation)


bearer = IdentityBearer()
session = PortalSession()
#: A person: a mobile app's bearer token, or the portal's own session.
PERSON = [bearer, session]


def anyone(request: HttpRequest) -> bool:
    """Last in a list: the operation also answers callers who are not logged in."""
    return True


#: A person if one is there (bearer or session), else anyone.
PERSON_OR_ANYONE = [bearer, session, anyone]
#: How the OpenAPI document says "a person if one is there": `{}` is "no credentials".
OPTIONAL_PERSON = [{"IdentityBearer": []}, {"PortalSession": []}, {}]
