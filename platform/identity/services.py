"""Writes about national accounts: registration, e-mail confirmation, profile changes.

Views, the OIDC backend, demo data and tests all call these, so every path behaves the same.
E-mails leave only after the transaction commits (`transaction.on_commit`): a registration that
fails half-way never sends a confirmation link for an account that does not exist.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from outbox.choices import Channel
from outbox.compose import sender
from outbox.services import message_enqueue
from tenants.context import current_locality

from . import selectors
from .terms import TERMS_VERSION
from .tokens import (
    ConfirmationExpired,
    ConfirmationInvalid,
    make_confirmation_token,
    read_confirmation_token,
)
from .validators import normalize_id_number

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PortalLink:
    """Where links in an e-mail point: the portal the person was using, e.g.
    `PortalLink(base_url="http://tu-ky.hai-phong.dichvucong.localhost:8000", name="Xã Tứ Kỳ")`.
    Never a global setting: a citizen of Tứ Kỳ gets Tứ Kỳ's links."""

    base_url: str
    name: str


def _duplicate_errors(*, id_number: str | None, email: str, username: str, exclude_pk=None):
    errors: dict[str, str] = {}
    if id_number and selectors.id_number_taken(id_number, exclude_pk=exclude_pk):
        errors["id_number"] = _(
            "Số CCCD/CMND này đã được đăng ký. Nếu đó là bạn, hãy đăng nhập hoặc dùng “Quên "
            "mật khẩu”."
        )
    if email and selectors.email_taken(email, exclude_pk=exclude_pk):
        errors["email"] = _(
            "Địa chỉ thư điện tử này đã được một tài khoản khác sử dụng. Nếu đó là bạn, hãy "
            "đăng nhập hoặc dùng “Quên mật khẩu”."
        )
    if username and selectors.username_taken(username, exclude_pk=exclude_pk):
        errors["username"] = _("Tên đăng nhập này đã có người dùng. Vui lòng chọn tên khác.")
    return errors


@transaction.atomic
def user_register(
    *,
    full_name: str,
    id_number: str,
    date_of_birth: dt.date,
    address: str,
    email: str,
    phone: str,
    password: str,
    username: str = "",
    terms_version: str = TERMS_VERSION,
    portal: PortalLink,
):
    """Create a national account (unconfirmed) and send the confirmation link.

    Raises `ValidationError` keyed by field when the ID number, e-mail or user name is taken,
    including when another registration wins a race for it (the unique constraints).

    Example::

        user_register(full_name="Nguyễn Văn An", id_number="031090001234",
                      date_of_birth=date(1990, 5, 9), address="Thôn 1, xã Tứ Kỳ",
                      email="an@example.vn", phone="0912345678", password="...",
                      portal=PortalLink(base_url="http://tu-ky...", name="Xã Tứ Kỳ"))
    """
    id_number = normalize_id_number(id_number)
    user = _create_account(
        (username or id_number).lower(),
        password,
        full_name=full_name,
        id_number=id_number,
        date_of_birth=date_of_birth,
        address=address,
        email=email,
        phone=phone,
        personal_data_consent_at=timezone.now(),
        personal_data_terms_version=terms_version,
    )
    email_confirmation_send(user=user, portal=portal)
    return user


def _create_account(username: str, password: str, **fields):
    """A new account, or `ValidationError` keyed by field when its ID number, e-mail or user
    name is taken (also when another registration wins the race between check and insert)."""
    id_number, email = fields.get("id_number"), fields.get("email", "")
    errors = _duplicate_errors(id_number=id_number, email=email, username=username)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return get_user_model().objects.create_user(username, password, **fields)
    except IntegrityError:
        errors = _duplicate_errors(id_number=id_number, email=email, username=username)
        raise ValidationError(errors or _("Không tạo được tài khoản, vui lòng thử lại.")) from None


@transaction.atomic
def user_register_at_counter(
    *,
    full_name: str,
    id_number: str,
    date_of_birth: dt.date | None,
    address: str,
    email: str,
    phone: str,
    portal: PortalLink,
    terms_version: str = TERMS_VERSION,
):
    """An account a receiving officer opens for a citizen who brings a dossier to the counter
    (or sends it by post), so that the dossier has its applicant and the citizen can follow it.

    The user name is the ID number; the password is random and told to nobody. The citizen
    claims the account with the password-reset machinery: when an e-mail address was given, a
    claim link (the reset link, `identity:password_reset_confirm`) is sent after commit, and
    "Quên mật khẩu" with that address works at any time later; setting the password through
    that link also confirms the address (`email_confirmed_by_password_reset`). The citizen's
    consent to the personal-data terms (Decree 13/2023), given at the counter, is recorded with
    its time and version as at registration. Raises
    `ValidationError` keyed by field when the ID number or e-mail is taken.

    Example::

        user_register_at_counter(full_name="Trần Thị Bình", id_number="031190001234",
                                 date_of_birth=None, address="", email="", phone="0912345678",
                                 portal=PortalLink(base_url="http://tu-ky...", name="Xã Tứ Kỳ"))
    """
    id_number = normalize_id_number(id_number)
    user = _create_account(
        id_number,
        secrets.token_urlsafe(32),
        full_name=full_name,
        id_number=id_number,
        date_of_birth=date_of_birth,
        address=address,
        email=email,
        phone=phone,
        personal_data_consent_at=timezone.now(),
        personal_data_terms_version=terms_version,
    )
    if email:
        account_claim_send(user=user, portal=portal)
    return user


def account_claim_url(*, user, portal: PortalLink) -> str:
    """The password-reset link of `user`: opening it lets the person set their password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return portal.base_url + reverse(
        "identity:password_reset_confirm", kwargs={"uidb64": uid, "token": token}
    )


def account_claim_send(*, user, portal: PortalLink) -> str:
    """Queue (after commit) the e-mail that lets a citizen claim an account opened for them at
    the counter; returns the address."""
    context = {
        "user": user,
        "portal": portal,
        "claim_url": account_claim_url(user=user, portal=portal),
    }
    subject = _("[%(portal)s] Tài khoản dịch vụ công của bạn") % {"portal": portal.name}
    text = render_to_string("identity/email/account_claim.txt", context)
    _email_after_commit(kind="account_claim", address=user.email, subject=subject, text=text)
    return user.email


def _email_after_commit(
    *, kind: str, address: str, subject: str, text: str, html: str = ""
) -> None:
    """Send an account e-mail once the transaction commits.

    On a locality's portal it is a row of that locality's outbox (platform/outbox/): retried
    when the mail server refuses, visible to nobody but delivered exactly once. On the national
    host (public schema, no outbox table: the outbox lives beside the dossiers in each
    locality's schema) it leaves directly after commit; a failure is logged and the citizen can
    press "Gửi lại thư xác nhận"."""
    locality = current_locality()
    if locality is not None:
        message_enqueue(
            channel=Channel.EMAIL,
            kind=kind,
            recipient=address,
            key=f"email:{kind}:{uuid.uuid4().hex}",  # each request is its own message
            subject=subject,
            body=text,
            html_body=html,
            payload={"from_email": sender(locality)},
        )
        return

    def send() -> None:
        message = EmailMultiAlternatives(subject, text, to=[address])
        if html:
            message.attach_alternative(html, "text/html")
        message.send()

    # robust: a mail server that is down must not turn a saved registration into an error page.
    transaction.on_commit(send, robust=True)


def confirmation_url(*, user, email: str, portal: PortalLink) -> str:
    token = make_confirmation_token(user_pk=user.pk, email=email)
    return portal.base_url + reverse("identity:confirm_email", kwargs={"token": token})


def email_confirmation_send(*, user, portal: PortalLink, email: str | None = None) -> str:
    """Queue the confirmation e-mail (sent after commit) for the account's pending address, or
    its current one; returns the address it goes to."""
    address = email or user.pending_email or user.email
    url = confirmation_url(user=user, email=address, portal=portal)
    max_age = getattr(settings, "IDENTITY_EMAIL_CONFIRMATION_MAX_AGE", 3 * 24 * 3600)
    context = {
        "user": user,
        "portal": portal,
        "confirm_url": url,
        "valid_hours": max_age // 3600,
    }
    subject = _("[%(portal)s] Xác nhận địa chỉ thư điện tử") % {"portal": portal.name}
    text = render_to_string("identity/email/confirm_email.txt", context)
    html = render_to_string("identity/email/confirm_email.html", context)
    _email_after_commit(
        kind="email_confirmation", address=address, subject=subject, text=text, html=html
    )
    return address


@transaction.atomic
def email_confirm(*, token: str):
    """Apply a confirmation link: mark the address confirmed, or switch to the pending address.

    Raises `ConfirmationExpired` / `ConfirmationInvalid` (the view says which, in Vietnamese),
    or `ValidationError` when a pending address was taken by someone else meanwhile.
    Opening the same link twice is harmless.
    """
    User = get_user_model()
    claim = read_confirmation_token(token)
    user = User.objects.select_for_update().filter(pk=claim.user_pk).first()
    if user is None:
        raise ConfirmationInvalid
    now = timezone.now()
    if user.email.lower() == claim.email:
        if user.email_confirmed_at is None:
            user.email_confirmed_at = now
            user.save(update_fields=["email_confirmed_at"])
        return user
    if user.pending_email.lower() == claim.email:
        if selectors.email_taken(claim.email, exclude_pk=user.pk):
            raise ValidationError(
                _("Địa chỉ %(email)s đã được một tài khoản khác xác nhận trước."),
                params={"email": claim.email},
            )
        user.email = user.pending_email
        user.pending_email = ""
        user.email_confirmed_at = now
        user.save(update_fields=["email", "pending_email", "email_confirmed_at"])
        return user
    # The link is for an address this account no longer has.
    raise ConfirmationInvalid


def _set_channels(user, **choices: bool | None) -> list[str]:
    """Set the notification channels given (None: unchanged); the fields changed."""
    given = {field: choice for field, choice in choices.items() if choice is not None}
    for field, choice in given.items():
        setattr(user, field, choice)
    return list(given)


@transaction.atomic
def profile_update(
    *,
    user,
    full_name: str,
    date_of_birth: dt.date,
    address: str,
    phone: str,
    email: str,
    id_number: str | None = None,
    portal: PortalLink,
    notify_by_email: bool | None = None,
    notify_by_sms: bool | None = None,
):
    """Change what a citizen may change about themselves (a channel preference left None stays).

    The ID number is fixed once the account is confirmed (a confirmed account may have dossiers
    filed under it). A new e-mail address becomes pending and gets its own confirmation link;
    the old address stays in use until then. Returns the user.
    """
    changed = ["full_name", "date_of_birth", "address", "phone"]
    changed += _set_channels(user, notify_by_email=notify_by_email, notify_by_sms=notify_by_sms)
    user.full_name, user.date_of_birth = full_name, date_of_birth
    user.address, user.phone = address, phone
    if id_number is not None:
        id_number = normalize_id_number(id_number)
        if id_number != user.id_number:
            if user.is_confirmed:
                raise ValidationError(
                    {
                        "id_number": _(
                            "Số CCCD/CMND của tài khoản đã xác nhận không thể thay đổi. Vui lòng "
                            "liên hệ bộ phận một cửa nếu số này sai."
                        )
                    }
                )
            errors = _duplicate_errors(
                id_number=id_number, email="", username="", exclude_pk=user.pk
            )
            if errors:
                raise ValidationError(errors)
            user.id_number = id_number
            changed.append("id_number")
    new_email = email.strip()
    send_to = None
    if new_email.lower() != user.email.lower():
        if selectors.email_taken(new_email, exclude_pk=user.pk):
            raise ValidationError(
                {"email": _("Địa chỉ thư điện tử này đã được một tài khoản khác sử dụng.")}
            )
        if user.is_confirmed:
            user.pending_email = new_email
            changed.append("pending_email")
        else:
            # Nothing confirmed yet: the new address simply replaces the unconfirmed one.
            user.email = new_email
            changed.append("email")
        send_to = new_email
    elif user.pending_email:
        # Typed the current address again: forget the change they had asked for.
        user.pending_email = ""
        changed.append("pending_email")
    try:
        with transaction.atomic():
            user.save(update_fields=changed)
    except IntegrityError:
        raise ValidationError(
            {"email": _("Địa chỉ thư điện tử này đã được một tài khoản khác sử dụng.")}
        ) from None
    if send_to:
        email_confirmation_send(user=user, portal=portal, email=send_to)
    return user


def _free_username(base: str) -> str:
    """`nguyenvana` or `nguyenvana-2`…: a user name nobody has, derived from `base`."""

    stem = re.sub(r"[^a-z0-9._-]+", "", base.lower())[:140].strip("._-") or "congdan"
    if stem.isdigit():
        stem = f"u{stem}"
    candidate, counter = stem, 1
    while selectors.username_taken(candidate):
        counter += 1
        candidate = f"{stem}-{counter}"
    return candidate


@transaction.atomic
def user_create_from_identity_provider(
    *,
    id_number: str | None,
    email: str,
    full_name: str,
    date_of_birth: dt.date | None,
):
    """A national account for a person the identity provider vouches for (OIDC login).

    The provider verified the person, so the account is confirmed when the provider also
    verified the e-mail. No password: they log in through the provider (or set one with
    "Quên mật khẩu").
    """
    User = get_user_model()
    username = id_number or _free_username(email.split("@")[0])
    if selectors.username_taken(username):
        username = _free_username(username)
    user = User.objects.create_user(
        username,
        None,
        full_name=full_name,
        id_number=id_number or None,
        date_of_birth=date_of_birth,
        email=email,
        email_confirmed_at=timezone.now() if email else None,
    )
    return user


@transaction.atomic
def user_update_from_identity_provider(
    *,
    user,
    id_number: str | None,
    email: str,
    full_name: str,
    date_of_birth: dt.date | None,
):
    """Fill what the account lacks from the provider's claims; never overwrite what the citizen
    confirmed. A provider-verified address equal to the account's confirms it."""
    changed: list[str] = []
    if id_number and not user.id_number and not selectors.id_number_taken(id_number):
        user.id_number = id_number
        changed.append("id_number")
    if full_name and not user.full_name:
        user.full_name = full_name
        changed.append("full_name")
    if date_of_birth and not user.date_of_birth:
        user.date_of_birth = date_of_birth
        changed.append("date_of_birth")
    if email and not user.email and not selectors.email_taken(email, exclude_pk=user.pk):
        user.email = email
        changed.append("email")
    if email and user.email.lower() == email.lower() and user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        changed.append("email_confirmed_at")
    if changed:
        user.save(update_fields=changed)
    return user


@transaction.atomic
def email_confirmed_by_password_reset(*, user) -> None:
    """Following a reset link proves the person reads that mailbox: confirm it if not yet."""
    if user.email_confirmed_at is None and user.email:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])


__all__ = [
    "account_claim_send",
    "account_claim_url",
    "ConfirmationExpired",
    "ConfirmationInvalid",
    "PortalLink",
    "email_confirm",
    "email_confirmation_send",
    "email_confirmed_by_password_reset",
    "profile_update",
    "user_create_from_identity_provider",
    "user_register",
    "user_register_at_counter",
    "user_update_from_identity_provider",
]
