"""The portal's own pages: the health check, and the error pages every host shows.

Error pages are Vietnamese, carry the locality's header (base.html) and a way back, and say
nothing about the code (no traceback, no URL patterns, no Django wording): `make run` serves them
with DEBUG off exactly as production does. Only `make dev` (DEBUG on) shows Django's debug pages.
"""

from __future__ import annotations

import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "schema": connection.schema_name})


def _titles() -> dict[int, tuple[str, str]]:
    return {
        400: (
            _("Yêu cầu không hợp lệ"),
            _(
                "Địa chỉ trang hoặc nội dung bạn gửi có chỗ không đúng nên hệ thống không xử lý "
                "được. Vui lòng quay lại trang trước, kiểm tra rồi gửi lại."
            ),
        ),
        403: (
            _("Không có quyền truy cập"),
            _(
                "Bạn không có quyền xem trang này tại đơn vị này. Nếu bạn là cán bộ, vai trò "
                "chỉ có hiệu lực tại địa phương nơi bạn được phân công."
            ),
        ),
        404: (
            _("Không tìm thấy trang"),
            _("Trang bạn tìm không tồn tại hoặc đã được chuyển đi."),
        ),
        405: (
            _("Không thực hiện được thao tác này"),
            _(
                "Trang này không nhận thao tác bạn vừa gửi (ví dụ mở trực tiếp một nút bấm). "
                "Vui lòng quay lại trang trước và thực hiện lại từ đầu."
            ),
        ),
        429: (
            _("Quá nhiều yêu cầu"),
            _(
                "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng đợi ít phút rồi "
                "thử lại."
            ),
        ),
        500: (
            _("Hệ thống đang gặp sự cố"),
            _(
                "Xin lỗi, yêu cầu của bạn chưa được xử lý. Vui lòng thử lại sau ít phút; nếu "
                "vẫn không được, hãy liên hệ Bộ phận Một cửa của đơn vị."
            ),
        ),
    }


def error_page(
    request: HttpRequest, status: int, *, message: str = "", title: str = ""
) -> HttpResponse:
    """The error page for `status`, with `title` and `message` instead of the generic ones."""
    generic_title, generic = _titles()[status]
    context = {"status": status, "title": title or generic_title, "message": message or generic}
    return render(request, "portal/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The full page if it can be drawn; if drawing it fails too (the database is down), a page
    that needs nothing but the locality already attached to the request."""
    try:
        return error_page(request, 500)
    except Exception:
        logger.exception("The 500 page could not be drawn; serving the plain one")
        title, message = _titles()[500]
        tenant = getattr(request, "tenant", None)
        return plain_error_page(
            status=500, title=title, message=message, locality_name=getattr(tenant, "name", "")
        )


def plain_error_page(
    *, status: int, title: str, message: str, locality_name: str = "", home_url: str = "/"
) -> HttpResponse:
    """An error page that needs no database and no request context."""
    html = render_to_string(
        "portal/error_plain.html",
        {
            "title": title,
            "message": message,
            "locality_name": locality_name,
            "home_url": home_url,
        },
    )
    return HttpResponse(html, status=status)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's own CSRF page is English and technical; the usual cause is a page left open."""
    if not request.COOKIES:
        message = _(
            "Trình duyệt của bạn đang chặn cookie nên không gửi được biểu mẫu. Vui lòng cho "
            "phép cookie cho cổng dịch vụ công, tải lại trang rồi gửi lại."
        )
    else:
        message = _(
            "Trang đã mở quá lâu hoặc phiên làm việc đã thay đổi (ví dụ bạn vừa đăng nhập ở "
            "một thẻ khác). Vui lòng tải lại trang rồi gửi lại; nội dung đã nhập có thể cần "
            "nhập lại."
        )
    return error_page(request, 403, title=_("Biểu mẫu đã hết hạn"), message=message)
