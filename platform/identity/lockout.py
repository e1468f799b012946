"""django-axes hooks: one lock per account whatever identifier was typed, and a lockout page in
Vietnamese that says when to try again."""

from __future__ import annotations

import math

from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q
from django.shortcuts import render
from django.utils import timezone

from .forms import LoginForm
from .selectors import user_by_identifier


def username_for_attempt(request, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: failures count against the account, not the typed string, so
    switching between ID number, e-mail and user name does not get around the lock."""
    field = settings.AXES_USERNAME_FORM_FIELD
    typed = (credentials or {}).get(field)
    if typed is None and request is not None:
        typed = getattr(request, "POST", {}).get(field)
    if not typed:
        return None
    user = user_by_identifier(typed)
    return user.get_username() if user is not None else typed.strip().lower()


def locked_until(request, credentials: dict | None):
    """When the most recent failure of this account or address stops counting."""
    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    username = username_for_attempt(request, credentials)
    ip_address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    latest = AccessAttempt.objects.filter(
        Q(username=username) | Q(ip_address=ip_address)
    ).aggregate(latest=Max("attempt_time"))["latest"]
    return (latest or timezone.now()) + cool_off


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again, with the lock explained (HTTP 429)."""

    until = locked_until(request, credentials)
    minutes = None
    if until is not None:
        minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    typed = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "") if request.POST else ""
    form = LoginForm(request, initial={"username": typed})
    return render(
        request,
        "identity/login.html",
        {
            "form": form,
            "locked_out": True,
            "locked_until": timezone.localtime(until) if until else None,
            "locked_minutes": minutes,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "next": request.POST.get("next", "") if request.POST else "",
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
