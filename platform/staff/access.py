"""View guards for staff pages: a role *in the locality of the request*, else HTTP 403.

    from staff.access import role_required
    from staff.roles import Role

    @role_required(Role.RECEIVING_OFFICER, Role.LEADER)
    def desk(request): ...

An officer of Xã Tứ Kỳ opening the same page on Xã Chư Pưh's host gets 403: their roles exist
only in Tứ Kỳ's schema. Platform administrators pass everywhere.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from . import selectors


def forbidden(request, *, reason: str = ""):
    """The 403 page staff guards show, naming the locality the person is on."""
    return render(
        request,
        "staff/forbidden.html",
        {"reason": reason, "roles_here": selectors.user_roles(request.user)},
        status=403,
    )


def role_required(*roles):
    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if selectors.is_platform_admin(request.user) or selectors.user_has_any_role(
                request.user, roles
            ):
                return view_func(request, *args, **kwargs)
            return forbidden(request)

        return wrapped

    return decorator
