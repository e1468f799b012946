"""Optional login through a national identity provider over OpenID Connect (mozilla-django-oidc).

Off unless `OIDC_ENABLED` (README: configuration). When on:

* Every portal shows "Đăng nhập bằng <provider>". The flow always runs on one host (the national
  root, `OIDC_CALLBACK_HOST`), so the provider needs a single registered redirect URI however many
  localities there are; the session cookie covers the base domain, so the citizen comes back
  logged in to the portal they started from (`next`).
* The provider's claims map onto the national account: first by ID number (claim
  `OIDC_CLAIM_ID_NUMBER`), else by e-mail — only an e-mail the provider says it verified, or
  anyone could claim an account by typing its address at the provider. No match: a new account.
"""

from __future__ import annotations

import datetime as dt
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import services
from .validators import normalize_id_number


def oidc_enabled() -> bool:
    return bool(getattr(settings, "OIDC_ENABLED", False))


def central_host(request) -> str:
    """The one host where the OIDC round trip happens (keeps the request's port in dev)."""
    host = getattr(settings, "OIDC_CALLBACK_HOST", "") or settings.BASE_DOMAIN
    port = request.get_port()
    if ":" not in host and port not in ("80", "443", "", None) and ":" in request.get_host():
        host = f"{host}:{port}"
    return host


def is_portal_url(url: str, request) -> bool:
    """A `next` URL on the base domain or one of its subdomains (any locality's portal)."""
    if not url:
        return False
    if url.startswith("/") and not url.startswith("//"):
        return True

    host = (urlsplit(url).hostname or "").lower()
    base = settings.BASE_DOMAIN
    if host != base and not host.endswith("." + base):
        return False
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={urlsplit(url).netloc}, require_https=request.is_secure()
    )


class OIDCStartView(OIDCAuthenticationRequestView):
    """`/tai-khoan/oidc/dang-nhap/?next=...`: hop to the central host, then to the provider."""

    def get(self, request):
        if not oidc_enabled():
            raise Http404
        central = central_host(request)
        next_url = request.GET.get("next", "")
        if next_url.startswith("/") and not next_url.startswith("//"):
            # Make it absolute so the citizen returns to *this* portal from the central host.
            next_url = f"{request.scheme}://{request.get_host()}{next_url}"
        if request.get_host() != central:
            query = request.GET.copy()
            query["next"] = next_url or f"{request.scheme}://{request.get_host()}/"
            return HttpResponseRedirect(
                f"{request.scheme}://{central}{request.path}?{query.urlencode()}"
            )
        response = super().get(request)
        request.session["oidc_login_next"] = next_url if is_portal_url(next_url, request) else None
        return response


class OIDCCallbackView(OIDCAuthenticationCallbackView):
    def get(self, request):
        if not oidc_enabled():
            raise Http404
        return super().get(request)

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Không đăng nhập được qua %(provider)s. Vui lòng thử lại hoặc đăng nhập bằng "
                "tài khoản của cổng."
            )
            % {"provider": getattr(settings, "OIDC_PROVIDER_NAME", "OpenID Connect")},
        )
        return HttpResponseRedirect(reverse("identity:login"))


class NationalIdentityBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, matching the provider's person to the national account."""

    def authenticate(self, request, **kwargs):
        if not oidc_enabled():
            return None
        return super().authenticate(request, **kwargs)

    # --- the token itself ----------------------------------------------------------------------
    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        # The library checks the signature and nonce; issuer, audience and expiry are ours.
        issuer = getattr(settings, "OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("id_token issuer mismatch")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("id_token audience mismatch")
        if float(payload.get("exp", 0)) < time.time():
            raise SuspiciousOperation("id_token expired")
        return payload

    # --- claims to account ---------------------------------------------------------------------
    def _id_number(self, claims) -> str:
        name = getattr(settings, "OIDC_CLAIM_ID_NUMBER", "id_number")
        number = normalize_id_number(str(claims.get(name) or ""))
        return number if number.isdigit() and len(number) in (9, 12) else ""

    @staticmethod
    def _verified_email(claims) -> str:
        return (claims.get("email") or "").strip() if claims.get("email_verified") is True else ""

    def verify_claims(self, claims):
        return bool(self._id_number(claims) or self._verified_email(claims))

    def filter_users_by_claims(self, claims):
        User = get_user_model()
        id_number = self._id_number(claims)
        if id_number:
            users = User.objects.filter(id_number=id_number)
            if users.exists():
                return users
        email = self._verified_email(claims)
        if email:
            return User.objects.filter(email__iexact=email)
        return User.objects.none()

    def create_user(self, claims):
        return services.user_create_from_identity_provider(
            id_number=self._id_number(claims) or None,
            email=self._verified_email(claims),
            full_name=claims.get("name") or "",
            date_of_birth=_parse_iso_date(claims.get("birthdate")),
        )

    def update_user(self, user, claims):
        return services.user_update_from_identity_provider(
            user=user,
            id_number=self._id_number(claims) or None,
            email=self._verified_email(claims),
            full_name=claims.get("name") or "",
            date_of_birth=_parse_iso_date(claims.get("birthdate")),
        )


def _parse_iso_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


urlpatterns = [
    path("dang-nhap/", OIDCStartView.as_view(), name="oidc_start"),
    path("callback/", OIDCCallbackView.as_view(), name="oidc_callback"),
]
