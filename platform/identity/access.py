"""Guards for views that need a confirmed account (e.g. submitting a dossier).

    from identity.access import confirmed_account_required, ConfirmedAccountRequiredMixin

    @confirmed_account_required
    def dossier_submit(request, ...): ...

Anonymous visitors go to the login page; logged-in but unconfirmed citizens get HTTP 403 with a
Vietnamese explanation and a button that sends the confirmation e-mail again.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from .selectors import can_submit_dossiers


def unconfirmed_response(request):
    return render(
        request, "identity/unconfirmed.html", {"next": request.get_full_path()}, status=403
    )


def confirmed_account_required(view_func):
    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_submit_dossiers(request.user):
            return unconfirmed_response(request)
        return view_func(request, *args, **kwargs)

    return wrapped


class ConfirmedAccountRequiredMixin:
    """Class-based views: put it first among the bases."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_submit_dossiers(request.user):
            return unconfirmed_response(request)
        return super().dispatch(request, *args, **kwargs)
