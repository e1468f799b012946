"""Tra cứu hồ sơ at /ho-so/tra-cuu/ on every portal: commune, province and the national root.

Who sees what is decided in workflows/public_index/lookup.py; this view reads the form, applies
the two limits and renders. The QR code on every slip opens `?ma=<code>` (GET); the forms post,
so that an ID number never lands in a URL or a server log.

The two limits (rate, wrong ID numbers per code) are workflows/public_index/limits.py, which
the API calls too.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tenants.choices import Level

from ..forms import LookupForm
from ..public_index import lookup as rules
from ..public_index.limits import (
    count_wrong_id,
    lookup_rate_limited,
    wrong_id_attempts_exhausted,
)
from ..public_index.services import id_number_hash

TEMPLATE = "workflows/lookup.html"


def _portal(request: HttpRequest):
    tenant = getattr(request, "tenant", None)
    return None if tenant is None or tenant.level == Level.NATIONAL else tenant


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    portal = _portal(request)
    source = request.POST if request.method == "POST" else request.GET
    data = {
        "code": source.get("code") or source.get("ma") or "",
        # Never from the URL: an ID number in a query string ends up in logs and histories.
        "id_number": request.POST.get("id_number", "") if request.method == "POST" else "",
        "unit": source.get("unit", ""),
        "dossier_name": source.get("dossier_name", ""),
        "applicant_name": source.get("applicant_name", ""),
    }
    searched = request.method == "POST" or any(data.values())
    units = rules.scope_units(portal)
    form = LookupForm(data if searched else None, units=units)
    context = {"form": form, "portal": portal, "searched": searched, "action": request.path}
    if not searched:
        return render(request, TEMPLATE, context)
    if lookup_rate_limited(request):
        context["refusal"] = _(
            "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng đợi một phút rồi thử lại."
        )
        return render(request, TEMPLATE, context, status=429)
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)

    code = form.cleaned_data["code"]
    typed = form.cleaned_data["id_number"]
    if code:
        return _by_code(request, context, portal=portal, code=code, typed=typed)
    if typed:
        if not rules.may_list_by_id_number(user=request.user, id_number=typed):
            # The same answer whether or not this number has dossiers.
            context["refusal"] = _(
                "Để xem các hồ sơ theo số CCCD/CMND, vui lòng đăng nhập bằng tài khoản của "
                "chính người đó, hoặc nhập kèm mã hồ sơ ghi trên giấy tiếp nhận."
            )
            return render(request, TEMPLATE, context, status=403)
        context["person_rows"] = rules.by_id_hash(
            id_hash=id_number_hash(typed), portal=portal, user=request.user
        )
        return render(request, TEMPLATE, context)
    context["masked_rows"] = rules.advanced(
        portal=portal,
        unit=form.selected_unit,
        dossier_name=form.cleaned_data["dossier_name"],
        applicant_name=form.cleaned_data["applicant_name"],
    )
    return render(request, TEMPLATE, context)


def _by_code(request: HttpRequest, context: dict, *, portal, code: str, typed: str) -> HttpResponse:
    if typed and wrong_id_attempts_exhausted(request, code):
        typed = ""
        context["notice"] = _(
            "Bạn đã nhập sai số CCCD/CMND nhiều lần cho mã hồ sơ này. Thông tin cá nhân "
            "được ẩn; vui lòng thử lại sau một giờ hoặc đăng nhập."
        )
    answer = rules.by_code(code=code, portal=portal, user=request.user, id_number=typed)
    if not answer.rows:
        context["not_found"] = True
        return render(request, TEMPLATE, context, status=404)
    if answer.wrong_id_number:
        count_wrong_id(request, code)
        context["notice"] = _(
            "Số CCCD/CMND không khớp với hồ sơ này nên thông tin cá nhân được ẩn."
        )
    context["rows"] = answer.rows
    context["person_rows"] = answer.person_rows
    return render(request, TEMPLATE, context)
