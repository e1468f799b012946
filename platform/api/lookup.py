"""Tra cứu hồ sơ over the API: the lookup page's rules (workflows/public_index/lookup.py) and
limits (workflows/public_index/limits.py), answered as data. Same masking: personal data only
to the applicant (logged in: session or bearer) or with the matching ID number beside the code.

    POST /api/v1/lookup  {"code": "11074-260710-0001", "id_number": ""}
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from tenants.context import current_locality
from workflows.forms import LookupForm
from workflows.public_index import lookup as rules
from workflows.public_index.limits import (
    count_wrong_id,
    lookup_rate_limited,
    wrong_id_attempts_exhausted,
)
from workflows.public_index.services import id_number_hash

from .auth import OPTIONAL_PERSON, PERSON_OR_ANYONE
from .problems import PROBLEMS, ApiProblem


class LookupIn(Schema):
    code: str = ""
    id_number: str = ""
    unit: str = ""
    dossier_name: str = ""
    applicant_name: str = ""


class LookupRowOut(Schema):
    code: str
    procedure_name: str
    unit_name: str
    unit_url: str
    state_label: str
    submitted_at: datetime.datetime | None
    received_at: datetime.datetime | None
    due_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    returned_at: datetime.datetime | None
    expectation: str
    needs_action: bool
    proven: bool
    applicant_name: str
    applicant_id_number: str
    subject_name: str


class LookupOut(Schema):
    rows: list[LookupRowOut] = []
    person_rows: list[LookupRowOut] = []
    masked_rows: list[LookupRowOut] = []
    notice: str = ""


def _form(body: LookupIn, portal) -> LookupForm:
    """The lookup page's own form: the same checks and messages."""
    form = LookupForm(body.dict(), units=rules.scope_units(portal))
    if not form.is_valid():
        raise ValidationError(
            {
                field: [error["message"] for error in errors]
                for field, errors in form.errors.get_json_data().items()
            }
        )
    return form


def router() -> Router:
    api = Router(tags=["Tra cứu hồ sơ"])

    @api.post(
        "/lookup",
        response={200: LookupOut, **PROBLEMS},
        auth=PERSON_OR_ANYONE,
        openapi_extra={"security": OPTIONAL_PERSON},
    )
    def lookup(request: HttpRequest, body: LookupIn):
        """By code (anyone; names only with the matching ID number or to the applicant), by ID
        number (that person, logged in), or the advanced search (masked, without codes)."""
        portal = current_locality()
        if lookup_rate_limited(request):
            raise ApiProblem(
                429,
                "rate-limited",
                _("Tra cứu quá nhiều lần"),
                _(
                    "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng đợi một phút "
                    "rồi thử lại."
                ),
            )
        form = _form(body, portal)
        code, typed = form.cleaned_data["code"], form.cleaned_data["id_number"]
        user = request.user
        if code:
            notice = ""
            if typed and wrong_id_attempts_exhausted(request, code):
                typed = ""
                notice = _(
                    "Bạn đã nhập sai số CCCD/CMND nhiều lần cho mã hồ sơ này. Thông tin cá nhân "
                    "được ẩn; vui lòng thử lại sau một giờ hoặc đăng nhập."
                )
            answer = rules.by_code(code=code, portal=portal, user=user, id_number=typed)
            if not answer.rows:
                raise ApiProblem(
                    404,
                    "dossier-not-found",
                    _("Không tìm thấy"),
                    _("Không tìm thấy hồ sơ có mã này."),
                )
            if answer.wrong_id_number:
                count_wrong_id(request, code)
                notice = _("Số CCCD/CMND không khớp với hồ sơ này nên thông tin cá nhân được ẩn.")
            return LookupOut(rows=answer.rows, person_rows=answer.person_rows or [], notice=notice)
        if typed:
            if not rules.may_list_by_id_number(user=user, id_number=typed):
                raise ApiProblem(
                    403,
                    "identity-not-proven",
                    _("Cần đăng nhập"),
                    _(
                        "Để xem các hồ sơ theo số CCCD/CMND, vui lòng đăng nhập bằng tài khoản của "
                        "chính người đó, hoặc nhập kèm mã hồ sơ ghi trên giấy tiếp nhận."
                    ),
                )
            return LookupOut(
                person_rows=rules.by_id_hash(
                    id_hash=id_number_hash(typed), portal=portal, user=user
                )
            )
        return LookupOut(
            masked_rows=rules.advanced(
                portal=portal,
                unit=form.selected_unit,
                dossier_name=form.cleaned_data["dossier_name"],
                applicant_name=form.cleaned_data["applicant_name"],
            )
        )

    return api
