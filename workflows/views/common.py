"""What every dossier view shares: the locality of the request, and refusals as pages.

Refusals are pages with the reason in Vietnamese and the right status (the portal's generic 404
page would not say why): 404 for what does not exist *for this person here* (another citizen's
dossier, another locality's, a procedure not offered), 403 for what they may not do, 409 when
someone else acted first.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tenants.choices import Level

from .. import selectors
from ..choices import IssuedKind
from ..models import Dossier


class NotHere(Exception):
    """Raised inside a view to answer 404 with a message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refusal(request: HttpRequest, *, status: int, message: str, title: str = "") -> HttpResponse:
    titles = {
        400: _("Không thực hiện được"),
        403: _("Không có quyền thực hiện"),
        404: _("Không tìm thấy"),
        409: _("Hồ sơ đã thay đổi"),
    }
    return render(
        request,
        "workflows/refusal.html",
        {"title": title or titles.get(status, ""), "message": message, "status": status},
        status=status,
    )


#: How long the "being prepared" page asks the browser to wait before reloading.
SLIP_RETRY_SECONDS = 5


def slip_pending(request: HttpRequest, dossier: Any, *, kind: str) -> HttpResponse:
    """HTTP 202 "being prepared, reload in a moment" for a slip whose PDF is not rendered yet.

    The PDF is rendered after the issuing transaction (workflows/slips.py) and a GET never
    writes. Rendering it here without storing it was the alternative: every reload of a slow
    slip would start another render on a web worker, and the citizen could hold a PDF that is
    not the document kept on file (the stored one is the record, traced to its template).
    """
    response = render(
        request,
        "workflows/slip_pending.html",
        {"dossier": dossier, "name": IssuedKind(kind).label},
        status=202,
    )
    response["Retry-After"] = str(SLIP_RETRY_SECONDS)
    return response


def locality_of(request: HttpRequest) -> Any:
    locality = getattr(request, "tenant", None)
    if locality is None or not getattr(locality, "pk", None) or locality.level == Level.NATIONAL:
        raise NotHere(_("Hồ sơ được nộp và giải quyết tại cổng của từng địa phương."))
    return locality


def own_dossier(request: HttpRequest, reference: Any) -> Dossier:
    """The requester's own dossier in this locality; anything else is "not found"."""
    locality_of(request)
    dossier = selectors.dossier_of_applicant(reference=reference, user=request.user)
    if dossier is None:
        raise NotHere(_("Không tìm thấy hồ sơ này trong các hồ sơ của bạn tại đơn vị này."))
    return dossier


def handles_not_here(view):
    """Turn `NotHere` into a 404 page with its message."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotHere as refused:
            return refusal(request, status=404, message=refused.message)

    return wrapped
