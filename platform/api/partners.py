"""Partner systems: registration, request signing, grants and the call log.

Signing (every request of a partner)::

    X-Api-Key:       <key id>
    X-Api-Timestamp: <Unix time in seconds>
    X-Api-Signature: hex(HMAC-SHA256(secret, METHOD + "\\n" + PATH + "\\n" + TIMESTAMP + "\\n"
                                       + hex(SHA-256(body))))

PATH is the request's path with its query string (`/api/v1/intake/dossiers`). A timestamp more
than `MAX_SKEW` seconds away from the server's clock is refused (a captured request cannot be
replayed later). `signed_headers(...)` computes the headers (partners' own code, the tests).

    partner, secret = partner_register(name="Cổng DVC quốc gia", key_id="dvcqg",
                                       localities=[hai_phong], operations=["intake"])
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from tenants.models import Locality

from .models import Operation, Partner, PartnerCall
from .problems import ApiProblem

KEY_HEADER = "X-Api-Key"
TIMESTAMP_HEADER = "X-Api-Timestamp"
SIGNATURE_HEADER = "X-Api-Signature"
#: Seconds a signed request stays valid either side of the server's clock.
MAX_SKEW = 300


def signature(*, secret: str, method: str, path: str, timestamp: str, body: bytes) -> str:
    message = "\n".join([method.upper(), path, timestamp, hashlib.sha256(body).hexdigest()])
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def signed_headers(
    *, key_id: str, secret: str, method: str, path: str, body: bytes, at: float | None = None
) -> dict[str, str]:
    """The three headers of a signed request (as HTTP headers, e.g. for `requests`)."""
    timestamp = str(int(at if at is not None else time.time()))
    return {
        KEY_HEADER: key_id,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(
            secret=secret, method=method, path=path, timestamp=timestamp, body=body
        ),
    }


def _refuse(request: HttpRequest, status: int, reason: str, detail: str) -> ApiProblem:
    request.api_partner_reason = reason  # type: ignore[attr-defined]
    return ApiProblem(status, reason, _("Đối tác không được chấp nhận"), detail)


def authenticate(request: HttpRequest, *, operation: str) -> Partner:
    """The partner that signed `request` and holds `operation`, else an ApiProblem (401/403)."""
    key_id = request.headers.get(KEY_HEADER, "")
    timestamp = request.headers.get(TIMESTAMP_HEADER, "")
    sent = request.headers.get(SIGNATURE_HEADER, "")
    request.api_partner_key = key_id  # type: ignore[attr-defined]
    if not (key_id and timestamp and sent):
        raise _refuse(request, 401, "signature-missing", _("Thiếu chữ ký của đối tác."))
    with schema_context("public"):
        partner = Partner.objects.filter(key_id=key_id).first()
    if partner is None:
        raise _refuse(request, 401, "key-unknown", _("Mã khoá không tồn tại."))
    request.api_partner = partner  # type: ignore[attr-defined]
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > MAX_SKEW:
        raise _refuse(request, 401, "timestamp-stale", _("Thời điểm ký quá cũ hoặc sai định dạng."))
    expected = signature(
        secret=partner.secret,
        method=request.method or "",
        path=request.get_full_path(),
        timestamp=timestamp,
        body=request.body,
    )
    if not hmac.compare_digest(expected, sent):
        raise _refuse(request, 401, "signature-invalid", _("Chữ ký không đúng."))
    if not partner.is_active:
        raise _refuse(request, 403, "partner-inactive", _("Đối tác đã bị tạm ngừng."))
    if operation not in partner.operations:
        raise _refuse(
            request, 403, "operation-not-granted", _("Đối tác chưa được cấp thao tác này.")
        )
    return partner


def check_locality(request: HttpRequest, *, partner: Partner, locality: Locality) -> None:
    """Refuse (403) a locality the partner was not granted (a province's grant covers its
    communes)."""
    request.api_partner_locality = locality.code  # type: ignore[attr-defined]
    with schema_context("public"):
        granted = set(partner.localities.values_list("pk", flat=True))
    node: Locality | None = locality
    while node is not None:
        if node.pk in granted:
            return
        node = node.parent
    raise _refuse(
        request, 403, "locality-not-granted", _("Đối tác chưa được cấp quyền tại đơn vị này.")
    )


def logged_call(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Keep one PartnerCall row per request to a partner operation, whatever its outcome."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        with schema_context("public"):
            PartnerCall.objects.create(
                partner=getattr(request, "api_partner", None),
                key_id=getattr(request, "api_partner_key", "")[:64],
                method=request.method or "",
                path=request.get_full_path()[:500],
                status=response.status_code,
                reason=getattr(request, "api_partner_reason", "")[:100],
                locality_code=getattr(request, "api_partner_locality", ""),
                at=timezone.now(),
            )
        return response

    return wrapper


@transaction.atomic
def partner_register(
    *,
    name: str,
    key_id: str,
    localities: Iterable[Locality] = (),
    operations: Iterable[str] = (),
) -> tuple[Partner, str]:
    """A new partner; returns it with its secret (shown once to the administrator)."""
    unknown = sorted(set(operations) - set(Operation.values))
    if unknown:
        raise ValueError(f"unknown operations: {', '.join(unknown)}")
    secret = secrets.token_urlsafe(32)
    with schema_context("public"):
        partner = Partner.objects.create(
            name=name, key_id=key_id, secret=secret, operations=sorted(set(operations))
        )
        partner.localities.set(list(localities))
    return partner, secret


@transaction.atomic
def partner_grant(
    *,
    partner: Partner,
    localities: Iterable[Locality] = (),
    operations: Iterable[str] = (),
    revoke: bool = False,
) -> Partner:
    """Add (or with `revoke`, remove) localities and operations."""
    unknown = sorted(set(operations) - set(Operation.values))
    if unknown:
        raise ValueError(f"unknown operations: {', '.join(unknown)}")
    with schema_context("public"):
        current = set(partner.operations)
        changed = current - set(operations) if revoke else current | set(operations)
        partner.operations = sorted(changed)
        partner.save(update_fields=["operations"])
        if revoke:
            partner.localities.remove(*localities)
        else:
            partner.localities.add(*localities)
    return partner
