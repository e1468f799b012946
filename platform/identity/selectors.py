"""Reads about national accounts. Accounts live in the public schema; these work on any host."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from .validators import normalize_id_number


def user_by_identifier(identifier: str):
    """The account a person means by what they typed in "tên đăng nhập": ID number, e-mail or
    user name (seed 000: "Tên đăng nhập hoặc số CMND"). None when nothing matches.

    User names may hold neither `@` nor only digits (see validators), so the three never clash.
    """
    User = get_user_model()
    text = (identifier or "").strip()
    if not text:
        return None
    if "@" in text:
        return User.objects.filter(email__iexact=text).first()
    number = normalize_id_number(text)
    if number.isdigit() and len(number) in (9, 12):
        user = User.objects.filter(id_number=number).first()
        if user is not None:
            return user
    return (
        User.objects.filter(username=text).first()
        or User.objects.filter(username__iexact=text).first()
    )


def can_submit_dossiers(user) -> bool:
    """May this person submit a dossier? Logged in, active, and e-mail confirmed.

    The dossier feature calls this before a
    submission; an unconfirmed account may browse and fill drafts but not submit.
    """
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and getattr(user, "email_confirmed_at", None) is not None
    )


def id_number_taken(id_number: str, *, exclude_pk: int | None = None) -> bool:
    User = get_user_model()
    query = User.objects.filter(id_number=normalize_id_number(id_number))
    if exclude_pk is not None:
        query = query.exclude(pk=exclude_pk)
    return query.exists()


def email_taken(email: str, *, exclude_pk: int | None = None) -> bool:
    """The address of another account. (An address merely *waiting* for confirmation elsewhere
    does not count: anybody could type someone else's address there to block them.)"""
    User = get_user_model()
    query = User.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        query = query.exclude(pk=exclude_pk)
    return query.exists()


def username_taken(username: str, *, exclude_pk: int | None = None) -> bool:
    User = get_user_model()
    query = User.objects.filter(username__iexact=username)
    if exclude_pk is not None:
        query = query.exclude(pk=exclude_pk)
    return query.exists()


def mask_id_number(id_number: str | None) -> str:
    """`031090001234` -> `031******234`: enough to tell people apart, not to impersonate them."""
    if not id_number:
        return ""
    return id_number[:3] + "*" * (len(id_number) - 6) + id_number[-3:]
