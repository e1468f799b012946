"""Dossiers pushed by the national portal (Cổng Dịch vụ công quốc gia) into a locality's desk.

    POST /api/v1/intake/dossiers          (the national root; signed by a partner: partners.py)
    GET  /api/v1/intake/dossiers/{national_id}

The same `national_id` pushed twice is one dossier: the second push answers 200 with the same
local code (201 the first time). Refusals are problem documents whose `type` ends with the
reason a program tests: `unit-unknown`, `procedure-unknown`, `procedure-not-offered`,
`document-hash-mismatch`, `document-invalid`, `answers-invalid`, `national-id-conflict`
(422), `locality-not-granted`, `operation-not-granted` (403), `signature-invalid`,
`timestamp-stale`, `key-unknown`, `signature-missing` (401). Every call is logged
(api.PartnerCall).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, tenant_context
from ninja import Field, Router, Schema, Status

from identity.services import user_create_from_identity_provider
from identity.validators import normalize_id_number, validate_id_number
from procedure_plugins.registry import register
from tenants.models import Locality
from workflows.errors import ProcedureNotOffered
from workflows.models import Dossier
from workflows.services.national import national_intake_register

from . import partners
from .answers import read_answers
from .auth import PartnerSignature
from .models import NationalIntake, Operation, Partner
from .problems import PROBLEMS, ApiProblem, field_errors


class ApplicantIn(Schema):
    id_number: str
    full_name: str
    date_of_birth: datetime.date | None = None


class DeliveryIn(Schema):
    method: str = "online"
    address: str = ""
    province_code: str = ""


class DocumentIn(Schema):
    document_key: str
    file_name: str
    content_base64: str
    sha256: str


class IntakeIn(Schema):
    #: The national portal's own id of the dossier (idempotency key).
    national_id: str = Field(max_length=64)
    unit_code: str = Field(max_length=10)
    #: The national procedure code (e.g. 1.001193).
    procedure_code: str = Field(max_length=20)
    applicant: ApplicantIn
    answers: dict[str, Any]
    delivery: DeliveryIn = DeliveryIn()
    documents: list[DocumentIn] = []


class IntakeOut(Schema):
    national_id: str
    unit_code: str
    code: str
    reference: uuid.UUID
    state: str
    state_label: str
    appointment_at: datetime.datetime | None


INTAKE_PROBLEMS = {**PROBLEMS, 422: PROBLEMS[400]}


def _refuse(request: HttpRequest, reason: str, detail: str, errors=None) -> ApiProblem:
    request.api_partner_reason = reason  # type: ignore[attr-defined]
    return ApiProblem(422, reason, _("Không nhận được hồ sơ"), detail, errors)


def _unit(request: HttpRequest, code: str) -> Locality:
    unit = Locality.objects.filter(code=code, is_active=True).exclude(level="national").first()
    if unit is None:
        raise _refuse(request, "unit-unknown", _("Không có đơn vị mã %(code)s.") % {"code": code})
    return unit


def _files(request: HttpRequest, documents: list[DocumentIn]) -> list[tuple[str, Any]]:
    files = []
    for index, document in enumerate(documents):
        try:
            content = base64.b64decode(document.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise _refuse(
                request,
                "document-invalid",
                _("Nội dung tệp “%(name)s” không phải base64.") % {"name": document.file_name},
                [{"field": f"documents.{index}.content_base64", "message": _("Không đọc được.")}],
            ) from None
        if hashlib.sha256(content).hexdigest() != document.sha256.strip().lower():
            raise _refuse(
                request,
                "document-hash-mismatch",
                _("Tệp “%(name)s” không khớp mã băm SHA-256 đã gửi.")
                % {"name": document.file_name},
                [{"field": f"documents.{index}.sha256", "message": _("Mã băm không khớp.")}],
            )
        files.append((document.document_key, SimpleUploadedFile(document.file_name, content)))
    return files


def _applicant(request: HttpRequest, person: ApplicantIn) -> Any:
    """The national account of the person (the national portal verified them with VNeID)."""
    try:
        validate_id_number(person.id_number)
    except ValidationError as invalid:
        raise _refuse(
            request,
            "applicant-invalid",
            _("Số định danh của người nộp không hợp lệ."),
            [{"field": "applicant.id_number", "message": m} for m in invalid.messages],
        ) from None
    number = normalize_id_number(person.id_number)
    user = get_user_model().objects.filter(id_number=number).first()
    if user is not None:
        return user
    return user_create_from_identity_provider(
        id_number=number, email="", full_name=person.full_name, date_of_birth=person.date_of_birth
    )


def registry_schema(code: str) -> dict[str, Any]:
    return register.get(code).schema


def _answer(record: NationalIntake, dossier: Dossier) -> dict[str, Any]:
    return {
        "national_id": record.national_id,
        "unit_code": record.locality.code,
        "code": dossier.code,
        "reference": dossier.reference,
        "state": dossier.state,
        "state_label": str(dossier.as_workflow().get_state_label()),
        "appointment_at": dossier.extended_appointment_at or dossier.appointment_at,
    }


def _existing(record: NationalIntake) -> dict[str, Any]:
    with tenant_context(record.locality):
        dossier = Dossier.objects.get(reference=record.dossier_reference)
        return _answer(record, dossier)


def receive(request: HttpRequest, *, partner: Partner, body: IntakeIn) -> Status:
    """Take the dossier in (201), or answer with the one already taken in (200).

    One transaction in the unit's schema (the public tables are on its search path): what the
    services leave for after the commit (the receipt's PDF) then runs for that unit.
    """
    unit = _unit(request, body.unit_code)
    partners.check_locality(request, partner=partner, locality=unit)
    with tenant_context(unit), transaction.atomic():
        record = (
            NationalIntake.objects.select_for_update()
            .filter(national_id=body.national_id)
            .select_related("locality")
            .first()
        )
        if record is not None:
            if record.locality_id != unit.pk:
                raise _refuse(
                    request,
                    "national-id-conflict",
                    _("Mã hồ sơ quốc gia này đã được chuyển về một đơn vị khác."),
                )
            return Status(
                200, _answer(record, Dossier.objects.get(reference=record.dossier_reference))
            )
        if body.procedure_code not in register.codes():
            raise _refuse(
                request,
                "procedure-unknown",
                _("Không có thủ tục mã %(code)s.") % {"code": body.procedure_code},
            )
        dossier = _register(request, body)
        record = NationalIntake.objects.create(
            national_id=body.national_id,
            partner=partner,
            locality=unit,
            dossier_reference=dossier.reference,
            code=dossier.code,
            received_at=dossier.submitted_at,
        )
        return Status(201, _answer(record, dossier))


def _register(request: HttpRequest, body: IntakeIn) -> Dossier:
    files = _files(request, body.documents)
    applicant = _applicant(request, body.applicant)
    try:
        return national_intake_register(
            applicant=applicant,
            procedure_code=body.procedure_code,
            answers=read_answers(registry_schema(body.procedure_code), body.answers).answers,
            delivery=body.delivery.dict(),
            files=files,
        )
    except ProcedureNotOffered as refused:
        raise _refuse(request, "procedure-not-offered", refused.message) from None
    except ValidationError as invalid:
        raise _refuse(
            request,
            "answers-invalid",
            _("Hồ sơ chưa đủ điều kiện tiếp nhận; xem danh sách lỗi."),
            field_errors(invalid),
        ) from None
    except ValueError:
        raise _refuse(
            request,
            "answers-invalid",
            _("Hình thức nhận kết quả không hợp lệ."),
            [{"field": "delivery.method", "message": _("Chọn desk, online hoặc post.")}],
        ) from None


router = Router(tags=["Liên thông Cổng Dịch vụ công quốc gia"])
router.add_decorator(partners.logged_call, mode="view")


@router.post(
    "/intake/dossiers",
    response={200: IntakeOut, 201: IntakeOut, **INTAKE_PROBLEMS},
    auth=PartnerSignature(Operation.INTAKE),
)
def intake(request: HttpRequest, body: IntakeIn):
    """Receive a dossier submitted on the national portal into the unit's desk."""
    try:
        return receive(request, partner=request.auth, body=body)
    except IntegrityError:
        # The same dossier pushed twice at once: the other request took it in.
        with schema_context("public"):
            record = NationalIntake.objects.select_related("locality").get(
                national_id=body.national_id
            )
        return Status(200, _existing(record))


@router.get(
    "/intake/dossiers/{national_id}",
    response={200: IntakeOut, **INTAKE_PROBLEMS},
    auth=PartnerSignature(Operation.INTAKE_STATUS),
)
def intake_status(request: HttpRequest, national_id: str):
    """Where a dossier pushed earlier stands now (local code, state, appointment)."""
    with schema_context("public"):
        record = (
            NationalIntake.objects.filter(national_id=national_id)
            .select_related("locality")
            .first()
        )
    if record is None:
        raise ApiProblem(404, "not-found", _("Không tìm thấy"), _("Chưa nhận hồ sơ này."))
    partners.check_locality(request, partner=request.auth, locality=record.locality)
    return _existing(record)
