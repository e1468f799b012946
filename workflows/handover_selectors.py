"""Reads about inter-unit hand-overs (liên thông) in the connection's locality.

    transferred_in()                 # dossiers other units sent here, still to send back
    transferred_in(open_only=False)  # … and those already sent back (the unit's register)
    handovers_of(dossier=d)          # both directions, oldest first (the desk page's panel)

The inbox's "chuyển đến từ đơn vị khác" filter is `transferred_in()`.
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Dossier, HandOver, HandOverDirection
from .states import DossierState


def transferred_in(*, open_only: bool = True) -> QuerySet[Dossier]:
    """Child dossiers of this unit (received by hand-over from another unit); by default only
    those whose outcome has not gone back yet."""
    links = HandOver.objects.filter(direction=HandOverDirection.IN)
    if open_only:
        links = links.filter(returned_at__isnull=True)
    return Dossier.objects.filter(pk__in=links.values("dossier_id")).exclude(
        state=DossierState.DRAFT
    )


def transferred_out(*, open_only: bool = True) -> QuerySet[Dossier]:
    """This unit's dossiers waiting at another unit (state "transferred")."""
    links = HandOver.objects.filter(direction=HandOverDirection.OUT)
    if open_only:
        links = links.filter(returned_at__isnull=True)
    return Dossier.objects.filter(pk__in=links.values("dossier_id"))


def handovers_of(*, dossier: Dossier) -> list[HandOver]:
    return list(
        HandOver.objects.filter(dossier=dossier)
        .select_related("other_locality")
        .order_by("sent_at", "pk")
    )
