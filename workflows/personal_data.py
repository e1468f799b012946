"""Everything the platform holds about one citizen, for the citizen (Decree 13/2023/NĐ-CP, the
data subject's right to obtain their data): the account, every dossier in every locality (found
through the national index, each locality's schema opened once), each dossier's answers, files
(names and sizes, not their bytes), issued papers, messages sent about it, and who opened it.
Only ever for the person themselves: the view passes `request.user`."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django_tenants.utils import schema_context

from outbox.choices import Channel
from outbox.models import Message

from .models import Attachment, Dossier, DossierAccess, IssuedDocument
from .public_index.models import DossierIndexEntry

ACCOUNT_FIELDS = (
    "username",
    "full_name",
    "id_number",
    "date_of_birth",
    "address",
    "email",
    "pending_email",
    "phone",
    "notify_by_email",
    "notify_by_sms",
    "email_confirmed_at",
    "personal_data_consent_at",
    "personal_data_terms_version",
    "date_joined",
    "last_login",
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _dossier(dossier: Dossier) -> dict[str, Any]:
    return {
        "reference": str(dossier.reference),
        "code": dossier.code,
        "procedure_code": dossier.procedure_code,
        "state": dossier.state,
        "created_at": _plain(dossier.created_at),
        "submitted_at": _plain(dossier.submitted_at),
        "answers": dossier.answers,
        "files": [
            {
                "name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "uploaded_at": _plain(a.uploaded_at),
            }
            for a in Attachment.objects.filter(dossier=dossier).order_by("uploaded_at", "pk")
        ],
        "issued_documents": [
            {"kind": d.kind, "file": d.filename, "issued_at": _plain(d.issued_at)}
            for d in IssuedDocument.objects.filter(dossier=dossier).order_by("issued_at", "pk")
        ],
        "access_log": [
            {
                "at": _plain(a.at),
                "viewer": a.viewer_name,
                "unit": a.unit_name,
                "action": a.kind,
                "what": a.what,
            }
            for a in DossierAccess.objects.filter(dossier=dossier).order_by("at", "pk")
        ],
    }


def _messages(user: Any, dossiers: list[Dossier]) -> list[dict[str, Any]]:
    rows = Message.objects.filter(dossier__in=dossiers).exclude(
        channel=Channel.NATIONAL
    ) | Message.objects.filter(channel=Channel.PORTAL, recipient=str(user.pk))
    return [
        {
            "channel": m.channel,
            "recipient": m.recipient,
            "subject": m.subject,
            "body": m.body,
            "created_at": _plain(m.created_at),
            "sent_at": _plain(m.sent_at),
            "read_at": _plain(m.read_at),
        }
        for m in rows.distinct().order_by("created_at", "pk")
    ]


def citizen_data_export(*, user: Any) -> dict[str, Any]:
    """The export as JSON-ready data."""
    with schema_context("public"):
        entries = list(DossierIndexEntry.objects.filter(applicant=user).select_related("locality"))
    by_locality: dict[int, tuple[Any, list[Any]]] = {}
    for entry in entries:
        by_locality.setdefault(entry.locality_id, (entry.locality, []))[1].append(entry.reference)
    localities = []
    for locality, references in by_locality.values():
        with schema_context(locality.schema_name):
            dossiers = list(
                Dossier.objects.filter(reference__in=references, applicant=user).order_by("pk")
            )
            localities.append(
                {
                    "locality": locality.name,
                    "dossiers": [_dossier(d) for d in dossiers],
                    "messages": _messages(user, dossiers),
                }
            )
    return {
        "exported_at": _plain(timezone.now()),
        "account": {name: _plain(getattr(user, name, None)) for name in ACCOUNT_FIELDS},
        "localities": localities,
    }
