"""Writing the national dossier index: one rule for what a row holds, used by the dossier
services (through workflows/events.py, in the dossier's own transaction) and by the rebuild
command (management/commands/rebuild_dossier_index.py).

    index_write(dossier=workflow)          # after the dossier's change, same transaction
    index_forget(dossier=workflow)         # a discarded draft
    entry_values(dossier=d, locality_id=7, applicant_id_number="031090001234")  # what a row says
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from tenants.context import require_locality

from .. import clock
from ..choices import EventType, IssuedKind
from ..models.handover import origin_link
from ..national_status import channel_of, national_status
from ..states import DossierState
from ..timing import Timeliness
from .models import DossierIndexEntry

#: What statistics read (platform/scoreboard/): `statistics_values` writes them.
STATISTICS_FIELDS = (
    "ended_at",
    "supplement_rounds",
    "paused_seconds",
    "paused_since",
    "pauses",
    "fee",
    "paid_online",
    "electronic_result",
    "rating",
    "digitised_components",
    "reused_digitised",
    "assignee_id",
    "late_steps",
)

#: The columns a row derives from its dossier (what the rebuild compares and repairs).
DERIVED_FIELDS = (
    "locality_id",
    "applicant_id",
    "code",
    "procedure_code",
    "plugin_version",
    "created_at",
    "state",
    "state_label",
    "national_status",
    "channel",
    "delivery_method",
    "submitted_at",
    "received_at",
    "appointment_at",
    "extended_appointment_at",
    "finished_at",
    "returned_at",
    "timeliness",
    "applicant_id_hash",
    "handed_over_from_id",
    *STATISTICS_FIELDS,
)


def id_number_hash(id_number: str | None) -> str:
    """HMAC-SHA256 (hex) of an ID number with `LOOKUP_HASH_KEY`; "" for no number.

    Spaces are ignored (`031 090 001 234` is `031090001234`). Keyed, so that the index cannot be
    reversed by hashing every possible 12-digit number without the deployment's secret.
    """
    normalised = "".join(str(id_number or "").split())
    if not normalised:
        return ""
    key = str(settings.LOOKUP_HASH_KEY).encode()
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


def normalise_code(code: str | None) -> str:
    return "".join(str(code or "").split()).upper()


def entry_values(*, dossier: Any, locality_id: int, applicant_id_number: str | None) -> dict:
    """What the index row of `dossier` says (a dict keyed by DERIVED_FIELDS)."""
    try:
        plugin = dossier.plugin
        workflow = dossier.as_workflow()
    except KeyError:  # a plugin no longer installed: the base lifecycle's labels and codes
        plugin, workflow = None, dossier
    plugin_codes = getattr(plugin, "national_status_codes", None) or {}
    origin = origin_link(dossier)
    return {
        "locality_id": locality_id,
        "applicant_id": dossier.applicant_id,
        "code": normalise_code(dossier.code),
        "procedure_code": dossier.procedure_code,
        "plugin_version": dossier.plugin_version,
        "created_at": dossier.created_at,
        "state": dossier.state,
        "state_label": str(workflow.get_state_label())[:200],
        "national_status": national_status(
            state=dossier.state, received_at=dossier.received_at, plugin_codes=plugin_codes
        ),
        "channel": channel_of(dossier),
        "delivery_method": dossier.delivery_method or "",
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "appointment_at": dossier.appointment_at,
        "extended_appointment_at": dossier.extended_appointment_at,
        "finished_at": dossier.finished_at,
        "returned_at": dossier.returned_at,
        "timeliness": dossier.timeliness or "",
        "applicant_id_hash": id_number_hash(applicant_id_number),
        "handed_over_from_id": origin.other_locality_id if origin is not None else None,
        **statistics_values(dossier=dossier, plugin=plugin),
    }


#: The history entries that end a dossier that never finished (no `finished_at`).
ENDING_EVENTS = (EventType.WITHDRAWN, EventType.RECEPTION_REFUSED)


def _ended_at(dossier: Any) -> Any:
    """The end of a dossier for statistics: the first of finished (done, or stopped after
    reception) > returned > refused at the desk / withdrawn (the time of that history entry)."""
    if dossier.finished_at is not None:
        return dossier.finished_at
    if dossier.returned_at is not None:
        return dossier.returned_at
    if dossier.state in (DossierState.WITHDRAWN, DossierState.REFUSED, DossierState.STOPPED):
        ending = dossier.events.filter(type__in=ENDING_EVENTS).order_by("-at", "-pk").first()
        return ending.at if ending is not None else dossier.updated_at
    return None


def utc_text(moment: datetime.datetime | None) -> str | None:
    """A moment as the index's pauses keep it: UTC, "YYYY-MM-DDTHH:MM:SS" (None stays None)."""
    if moment is None:
        return None
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def statistics_values(*, dossier: Any, plugin: Any) -> dict:
    """The facts Decision 766's indicators need from one dossier (a few small queries).

    `electronic_result`: a finished, not refused or stopped dossier has an electronic result:
    its plugin's result templates, which approval renders in the same transaction (the history
    entry, and so this row, is written just before), or the signed file the desk attached
    (services.results); `paid_online` stays False until a payment gateway exists.
    """
    pauses = list(dossier.pauses.values_list("paused_at", "resumed_at"))
    rating = getattr(dossier, "rating", None) if dossier.pk else None
    finished_with_result = dossier.finished_at is not None and dossier.state not in (
        DossierState.REFUSED,
        DossierState.STOPPED,
    )
    return {
        "ended_at": _ended_at(dossier),
        "supplement_rounds": dossier.events.filter(type=EventType.SUPPLEMENT_REQUESTED).count(),
        "paused_seconds": int(
            sum((resumed - paused).total_seconds() for paused, resumed in pauses if resumed)
        ),
        "paused_since": next((paused for paused, resumed in pauses if resumed is None), None),
        "pauses": [[utc_text(paused), utc_text(resumed)] for paused, resumed in pauses],
        "fee": dossier.fee,
        "paid_online": False,
        "electronic_result": finished_with_result
        and (
            bool(plugin is not None and plugin.result_templates)
            or dossier.issued_documents.filter(kind=IssuedKind.RESULT).exists()
        ),
        "rating": rating.score if rating is not None else None,
        **digitisation_values(dossier=dossier),
        **officer_values(dossier=dossier),
    }


def digitisation_values(*, dossier: Any) -> dict:
    """Decision 766's digitisation facts: the dossier has files among its components (every
    attachment is one: uploaded, scanned at the counter or reused), and whether one of them is
    a paper already digitised that the counter reused."""
    if dossier.pk is None:
        return {"digitised_components": False, "reused_digitised": False}
    flags = set(dossier.attachments.values_list("reuses_digitised", flat=True))
    return {"digitised_components": bool(flags), "reused_digitised": True in flags}


def officer_values(*, dossier: Any) -> dict:
    """What the per-officer reports need: the assignee in force (the latest assignment not
    ended; an id, the name stays in the locality) and how many steps ended late."""
    if dossier.pk is None:
        return {"assignee_id": None, "late_steps": 0}
    assignee_id = (
        dossier.assignments.filter(ended_at__isnull=True)
        .order_by("-assigned_at", "-pk")
        .values_list("user_id", flat=True)
        .first()
    )
    late_steps = dossier.steps.filter(timeliness=Timeliness.LATE).count()
    return {"assignee_id": assignee_id, "late_steps": late_steps}


def upsert(rows: list[tuple[Any, dict]]) -> None:
    """Insert or update rows given as (reference, values): one INSERT … ON CONFLICT statement."""
    if not rows:
        return
    now = clock.now()
    DossierIndexEntry.objects.bulk_create(
        [
            DossierIndexEntry(reference=reference, indexed_at=now, **values)
            for reference, values in rows
        ],
        update_conflicts=True,
        unique_fields=["reference"],
        update_fields=[*(name.removesuffix("_id") for name in DERIVED_FIELDS), "indexed_at"],
    )


def index_write(*, dossier: Any) -> None:
    """Write or refresh the row of `dossier` (of the connection's locality), in the caller's
    transaction: the index never shows a change that was rolled back."""
    id_number = (
        get_user_model()
        .objects.filter(pk=dossier.applicant_id)
        .values_list("id_number", flat=True)
        .first()
    )
    values = entry_values(
        dossier=dossier, locality_id=require_locality().pk, applicant_id_number=id_number
    )
    upsert([(dossier.reference, values)])


def index_forget(*, dossier: Any) -> None:
    DossierIndexEntry.objects.filter(reference=dossier.reference).delete()
