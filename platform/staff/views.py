"""Staff pages under /tai-khoan/ on each portal host.

* `/tai-khoan/can-bo/` on a locality host: its administrator lists, appoints and removes staff.
* `/tai-khoan/don-vi/` on the national root (platform administrators: the provinces) or on a
  province host (its provincial administrators: the communes): appoint locality
  administrators and switch a locality's portal on or off.

Anyone else logged in gets HTTP 403; the check is always against the locality of the request.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from identity.selectors import mask_id_number
from tenants.context import current_locality
from tenants.models import Locality
from tenants.selectors import primary_host

from . import selectors, services
from .access import forbidden
from .forms import AppointForm, LocalityAdminForm
from .roles import Role


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _staff_page(request: HttpRequest, form: AppointForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "staff/staff_list.html",
        {
            "members": selectors.staff_members(),
            "form": form,
            "events": selectors.recent_events(20),
            "may_remove_admin": selectors.is_platform_admin(request.user),
            "roles": list(Role),
        },
        status=status,
    )


def _guard_staff_page(request: HttpRequest):
    if current_locality() is None:
        raise Http404  # the national root has no staff of its own; see /tai-khoan/don-vi/
    if not selectors.can_manage_staff(request.user):
        return forbidden(request, reason="staff")
    return None


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    refused = _guard_staff_page(request)
    if refused:
        return refused
    return _staff_page(request, AppointForm(roles=selectors.appointable_roles(request.user)))


@login_required
@require_POST
def staff_appoint_view(request: HttpRequest) -> HttpResponse:
    refused = _guard_staff_page(request)
    if refused:
        return refused
    form = AppointForm(request.POST, roles=selectors.appointable_roles(request.user))
    if form.is_valid():
        locality = current_locality()
        user, role = form.cleaned_data["identifier"], Role(form.cleaned_data["role"])
        try:
            services.staff_appoint(locality=locality, actor=request.user, user=user, role=role)
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Đã bổ nhiệm %(name)s làm %(role)s.")
                % {"name": user.get_full_name(), "role": role.label},
            )
            return redirect("staff:staff_list")
    return _staff_page(request, form)


@login_required
@require_POST
def staff_remove_view(request: HttpRequest) -> HttpResponse:
    refused = _guard_staff_page(request)
    if refused:
        return refused
    user = get_user_model().objects.filter(pk=request.POST.get("user") or 0).first()
    role = request.POST.get("role", "")
    if user is None or role not in Role.values:
        messages.error(request, _("Yêu cầu miễn nhiệm không hợp lệ."))
        return redirect("staff:staff_list")
    try:
        services.staff_remove(locality=current_locality(), actor=request.user, user=user, role=role)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            _("Đã miễn nhiệm %(name)s khỏi vai trò %(role)s.")
            % {"name": user.get_full_name(), "role": Role(role).label},
        )
    return redirect("staff:staff_list")


def _here(request: HttpRequest) -> Locality | None:
    return current_locality()


@login_required
def locality_list(request: HttpRequest) -> HttpResponse:
    here = _here(request)
    if here is not None and here.level not in ("province",):
        raise Http404
    localities = selectors.managed_localities(request.user, here)
    if localities is None:
        return forbidden(request, reason="localities")
    rows = [(unit, primary_host(unit)) for unit in localities]
    return render(
        request,
        "staff/locality_list.html",
        {"rows": rows, "here": here, "port": request.get_port()},
    )


@login_required
def locality_detail(request: HttpRequest, code: str) -> HttpResponse:
    here = _here(request)
    if here is not None and here.level != "province":
        raise Http404
    localities = selectors.managed_localities(request.user, here)
    if localities is None:
        return forbidden(request, reason="localities")
    unit = get_object_or_404(localities, code=code)
    form = LocalityAdminForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "appoint":
                form = LocalityAdminForm(request.POST)
                if form.is_valid():
                    user = form.cleaned_data["identifier"]
                    services.staff_appoint(
                        locality=unit, actor=request.user, user=user, role=Role.LOCALITY_ADMIN
                    )
                    messages.success(
                        request,
                        _("Đã bổ nhiệm %(name)s làm quản trị %(unit)s.")
                        % {"name": user.get_full_name(), "unit": unit.name},
                    )
                    return redirect("staff:locality_detail", code=unit.code)
            elif action == "remove":
                user = get_object_or_404(get_user_model(), pk=request.POST.get("user") or 0)
                services.staff_remove(
                    locality=unit, actor=request.user, user=user, role=Role.LOCALITY_ADMIN
                )
                messages.success(
                    request,
                    _("Đã miễn nhiệm %(name)s khỏi vai trò quản trị %(unit)s.")
                    % {"name": user.get_full_name(), "unit": unit.name},
                )
                return redirect("staff:locality_detail", code=unit.code)
            elif action in ("activate", "deactivate"):
                services.locality_set_active(
                    locality=unit, actor=request.user, active=action == "activate"
                )
                text = (
                    _("Đã mở cổng %(unit)s.")
                    if action == "activate"
                    else _("Đã tạm ngừng cổng %(unit)s.")
                )
                messages.success(request, text % {"unit": unit.name})
                return redirect("staff:locality_detail", code=unit.code)
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied as error:
            return forbidden(request, reason=str(error))
    admins = selectors.role_holders_in(unit, Role.LOCALITY_ADMIN)
    return render(
        request,
        "staff/locality_detail.html",
        {
            "unit": unit,
            "unit_host": primary_host(unit),
            "admins": [(admin, mask_id_number(admin.id_number)) for admin in admins],
            "form": form,
            "events": selectors.recent_events_in(unit, 10),
            "port": request.get_port(),
            "here": here,
        },
        status=200,
    )
