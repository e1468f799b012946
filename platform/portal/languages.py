"""Which language a page speaks: the one the reader chose with the header's switch, else Vietnamese.

The choice is the `django_language` cookie that Django's `set_language` view writes (for the base
domain and every portal under it: LANGUAGE_COOKIE_DOMAIN). The browser's Accept-Language is not
read: many citizens' phones are set to English while they read Vietnamese, and a government
portal opens in the national language; English is one press of the switch away on every page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def chosen_language(request: HttpRequest) -> str:
    """`"en"` after the reader pressed "English"; `settings.LANGUAGE_CODE` (`"vi"`) otherwise."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """Django's LocaleMiddleware without Accept-Language and URL prefixes (the portal has none)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
