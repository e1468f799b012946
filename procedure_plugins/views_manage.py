"""The catalogue's management page on a locality's host (/thu-tuc/quan-tri/).

Who may do what, decided for the locality of the request:
- provincial IT (platform administrators, and the locality administrators of the province above)
  switch procedures on and off, and on a province's portal for all its communes at once;
- the locality's own administrator sets its processing time, fee and agency name within each
  plugin's limits.
Everyone else gets 403; an administrator of one locality has no power on another's host.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from staff.access import forbidden
from tenants.choices import Level
from tenants.models import Locality

from .forms import SHARE_FIELDS, LocalValuesForm
from .models import ProcedureOffering
from .registry import register
from .services import (
    may_enable_offerings,
    offering_adjust_check,
    offering_disable,
    offering_enable,
    offering_set_local_values,
    offering_set_step_shares,
    offerings_enable_for_level,
)
from .views import _locality


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    locality = _locality(request, None)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        offering_adjust_check(actor=request.user, locality=locality)
    except PermissionDenied as refusal:
        return forbidden(request, reason=str(refusal))
    can_enable = may_enable_offerings(actor=request.user, locality=locality)
    bound: LocalValuesForm | None = None
    status = 200
    if request.method == "POST":
        try:
            bound, message = _act(request, locality)
        except PermissionDenied as refusal:
            return forbidden(request, reason=str(refusal))
        if bound is None:
            if message:
                messages.success(request, message)
            return HttpResponseRedirect(reverse("catalogue:manage"))
        status = 400
    return render(
        request,
        "procedure_plugins/manage.html",
        {"rows": _rows(locality, bound), "can_enable": can_enable},
        status=status,
    )


def _rows(locality: Locality, bound: LocalValuesForm | None) -> list[dict]:
    offerings = {o.procedure_code: o for o in ProcedureOffering.objects.filter(locality=locality)}
    rows = []
    for plugin in register:
        if locality.level not in plugin.levels and not (
            locality.level == Level.PROVINCE and Level.COMMUNE in plugin.levels
        ):
            continue
        offering = offerings.get(plugin.code)
        if bound is not None and bound.plugin is plugin:
            form = bound
        else:
            form = LocalValuesForm(
                plugin=plugin,
                initial={
                    "code": plugin.code,
                    "processing_time_amount": offering.processing_time_amount if offering else None,
                    "fee_amount": offering.fee_amount if offering else None,
                    "agency_name": offering.agency_name if offering else "",
                    **{
                        SHARE_FIELDS[step]: share
                        for step, share in (
                            (offering.step_shares or {}) if offering else {}
                        ).items()
                    },
                },
            )
        rows.append(
            {
                "plugin": plugin,
                "offered": bool(offering and offering.is_active),
                "offerable_here": locality.level in plugin.levels,
                "for_communes": locality.level == Level.PROVINCE and Level.COMMUNE in plugin.levels,
                "form": form,
            }
        )
    return rows


def _act(request: HttpRequest, locality: Locality):
    """Run the posted action; (None, message) when done, (bound form, "") to show errors."""
    code = request.POST.get("code", "")
    action = request.POST.get("action", "")
    try:
        plugin = register.get(code)
    except KeyError:
        return None, _("Không có thủ tục %(code)s.") % {"code": code}
    try:
        if action == "enable":
            offering_enable(locality=locality, code=code, actor=request.user)
            return None, _("Đã bật thủ tục %(name)s.") % {"name": _(plugin.name)}
        if action == "disable":
            offering_disable(locality=locality, code=code, actor=request.user)
            return None, _("Đã tắt thủ tục %(name)s.") % {"name": _(plugin.name)}
        if action == "enable_communes":
            done = offerings_enable_for_level(
                province=locality, level=Level.COMMUNE, code=code, actor=request.user
            )
            return None, _("Đã bật thủ tục %(name)s cho %(n)s xã, phường.") % {
                "name": _(plugin.name),
                "n": len(done),
            }
    except ValidationError as error:
        return None, " ".join(error.messages)
    form = LocalValuesForm(request.POST, plugin=plugin)
    if not form.is_valid():
        return form, ""
    offering = ProcedureOffering.objects.filter(locality=locality, procedure_code=code).first()
    if offering is None:
        form.add_error(None, _("Thủ tục chưa được bật tại đơn vị này."))
        return form, ""
    try:
        with transaction.atomic():  # both or neither
            offering_set_local_values(
                offering=offering,
                processing_time_amount=form.cleaned_data["processing_time_amount"],
                fee_amount=form.cleaned_data["fee_amount"],
                agency_name=form.cleaned_data["agency_name"],
                actor=request.user,
            )
            if not form.fields[SHARE_FIELDS["receive"]].disabled:
                offering_set_step_shares(
                    offering=offering, shares=form.step_shares(), actor=request.user
                )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            # The shares' message stands at the first share's field.
            field = SHARE_FIELDS["receive"] if field == "step_shares" else field
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
        return form, ""
    return None, _("Đã lưu thời hạn, phí của thủ tục %(name)s.") % {"name": _(plugin.name)}
