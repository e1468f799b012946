"""Every refusal of the API in one shape: RFC 9457 problem details (`application/problem+json`).

    {"type": "https://dichvucong.gov.vn/problems/dossier-changed",   # stable, machine-readable
     "title": "Hồ sơ đã thay đổi", "status": 409,
     "detail": "Hồ sơ đã được người khác cập nhật, vui lòng tải lại.",
     "errors": [{"field": "answers.tre.0.ho_ten", "message": "Vui lòng nhập ..."}]}

`title` and `detail` are Vietnamese (the citizen or officer reads them in the app); `type`'s
last segment (`reason`) is what a program tests. The services' exceptions map as the pages map
them (workflows/errors.py): DossierChanged and TransitionNotAvailable → 409, ProcedureNotOffered
→ 404, PermissionDenied → 403, ValidationError → 400 with the field errors.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError

from workflows.errors import DossierChanged, ProcedureNotOffered, TransitionNotAvailable

logger = logging.getLogger(__name__)

PROBLEM_BASE = "https://dichvucong.gov.vn/problems/"
MEDIA_TYPE = "application/problem+json"


class FieldProblem(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] = []


class ApiProblem(Exception):
    """Raised by an operation for a refusal of its own: `ApiProblem(404, "unit-unknown", ...)`."""

    def __init__(
        self,
        status: int,
        reason: str,
        title: str,
        detail: str = "",
        errors: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.reason = reason
        self.title = title
        self.detail = detail or title
        self.errors = errors or []


def problem_response(api: NinjaAPI, request: HttpRequest, problem: ApiProblem) -> HttpResponse:
    body = {
        "type": PROBLEM_BASE + problem.reason,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "errors": problem.errors,
    }
    response = api.create_response(request, body, status=problem.status)
    response["Content-Type"] = MEDIA_TYPE
    return response


def plain_problem(*, status: int, reason: str, title: str, detail: str) -> HttpResponse:
    """A problem document without an API object (middleware refusing before any view)."""
    body = {"type": PROBLEM_BASE + reason, "title": title, "status": status, "detail": detail}
    return HttpResponse(
        json.dumps({**body, "errors": []}, ensure_ascii=False),
        status=status,
        content_type=MEDIA_TYPE,
    )


def field_errors(invalid: ValidationError, *, prefix: str = "") -> list[dict[str, str]]:
    """A Django ValidationError as a list of {field, message}; messages without a field get
    the field `""`."""
    found = []
    if hasattr(invalid, "error_dict"):
        for field, errors in invalid.message_dict.items():
            name = "" if field == "__all__" else f"{prefix}{field}"
            found += [{"field": name, "message": message} for message in errors]
    else:
        found = [{"field": "", "message": message} for message in invalid.messages]
    return found


def _from_request_validation(error: RequestValidationError) -> ApiProblem:
    errors = []
    for item in error.errors:
        location = [str(part) for part in item.get("loc", ()) if part not in ("body", "payload")]
        errors.append({"field": ".".join(location), "message": _vietnamese(item)})
    return ApiProblem(
        400,
        "invalid-request",
        _("Yêu cầu không hợp lệ"),
        _("Một số trường không đúng định dạng; xem danh sách lỗi."),
        errors,
    )


def _vietnamese(item: dict[str, Any]) -> str:
    kind = str(item.get("type", ""))
    if kind == "missing":
        return _("Trường này là bắt buộc.")
    if kind.startswith(("int_", "float_", "decimal_")):
        return _("Vui lòng nhập một số.")
    if kind.startswith("string_too_long"):
        return _("Nội dung quá dài.")
    if kind.startswith(("uuid_", "datetime_", "date_")):
        return _("Giá trị không đúng định dạng.")
    return _("Giá trị không hợp lệ.")


def install_problem_handlers(api: NinjaAPI) -> None:
    """Map every refusal to a problem document on `api`."""

    def handle(problem_for):
        def handler(request: HttpRequest, exc: Exception) -> HttpResponse:
            return problem_response(api, request, problem_for(exc))

        return handler

    api.add_exception_handler(ApiProblem, handle(lambda exc: exc))
    api.add_exception_handler(RequestValidationError, handle(_from_request_validation))
    api.add_exception_handler(
        AuthenticationError,
        handle(
            lambda exc: ApiProblem(
                401,
                "not-authenticated",
                _("Chưa đăng nhập"),
                _(
                    "Vui lòng đăng nhập (phiên của cổng kèm mã CSRF, hoặc mã truy cập "
                    "Bearer của VNeID)."
                ),
            )
        ),
    )
    api.add_exception_handler(
        PermissionDenied,
        handle(
            lambda exc: ApiProblem(
                403, "forbidden", _("Không được phép"), str(exc) or _("Bạn không có quyền này.")
            )
        ),
    )
    api.add_exception_handler(
        Http404,
        handle(
            lambda exc: ApiProblem(
                404, "not-found", _("Không tìm thấy"), str(exc) or _("Không tìm thấy.")
            )
        ),
    )
    api.add_exception_handler(
        ProcedureNotOffered,
        handle(
            lambda exc: ApiProblem(404, "procedure-not-offered", _("Không có thủ tục"), exc.message)
        ),
    )
    api.add_exception_handler(
        DossierChanged,
        handle(lambda exc: ApiProblem(409, "dossier-changed", _("Hồ sơ đã thay đổi"), exc.message)),
    )
    api.add_exception_handler(
        TransitionNotAvailable,
        handle(
            lambda exc: ApiProblem(
                409, "action-not-available", _("Không thực hiện được"), exc.message
            )
        ),
    )
    api.add_exception_handler(
        ValidationError,
        handle(
            lambda exc: ApiProblem(
                400,
                "invalid",
                _("Dữ liệu chưa hợp lệ"),
                _("Vui lòng sửa các lỗi được liệt kê."),
                field_errors(exc),
            )
        ),
    )
    api.add_exception_handler(
        HttpError,
        handle(lambda exc: ApiProblem(exc.status_code, "error", _("Lỗi"), str(exc))),
    )

    api.add_exception_handler(
        DataError,
        handle(
            lambda exc: ApiProblem(
                400,
                "invalid-value",
                _("Giá trị không hợp lệ"),
                _(
                    "Giá trị gửi lên không hợp lệ (quá dài, quá lớn hoặc có ký tự rỗng NUL). "
                    "Vui lòng kiểm tra lại."
                ),
            )
        ),
    )

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s", request.path, exc_info=exc)
        return problem_response(
            api,
            request,
            ApiProblem(
                500, "server-error", _("Lỗi hệ thống"), _("Đã có lỗi, vui lòng thử lại sau.")
            ),
        )

    api.add_exception_handler(Exception, server_error)


#: The problem responses every operation may answer (for the OpenAPI document).
PROBLEMS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 429: Problem}
