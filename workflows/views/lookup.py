"""Tra cứu hồ sơ: anyone may look a dossier up by its code (the QR code on every slip opens this
page with `?ma=`); names and ID numbers are masked unless the viewer proves who they are
(logged in as the applicant, or the code together with the matching ID number: Decree 13/2023).

The ID number is sent with POST (the CMS home page's box posts `code` and `id_number`) so that
it never lands in a URL or a server log. Wrong ID numbers for one code are counted per client:
after a few, the page stops checking them for an hour (guessing someone's number from a code
they found on a slip would otherwise be a matter of patience).
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import selectors
from ..forms import LookupForm
from .common import handles_not_here, locality_of

MAX_WRONG_ID_ATTEMPTS = 5
WRONG_ID_WINDOW = 3600


def _attempts_key(request: HttpRequest, code: str) -> str:
    client = request.META.get("REMOTE_ADDR", "")
    return f"workflows:lookup-id:{client}:{code}"


@require_http_methods(["GET", "POST"])
@handles_not_here
def lookup(request: HttpRequest) -> HttpResponse:
    locality_of(request)
    source = request.POST if request.method == "POST" else request.GET
    data = {
        "code": source.get("code") or source.get("ma") or "",
        "id_number": source.get("id_number") if request.method == "POST" else "",
    }
    searched = bool(data["code"] or request.method == "POST")
    form = LookupForm(data if searched else None)
    result = None
    notice = ""
    status = 200
    if searched:
        if form.is_valid():
            code = form.cleaned_data["code"]
            typed = form.cleaned_data["id_number"]
            key = _attempts_key(request, code)
            if typed and cache.get(key, 0) >= MAX_WRONG_ID_ATTEMPTS:
                typed = ""
                notice = _(
                    "Bạn đã nhập sai số CCCD/CMND nhiều lần cho mã hồ sơ này. Thông tin cá nhân "
                    "được che bớt; vui lòng thử lại sau một giờ hoặc đăng nhập."
                )
            result = selectors.lookup(code=code, id_number=typed, user=request.user)
            if result is None:
                status = 404
            elif typed and not result.proven:
                cache.set(key, cache.get(key, 0) + 1, WRONG_ID_WINDOW)
                notice = _(
                    "Số CCCD/CMND không khớp với hồ sơ này nên thông tin cá nhân được che bớt."
                )
        else:
            status = 400
    return render(
        request,
        "workflows/lookup.html",
        {
            "form": form,
            "result": result,
            "searched": searched and form.is_valid(),
            "notice": notice,
        },
        status=status,
    )
