"""Wagtail's admin (`/quan-tri/` on each locality host) refuses, with HTTP 403, anyone logged in
who has no admin access *in this locality*.

Without this, Wagtail sends such a person to its login page with an English message, which reads
as if they were logged out. Access is `wagtailadmin.access_admin`, which the editor role carries
in each locality schema (staff/roles.py), so an editor of Tứ Kỳ gets 403 on Chư Pưh's admin.
Anonymous visitors still go to the login page.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from .access import forbidden

# Pages of the admin that must stay open to someone without access (to log in or out).
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
}


class LocalityAdminAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        prefix = _admin_prefix(request)
        if prefix is None or not request.path_info.startswith(prefix):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_URL_NAMES:
            return None
        if user.has_perm("wagtailadmin.access_admin"):
            return None
        return forbidden(request, reason="wagtail_admin")


def _admin_prefix(request) -> str | None:
    try:
        return reverse("wagtailadmin_home", urlconf=getattr(request, "urlconf", None))
    except NoReverseMatch:
        return None  # the national root has no Wagtail
