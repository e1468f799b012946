"""The 403 page of staff pages, naming the locality the person is on and their roles there.

An officer of Xã Tứ Kỳ opening a staff page on Xã Chư Pưh's host gets it: their roles exist
only in Tứ Kỳ's schema.
"""

from __future__ import annotations

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
