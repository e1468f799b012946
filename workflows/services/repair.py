"""Repairs of dossiers that earlier versions left in a state the rules no longer produce.

`dossier_repair_pauses`: before the rule "a supplement asked for before the clock starts stops
nothing" (calendar.supplement_stops_clock), the desk recorded a pause for such a request; the
calendar refuses a pause before the clock's start, so the citizen's "Nộp bổ sung" failed and the
dossier stayed "Chờ công dân bổ sung hồ sơ" for good. Removing the pause leaves the dossier as
today's code would have left it: the citizen's answer then starts the clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, QuerySet

from ..models import Dossier, DossierPause
from .citizen import pauses_before_clock_start
from .common import lock


@dataclass(frozen=True)
class PauseRepair:
    dossier: Dossier
    pauses: tuple[DossierPause, ...]


def dossiers_with_pauses_before_clock_start() -> QuerySet[Dossier]:
    """Dossiers of the current locality holding a pause that starts before their clock does."""
    return (
        Dossier.objects.filter(pauses__paused_at__lt=F("counted_from"))
        .distinct()
        .order_by("counted_from", "pk")
    )


@transaction.atomic
def dossier_repair_pauses(*, dossier: Dossier, dry_run: bool = False) -> PauseRepair:
    """Remove the dossier's pauses that start before its clock (none left: nothing to do).

    The supplement request itself stays in the history and its slip (Mẫu 02) with the dossier;
    only the pause, which stopped nothing, goes. `dry_run` reports without removing.
    """
    workflow = lock(dossier=dossier, check_state=False)
    found = pauses_before_clock_start(dossier=workflow)
    pauses = tuple(found.order_by("paused_at", "pk"))
    if not dry_run:
        found.delete()
    return PauseRepair(dossier=workflow, pauses=pauses)
