"""Tra cứu hồ sơ at /ho-so/tra-cuu/ on every portal: commune, province and the national root.

Who sees what is decided in workflows/public_index/lookup.py; this view reads the form, applies
the two limits and renders. The QR code on every slip opens `?ma=<code>` (GET); the forms post,
so that an ID number never lands in a URL or a server log.

Limits, per client address across every host (the cache alias `ratelimit` has no tenant prefix):
- every search counts against `LOOKUP_RATE_LIMIT` (django-ratelimit); past it, HTTP 429;
- wrong ID numbers typed with one code are counted: after a few, the page stops checking numbers
  for that code for an hour (guessing someone's number from a code found on a slip would
  otherwise be a matter of patience).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from tenants.choices import Level

from ..forms import LookupForm
from ..public_index import lookup as rules
from ..public_index.services import id_number_hash

MAX_WRONG_ID_ATTEMPTS = 5
WRONG_ID_WINDOW = 3600
TEMPLATE = "workflows/lookup.html"


def _portal(request: HttpRequest):
    tenant = getattr(request, "tenant", None)
    return None if tenant is None or tenant.level == Level.NATIONAL else tenant


def _attempts_key(request: HttpRequest, code: str) -> str:
    # The same client address as the rate limit reads (RATELIMIT_IP_META_KEY behind a proxy).
    client = request.META.get(settings.RATELIMIT_IP_META_KEY, "")
    return f"workflows:lookup-id:{client}:{code}"


def _rate_limited(request: HttpRequest) -> bool:
    return is_ratelimited(
        request,
        group="workflows.lookup",
        key="ip",
        rate=settings.LOOKUP_RATE_LIMIT,
        increment=True,
    )


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
    if _rate_limited(request):
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
    attempts = caches["ratelimit"]
    key = _attempts_key(request, code)
    if typed and attempts.get(key, 0) >= MAX_WRONG_ID_ATTEMPTS:
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
        attempts.set(key, attempts.get(key, 0) + 1, WRONG_ID_WINDOW)
        context["notice"] = _(
            "Số CCCD/CMND không khớp với hồ sơ này nên thông tin cá nhân được ẩn."
        )
    context["rows"] = answer.rows
    context["person_rows"] = answer.person_rows
    return render(request, TEMPLATE, context)
