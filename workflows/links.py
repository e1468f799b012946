"""Absolute links to a dossier on its own locality's portal (e-mails, the QR code on slips).

Never a global setting: a Tứ Kỳ dossier links to Tứ Kỳ's host. Services have no request, so the
scheme and port come from the deployment's settings: https when cookies are secure (production
behind TLS), the configured `PORTAL_PORT` unless it is the scheme's default.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from tenants.context import require_locality
from tenants.models import Locality


def base_url(locality: Locality | None = None) -> str:
    """`http://tu-ky.hai-phong.dichvucong.localhost:8000` for Xã Tứ Kỳ in development."""
    locality = locality or require_locality()
    domain = locality.get_primary_domain()
    return base_url_for_host(domain.domain if domain else settings.BASE_DOMAIN)


def absolute(path: str, locality: Locality | None = None) -> str:
    return base_url(locality) + path


def locality_path(name: str, **kwargs) -> str:
    """A path of the locality URLconf, also from the national root (whose URLconf differs)."""
    return reverse(name, kwargs=kwargs or None, urlconf=settings.ROOT_URLCONF)


def dossier_url(dossier, locality: Locality | None = None) -> str:
    return absolute(locality_path("workflows:detail", reference=dossier.reference), locality)


def lookup_url(code: str, locality: Locality | None = None) -> str:
    return absolute(locality_path("workflows:lookup") + "?" + urlencode({"ma": code}), locality)


def base_url_for_host(host: str) -> str:
    secure = bool(getattr(settings, "SESSION_COOKIE_SECURE", False))
    port = str(getattr(settings, "PORTAL_PORT", "") or "")
    default = "443" if secure else "80"
    suffix = f":{port}" if port and port != default else ""
    return f"{'https' if secure else 'http'}://{host}{suffix}"
