"""Input no page can use is refused at the door, in Vietnamese, with a 4xx status.

- A NUL character (`%00`) in the path, the query string or a form field: PostgreSQL
  text cannot hold it (psycopg raises `DataError`, a 500) and Django's form validator answers in
  English ("Null characters are not allowed."). No person types one; refusing it here, before any
  view, form or query sees it, answers 400 with the portal's page wherever it is sent.
  A cookie with a NUL is dropped instead (the browser, not the person, sent it).
- A value the database refuses (`DataError`: a number beyond bigint in a URL, text too long for a
  column) is the client's mistake, not the server's: 400, logged as a warning.
- A 405 (a button's URL opened directly) gets the portal's page instead of an empty body.
- Under `/api/` the same refusals are problem documents (api/problems.py), not pages.

`UnknownHostPageMiddleware` (first in the chain) gives a host outside ALLOWED_HOSTS (e.g.
`localhost:8000` after `make run`) a page that points to the national root, instead of the empty
404 django-tenants answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import DataError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import translation
from django.utils.translation import gettext as _

from api.problems import plain_problem

from .languages import chosen_language
from .views import error_page, plain_error_page

logger = logging.getLogger(__name__)

NUL = "\x00"
API_PREFIX = "/api/"


def refusal(request: HttpRequest, status: int, message: str = "") -> HttpResponse:
    """The portal's page, or a problem document for the API."""
    if request.path.startswith(API_PREFIX):
        title = _("Yêu cầu không hợp lệ") if status == 400 else _("Phương thức không được hỗ trợ")
        return plain_problem(
            status=status,
            reason="bad-input" if status == 400 else "method-not-allowed",
            title=title,
            detail=message or title,
        )
    return error_page(request, status, message=message)


def _has_nul(values: Iterable[str]) -> bool:
    return any(NUL in value for value in values)


def nul_in_request(request: HttpRequest) -> bool:
    """Whether the path, the query or the fields of a urlencoded form hold a NUL.

    A multipart body is left unread: the upload step parses it itself to see the raw file names
    (workflows/uploads.py), and reading it here would spool every upload twice. Its fields still
    meet Django's NUL validator (in Vietnamese, see portal/apps.py) and the DataError guard below.
    """
    if NUL in request.path:
        return True
    sources = [request.GET]
    if request.method == "POST" and request.content_type != "multipart/form-data":
        sources.append(request.POST)
    return any(NUL in key or _has_nul(values) for data in sources for key, values in data.lists())


class BadInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
            request.COOKIES = {
                key: value
                for key, value in request.COOKIES.items()
                if NUL not in key and NUL not in value
            }
        if nul_in_request(request):
            # Ahead of the session and locale middleware: the page speaks the visitor's language
            # but shows them as logged out (their session is not read for a refused request).
            with translation.override(chosen_language(request)):
                return refusal(
                    request,
                    400,
                    _(
                        "Địa chỉ trang hoặc nội dung gửi lên có ký tự không hợp lệ (ký tự rỗng "
                        "NUL). Vui lòng quay lại, xoá ký tự đó hoặc gõ lại nội dung rồi gửi lại."
                    ),
                )
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed):
            page = refusal(request, 405)
            page["Allow"] = response["Allow"]
            return page
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DataError):
            return None
        logger.warning("Refused input the database cannot hold on %s: %s", request.path, exception)
        return refusal(
            request,
            400,
            _(
                "Giá trị trong địa chỉ trang hoặc nội dung gửi lên không hợp lệ (quá dài hoặc "
                "quá lớn). Vui lòng kiểm tra lại."
            ),
        )


class UnknownHostPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 404 and not response.content and not hasattr(request, "tenant"):
            # The port the visitor typed, on the national root's name.
            typed = request.META.get("HTTP_HOST", "").rpartition("]")[2]
            port = f":{typed.rpartition(':')[2]}" if ":" in typed else ""
            with translation.override(chosen_language(request)):
                return plain_error_page(
                    status=404,
                    title=_("Địa chỉ này không phải của cổng dịch vụ công"),
                    message=_(
                        "Cổng dịch vụ công trực tuyến được mở tại địa chỉ của cổng quốc gia và "
                        "của từng địa phương. Mời bạn vào cổng quốc gia để tìm địa phương."
                    ),
                    home_url=f"{request.scheme}://{settings.BASE_DOMAIN}{port}/",
                )
        return response
