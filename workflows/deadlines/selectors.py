"""Reads of the deadline rules, for the inbox, the desk page and reports.

late = intake_late_dossiers()                   # "chậm tiếp nhận" right now
steps = dossier_steps(dossier)                  # receive → process → approve → return
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet

from .. import clock
from ..models import DeskSettings, Dossier, DossierStep
from ..states import DossierState
from .steps import intake_late_threshold
from .tracking import ONLINE_INTAKES, intake_started_expression


def intake_late_dossiers(
    queryset: QuerySet | None = None, *, now: datetime.datetime | None = None
) -> QuerySet:
    """Online dossiers (own portal or national portal) still waiting for the desk's first
    answer (receive, supplement request or refusal) past their 1-working-day intake deadline
    (`steps.intake_due`, counted from the last time the complete dossier came in:
    `tracking.intake_started_at`), among `queryset` (default: every dossier). One SQL filter:
    the inbox can count and page it."""
    queryset = queryset if queryset is not None else Dossier.objects.all()
    threshold = intake_late_threshold(
        now=now or clock.now(), desk_settings=DeskSettings.for_current_locality()
    )
    return (
        queryset.filter(state=DossierState.SUBMITTED, intake__in=ONLINE_INTAKES)
        .alias(intake_started=intake_started_expression())
        .filter(intake_started__lt=threshold)
    )


def intake_late_recorded(queryset: QuerySet | None = None) -> QuerySet:
    """Dossiers the desk answered after their intake deadline (marked "chậm tiếp nhận")."""
    queryset = queryset if queryset is not None else Dossier.objects.all()
    return queryset.filter(deadline__intake_late_at__isnull=False)


def escalated_dossiers(queryset: QuerySet | None = None) -> QuerySet:
    """Dossiers the deadline care offered to the leaders (see care.py)."""
    queryset = queryset if queryset is not None else Dossier.objects.all()
    return queryset.filter(deadline__escalated_at__isnull=False)


def overdue_marked_dossiers(queryset: QuerySet | None = None) -> QuerySet:
    """Dossiers the deadline care found past their promised date, unfinished."""
    queryset = queryset if queryset is not None else Dossier.objects.all()
    return queryset.filter(deadline__overdue_marked_at__isnull=False)


def step_over_share_dossiers(
    queryset: QuerySet | None = None, *, now: datetime.datetime | None = None
) -> QuerySet:
    """Dossiers whose current step has run past its share of the legal time (its due moment;
    a step whose clock is stopped for a supplement has none), among `queryset`."""
    queryset = queryset if queryset is not None else Dossier.objects.all()
    return queryset.filter(
        steps__finished_at__isnull=True, steps__due_at__lt=now or clock.now()
    ).distinct()


def dossier_steps(dossier: Any) -> list[DossierStep]:
    """The dossier's steps in order, each with its share, due moment and timeliness."""
    return list(DossierStep.objects.filter(dossier=dossier).order_by("started_at", "pk"))
