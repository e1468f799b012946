"""Response headers of the deploy checklist that Django's SecurityMiddleware does not send.

- Content-Security-Policy (django-csp): `CONTENT_SECURITY_POLICY` in settings, no
  `unsafe-inline` anywhere on the portal. Wagtail's admin (/quan-tri/) writes inline <script>
  blocks (date pickers, inline panels) and style="" attributes in its own templates, so under
  `ADMIN_URL_PREFIX` scripts and styles may also be inline (`ADMIN_CONTENT_SECURITY_POLICY`);
  every other directive stays the same there.
- Permissions-Policy: the browser features the portal never uses are switched off.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

ADMIN_URL_PREFIX = "/quan-tri/"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp with the admin's wider policy below ADMIN_URL_PREFIX, and Permissions-Policy."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(ADMIN_URL_PREFIX) and parts.config is None:
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
