"""The officers' desk over the API: the inbox (workflows/inbox/query.py) and the actions the
engine offers (workflows/engine.py), with the pages' answers: 403 for a person without an
officer's role *here*, 404 for a dossier of another locality, 409 when the dossier is no longer
in `expected_state` (the state the client showed) or the step is over, 400 with the action
form's errors by field.

    GET  /api/v1/desk/inbox?view=todo&state=submitted&q=nguyen
    GET  /api/v1/desk/dossiers/{ref}         → with the "actions" this officer may take
    POST /api/v1/desk/dossiers/{ref}/actions/receive
         {"expected_state": "submitted", "data": {}}
    POST /api/v1/desk/dossiers/{ref}/result   multipart: file (the signed PDF), expected_state
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from staff.selectors import user_has_any_role
from workflows import engine, selectors, services
from workflows.access_log import access_record
from workflows.inbox.forms import InboxFilterForm
from workflows.inbox.query import INBOX_ROLES, VIEW_KEYS, Inbox
from workflows.models import AccessKind, Dossier
from workflows.workflow import OFFICER

from .auth import PERSON
from .base import DEFAULT_PAGE_SIZE, PageMeta, page_of
from .dossier_schemas import DossierDetail, DossierSummary, detail, summary
from .problems import PROBLEMS


class InboxFilters(Schema):
    view: str = "todo"
    state: str = ""
    procedure: str = ""
    q: str = ""
    overdue: bool = False
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


class InboxItem(DossierSummary):
    applicant_name: str
    channel: str
    time_left: str
    time_tone: str
    assignee_name: str
    due_at: datetime.datetime | None


class InboxPage(Schema):
    items: list[InboxItem]
    meta: PageMeta
    counts: dict[str, int]


class ActionIn(Schema):
    #: The state the client showed; another officer acted first → 409.
    expected_state: str
    #: The action form's fields (`reason`, `note`, …: see the dossier's `actions`).
    data: dict[str, Any] = {}


def check_officer(request: HttpRequest) -> None:
    if not user_has_any_role(request.user, INBOX_ROLES):
        raise PermissionDenied(
            _(
                "Thao tác này dành cho cán bộ của đơn vị. Vai trò cán bộ chỉ có hiệu lực tại "
                "địa phương nơi bạn được bổ nhiệm."
            )
        )


def dossier_here(reference: uuid.UUID) -> Dossier:
    dossier = selectors.dossier_by_reference(reference=reference)
    if dossier is None or dossier.state == "draft":
        raise Http404(_("Không tìm thấy hồ sơ này tại đơn vị."))
    return dossier


router = Router(tags=["Bộ phận Một cửa"], auth=PERSON)


@router.get("/desk/inbox", response={200: InboxPage, **PROBLEMS})
def inbox(request: HttpRequest, filters: Query[InboxFilters]):
    """The officer's inbox (the page's views: todo, receive, assigned, approve, return,
    transferred_in, all), filtered and paginated, with the count of each view."""
    check_officer(request)
    box = Inbox(user=request.user)
    view = filters.view if filters.view in VIEW_KEYS else "todo"
    states = [(state, label) for state, label, _n in box.state_counts("all")]
    query = {"state": filters.state, "procedure": filters.procedure, "q": filters.q}
    if filters.overdue:
        query["overdue"] = "on"
    form = InboxFilterForm({k: v for k, v in query.items() if v}, states=states)
    form.is_valid()
    queryset = box.filtered(view, form.filters()).select_related("applicant")
    chunk, meta = page_of(queryset, page=filters.page, page_size=filters.page_size)
    items = [
        {
            **summary(row.dossier.as_workflow()),
            "applicant_name": row.applicant_name,
            "channel": str(row.channel),
            "time_left": row.time_left.text,
            "time_tone": row.time_left.tone,
            "assignee_name": row.assignee_name,
            "due_at": row.dossier.due_at,
        }
        for row in box.rows(chunk)
    ]
    counts = {v.key: box.count(v.key) for v in box.views()}
    return {"items": items, "meta": meta, "counts": counts}


@router.get("/desk/dossiers/{reference}", response={200: DossierDetail, **PROBLEMS})
def desk_dossier(request: HttpRequest, reference: uuid.UUID):
    """A dossier of this unit with the actions this officer may take now."""
    check_officer(request)
    dossier = dossier_here(reference)
    # Decree 13/2023: an officer's reading through the API is listed to the applicant as well.
    access_record(dossier=dossier, user=request.user, kind=AccessKind.VIEWED, what="API")
    return detail(dossier, user=request.user, actor=OFFICER)


@router.post("/desk/dossiers/{reference}/actions/{name}", response={200: DossierDetail, **PROBLEMS})
def act(request: HttpRequest, reference: uuid.UUID, name: str, body: ActionIn):
    """Run action `name` (one of the dossier's `actions`) through the same services the
    desk page calls."""
    check_officer(request)
    dossier = engine.dossier_transition(
        dossier=dossier_here(reference),
        user=request.user,
        name=name,
        data={key: "" if value is None else value for key, value in body.data.items()},
        expected_state=body.expected_state,
    )
    return detail(dossier_here(dossier.reference), user=request.user, actor=OFFICER)


class IssuedOut(Schema):
    id: int
    kind: str
    filename: str


@router.post("/desk/dossiers/{reference}/result", response={201: IssuedOut, **PROBLEMS})
def attach_result(
    request: HttpRequest,
    reference: uuid.UUID,
    file: File[UploadedFile],
    expected_state: Form[str],
    note: Form[str] = "",
):
    """The signed result (a PDF, checked by content): specialist or leader, while the dossier
    is processed or awaiting approval, as on the desk page (`result_attach_check`)."""
    check_officer(request)
    dossier = dossier_here(reference)
    services.result_attach_check(dossier=dossier, actor=request.user)
    document = services.dossier_attach_result(
        dossier=dossier,
        user=request.user,
        upload=file,
        note=note,
        expected_state=expected_state,
    )
    return Status(201, {"id": document.pk, "kind": document.kind, "filename": document.filename})
