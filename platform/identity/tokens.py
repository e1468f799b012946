"""Signed, expiring e-mail confirmation tokens.

The token names the account and the address it confirms, signed with SECRET_KEY and stamped with
the time: a link for an old address, a forged one, or one older than
`IDENTITY_EMAIL_CONFIRMATION_MAX_AGE` seconds is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "identity.email-confirmation"
DEFAULT_MAX_AGE = 3 * 24 * 3600


class ConfirmationExpired(Exception):
    pass


class ConfirmationInvalid(Exception):
    pass


@dataclass(frozen=True)
class ConfirmationClaim:
    user_pk: int
    email: str


def make_confirmation_token(*, user_pk: int, email: str) -> str:
    return signing.dumps({"u": user_pk, "e": email.lower()}, salt=SALT, compress=True)


def read_confirmation_token(token: str) -> ConfirmationClaim:
    max_age = getattr(settings, "IDENTITY_EMAIL_CONFIRMATION_MAX_AGE", DEFAULT_MAX_AGE)
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise ConfirmationExpired from exc
    except signing.BadSignature as exc:
        raise ConfirmationInvalid from exc
    try:
        return ConfirmationClaim(user_pk=int(data["u"]), email=str(data["e"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfirmationInvalid from exc
