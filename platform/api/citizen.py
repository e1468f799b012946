"""A citizen's own dossiers in this locality, through the services the pages call
(workflows/services/submission.py, citizen.py): the same checks, the same messages.

    POST /api/v1/dossiers                          {"procedure_code": "1.001193"}  → a draft
    PUT  /api/v1/dossiers/{ref}/answers            {"answers": {...}}   the plugin's schema
    POST /api/v1/dossiers/{ref}/files              multipart: document_key, file
    PUT  /api/v1/dossiers/{ref}/delivery           {"method": "desk"}
    POST /api/v1/dossiers/{ref}/submit             → code, appointment
    POST /api/v1/dossiers/{ref}/supplement         answer a supplement request ("Nộp bổ sung")
    POST /api/v1/dossiers/{ref}/withdraw           {"reason": "...", "expected_state": "..."}
    POST /api/v1/dossiers/{ref}/rating             {"score": 5, "comment": ""}

Another person's dossier, or one of another locality, is 404 (it does not exist here).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from workflows import engine, selectors, services
from workflows.models import Attachment, Dossier
from workflows.states import DossierState
from workflows.workflow import APPLICANT

from .answers import answer_errors, read_answers
from .auth import PERSON
from .base import DEFAULT_PAGE_SIZE, PageMeta, page_of
from .dossier_schemas import DossierDetail, DossierSummary, FileOut, detail, summary
from .problems import PROBLEMS, ApiProblem


class DossierPage(Schema):
    items: list[DossierSummary]
    meta: PageMeta


class DraftIn(Schema):
    procedure_code: str
    #: The same token twice makes one draft (an app retrying after a timeout).
    creation_token: uuid.UUID | None = None


class AnswersIn(Schema):
    answers: dict[str, Any]


class DeliveryIn(Schema):
    method: str
    address: str = ""
    province_code: str = ""
    subject_name: str = ""
    subject_id_number: str = ""
    subject_relation: str = ""


class NoteIn(Schema):
    note: str = ""
    expected_state: str | None = None


class WithdrawIn(Schema):
    reason: str = ""
    expected_state: str | None = None


class RatingIn(Schema):
    score: int
    comment: str = ""


class RatingOut(Schema):
    score: int
    comment: str


def own(request: HttpRequest, reference: uuid.UUID) -> Dossier:
    dossier = selectors.dossier_of_applicant(reference=reference, user=request.user)
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ này trong các hồ sơ của bạn tại đơn vị này."))
    return dossier


def shown(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    fresh = selectors.dossier_by_reference(reference=dossier.reference) or dossier
    return detail(fresh, user=request.user, actor=APPLICANT)


router = Router(tags=["Hồ sơ của tôi"], auth=PERSON)


@router.get("/dossiers", response={200: DossierPage, **PROBLEMS})
def my_dossiers(
    request: HttpRequest, page: Query[int] = 1, page_size: Query[int] = DEFAULT_PAGE_SIZE
):
    """The caller's dossiers at this unit, drafts included, latest first."""
    mine = Dossier.objects.filter(applicant=request.user).order_by("-updated_at", "-pk")
    items, meta = page_of(mine, page=page, page_size=page_size)
    return DossierPage(items=[summary(d.as_workflow()) for d in items], meta=meta)


@router.post("/dossiers", response={201: DossierDetail, **PROBLEMS})
def create_draft(request: HttpRequest, body: DraftIn):
    """A draft of a procedure this unit offers, prefilled from the account."""
    dossier = services.draft_create(
        user=request.user,
        procedure_code=body.procedure_code,
        creation_token=body.creation_token,
    )
    return Status(201, shown(request, dossier))


@router.get("/dossiers/{reference}", response={200: DossierDetail, **PROBLEMS})
def dossier(request: HttpRequest, reference: uuid.UUID):
    """The dossier with its answers, files, timeline and what the caller may do now."""
    return shown(request, own(request, reference))


@router.put("/dossiers/{reference}/answers", response={200: DossierDetail, **PROBLEMS})
def save_answers(request: HttpRequest, reference: uuid.UUID, body: AnswersIn):
    """Keep the answers (as the form page does, even incomplete); 400 lists what the
    plugin's schema refuses, at each field (`answers.<path>`), the answers being kept."""
    dossier = own(request, reference)
    form = read_answers(dossier.plugin.schema, body.answers)
    dossier = services.draft_save_answers(dossier=dossier, user=request.user, answers=form.answers)
    errors = answer_errors(form)
    if errors:
        raise ApiProblem(
            400,
            "answers-invalid",
            _("Tờ khai chưa hợp lệ"),
            _("Tờ khai đã được lưu nháp; vui lòng sửa các trường được liệt kê."),
            errors,
        )
    return shown(request, dossier)


@router.put("/dossiers/{reference}/delivery", response={200: DossierDetail, **PROBLEMS})
def set_delivery(request: HttpRequest, reference: uuid.UUID, body: DeliveryIn):
    """How the result is received: `desk`, `online` or `post` (with an address)."""
    dossier = own(request, reference)
    try:
        dossier = services.draft_set_delivery(dossier=dossier, user=request.user, **body.dict())
    except ValueError:
        raise ValidationError({"method": _("Hình thức nhận kết quả không hợp lệ.")}) from None
    return shown(request, dossier)


@router.post("/dossiers/{reference}/files", response={201: FileOut, **PROBLEMS})
def add_file(
    request: HttpRequest,
    reference: uuid.UUID,
    document_key: Form[str],
    file: File[UploadedFile],
):
    """One file of one required document, checked by its content as on the page."""
    attachment = services.attachment_add(
        dossier=own(request, reference),
        user=request.user,
        document_key=document_key,
        upload=file,
    )
    return Status(
        201,
        {
            "id": attachment.pk,
            "name": attachment.original_name,
            "size": attachment.size,
            "sha256": attachment.sha256,
        },
    )


@router.delete("/dossiers/{reference}/files/{file_id}", response={204: None, **PROBLEMS})
def remove_file(request: HttpRequest, reference: uuid.UUID, file_id: int):
    dossier = own(request, reference)
    attachment = (  # a key beyond bigint would be a database error
        Attachment.objects.filter(dossier=dossier, pk=file_id).first()
        if 0 < file_id < 2**63
        else None
    )
    if attachment is None:
        raise Http404(_("Không tìm thấy tệp này."))
    services.attachment_remove(attachment=attachment, user=request.user)
    return Status(204, None)


@router.post("/dossiers/{reference}/submit", response={200: DossierDetail, **PROBLEMS})
def submit(request: HttpRequest, reference: uuid.UUID):
    """Submit the draft: code, provisional appointment, receipt. Pressing twice is one
    submission. 400 lists what is missing (`answers`, `documents`, `delivery`)."""
    dossier = services.dossier_submit(dossier=own(request, reference), user=request.user)
    return shown(request, dossier)


@router.post("/dossiers/{reference}/supplement", response={200: DossierDetail, **PROBLEMS})
def supplement(request: HttpRequest, reference: uuid.UUID, body: NoteIn):
    """ "Nộp bổ sung": send the completed dossier back to the desk (answers and files
    changed first with the calls above)."""
    dossier = own(request, reference)
    dossier = services.dossier_resubmit(
        dossier=dossier,
        user=request.user,
        note=body.note,
        expected_state=body.expected_state or DossierState.SUPPLEMENT_REQUESTED,
    )
    return shown(request, dossier)


@router.post("/dossiers/{reference}/withdraw", response={200: DossierDetail, **PROBLEMS})
def withdraw(request: HttpRequest, reference: uuid.UUID, body: WithdrawIn):
    """Rút hồ sơ, before a decision. `expected_state`: the state the app showed (409 if
    it changed since)."""
    dossier = engine.dossier_transition(
        dossier=own(request, reference),
        user=request.user,
        name="withdraw",
        data={"reason": body.reason},
        expected_state=body.expected_state,
    )
    return shown(request, dossier)


@router.post("/dossiers/{reference}/rating", response={201: RatingOut, **PROBLEMS})
def rate(request: HttpRequest, reference: uuid.UUID, body: RatingIn):
    """One rating (1–5) per finished dossier."""
    rating = services.dossier_rate(
        dossier=own(request, reference),
        user=request.user,
        score=body.score,
        comment=body.comment,
    )
    return Status(201, {"score": rating.score, "comment": rating.comment})
