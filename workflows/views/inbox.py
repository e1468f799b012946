"""The officers' inbox (/ho-so/can-bo/) and the assignment actions.

Every officer of the locality (any desk role) sees the inbox; another locality's officers get
403 (roles are per locality), a dossier of another locality is 404. The lists, counts and
filters are `workflows.inbox.query`; the assignment rules are
`workflows.services.assignment` (the page asks `may_assign`, the service checks again).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..errors import DossierChanged, TransitionNotAvailable
from ..forms import add_errors, with_length_hints
from ..inbox.export import inbox_csv
from ..inbox.forms import AssignForm, AssignManyForm, InboxFilterForm
from ..inbox.query import PAGE_SIZE, VIEW_KEYS, Inbox
from ..services import assignment, counter
from .common import handles_not_here, refusal
from .desk import _dossier_here, _officer_or_403

T = TypeVar("T")


def _listing(request: HttpRequest, query: QueryDict) -> tuple[Inbox, str, InboxFilterForm, Any]:
    """The inbox as `query` (the page's query string) filters it."""
    inbox = Inbox(user=request.user)
    view = query.get("view", "")
    if view not in VIEW_KEYS:
        view = "todo"
    states = [(state, label) for state, label, _n in inbox.state_counts("all")]
    form = InboxFilterForm(query or None, states=states)
    if form.is_bound:
        form.is_valid()  # errors are shown at their fields; the valid filters still apply
    queryset = inbox.filtered(view, form.filters()).select_related("applicant")
    return inbox, view, form, queryset


def _inbox_page(
    request: HttpRequest,
    query: QueryDict,
    *,
    assign_many_form: AssignManyForm | None = None,
    selected: frozenset[str] = frozenset(),
    status: int = 200,
) -> HttpResponse:
    box, view, form, queryset = _listing(request, query)
    per_page = getattr(settings, "INBOX_PAGE_SIZE", PAGE_SIZE)
    page = Paginator(queryset, per_page).get_page(query.get("trang"))
    query = query.copy()
    query.pop("trang", None)
    filters = form.filters()
    one_batch = bool(filters.procedure and filters.state)
    context = {
        "view": view,
        "views": [(v, box.count(v.key)) for v in box.views()],
        "form": form,
        "page": page,
        "rows": box.rows(list(page.object_list)),
        "state_counts": box.state_counts(view),
        "deadlines": box.deadline_counts(view),
        "query": query.urlencode(),
        "assign_many": one_batch and assignment.may_assign_many(actor=request.user),
        "assign_many_form": assign_many_form
        or AssignManyForm(initial={"procedure": filters.procedure, "step": filters.state}),
        "selected": selected,
        "may_register_at_counter": counter.may_register_at_counter(user=request.user),
    }
    return render(request, "workflows/inbox.html", context, status=status)


@login_required
@require_GET
@handles_not_here
def inbox(request: HttpRequest) -> HttpResponse:
    if (refused := _officer_or_403(request)) is not None:
        return refused
    return _inbox_page(request, request.GET)


@login_required
@require_GET
@handles_not_here
def inbox_export(request: HttpRequest) -> HttpResponse:
    if (refused := _officer_or_403(request)) is not None:
        return refused
    box, _view, _form, queryset = _listing(request, request.GET)
    response = HttpResponse(
        inbox_csv(box.rows(list(queryset))), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="ho-so.csv"'
    return response


def _run(
    request: HttpRequest, form: Any, action: Callable[[], T]
) -> tuple[T | None, HttpResponse | None]:
    """Run a service for a form: (its result, None); (None, the refusal page) for the role or a
    stale page; (None, None) with the service's complaint put on the form at its field."""
    try:
        return action(), None
    except (DossierChanged, TransitionNotAvailable, PermissionDenied) as refused:
        return None, _refused(request, refused)
    except ValidationError as invalid:
        add_errors(form, invalid)
        return None, None


def _refused(request: HttpRequest, error: Exception) -> HttpResponse:
    """403 for the role, 409 for a page that no longer shows the dossier as it is."""
    if isinstance(error, PermissionDenied):
        return refusal(request, status=403, message=str(error))
    return refusal(request, status=409, message=getattr(error, "message", str(error)))


def _assignee(pk: int | None) -> Any:
    return get_user_model().objects.filter(pk=pk).first() if pk else None


@login_required
@require_http_methods(["POST"])
@handles_not_here
def dossier_assign(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    if (refused := _officer_or_403(request)) is not None:
        return refused
    dossier = _dossier_here(reference)
    form = with_length_hints(AssignForm(request.POST, prefix="assign"))
    if form.is_valid():
        data = form.cleaned_data
        done, refused = _run(
            request,
            form,
            lambda: assignment.dossier_assign(
                dossier=dossier,
                actor=request.user,
                assignee=_assignee(data["assignee"]),
                expected_state=data["state"],
                expected_assignee_id=data["current"],
                note=data["note"],
            ),
        )
        if refused is not None:
            return refused
        if done is not None:
            messages.success(
                request,
                _("Đã giao hồ sơ %(code)s cho %(name)s.")
                % {"code": dossier.code, "name": done.user.get_full_name()},
            )
            return redirect("workflows:desk_detail", reference=dossier.reference)
    if not assignment.may_assign(dossier=dossier, actor=request.user):
        return refusal(
            request, status=403, message=_("Bạn không có quyền phân công xử lý hồ sơ này.")
        )
    return render(
        request,
        "workflows/inbox_assign.html",
        {"dossier": dossier, "assign_form": form},
        status=400,
    )


@login_required
@require_http_methods(["POST"])
@handles_not_here
def dossiers_assign_many(request: HttpRequest) -> HttpResponse:
    if (refused := _officer_or_403(request)) is not None:
        return refused
    if not assignment.may_assign_many(actor=request.user):
        return refusal(
            request,
            status=403,
            message=_("Chỉ lãnh đạo đơn vị được phân công nhiều hồ sơ cùng lúc."),
        )
    form = AssignManyForm(request.POST)
    # Back to the list as it was filtered (a query string only: never another site).
    back = QueryDict(request.POST.get("back", "").lstrip("?"))
    references = request.POST.getlist("dossiers")
    if form.is_valid():
        data = form.cleaned_data
        done_many, refused = _run(
            request,
            form,
            lambda: assignment.dossiers_assign_many(
                references=_uuids(references),
                actor=request.user,
                assignee=_assignee(data["assignee"]),
                procedure_code=data["procedure"],
                step=data["step"],
                note=data["note"],
            ),
        )
        if refused is not None:
            return refused
        if done_many is not None:
            messages.success(request, _("Đã phân công %(n)s hồ sơ.") % {"n": len(done_many)})
            return redirect(reverse("workflows:inbox") + (f"?{back.urlencode()}" if back else ""))
    # The list again, the choices kept, the problem at its field.
    return _inbox_page(
        request, back, assign_many_form=form, selected=frozenset(references), status=400
    )


def _uuids(values: list[str]) -> list[uuid.UUID]:
    found = []
    for value in values:
        try:
            found.append(uuid.UUID(value))
        except ValueError:
            continue
    return found
