"""A locality's URLconf plus two views that fail, for the 403 and 500 pages (tests only).

The handlers are the real URLconf's own (imported with `*`), so the pages are the ones every
locality host serves; urls_failing_national does the same for the national root."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from portal.urls import *  # noqa: F403 - the handlers too
from portal.urls import urlpatterns as base_patterns


def refuse(request):
    raise PermissionDenied("internal detail the visitor must not see")


def crash(request):
    raise RuntimeError("internal detail the visitor must not see")


failing = [path("loi-thu/403/", refuse), path("loi-thu/500/", crash)]
urlpatterns = failing + base_patterns
