"""The one place a dossier's steps are opened and closed, and its late intake recorded.

`step_track(dossier=..., event=...)` is called once for every history entry
(`workflows.events._record`), in the service's transaction, after the entry is written: the
entry says from which state to which the dossier moved, when, and who moved it. When the state's
step (`steps.step_for_state`) changes, the open step is closed (finished at the entry's moment,
by its actor, early / on time / late against its due moment with the clock's pauses skipped) and
the next one opened with its share of the legal time. A supplement round stays in the receive
step; its waiting time does not count (`DossierPause`). An entry that does not move the dossier
to another step (a rating, an apology, a resubmission) only refreshes the open step's due
moment (a pause may have opened or closed).

The desk's first action on an online dossier (receive, supplement request, refusal) after the
intake deadline marks the dossier "chậm tiếp nhận" (`DossierDeadline.intake_late_at`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Greatest

from procedure_plugins.models import ProcedureOffering
from tenants.context import current_locality

from ..calendar import timeliness
from ..choices import EventType, Intake
from ..models import (
    DeskSettings,
    Dossier,
    DossierDeadline,
    DossierEvent,
    DossierPause,
    DossierStep,
)
from ..timing import ProcessingTime
from .shares import DEFAULT_STEP_SHARES, Step, StepShares
from .steps import intake_is_late, step_allowance, step_due, step_for_state

ONLINE_INTAKES = (Intake.PORTAL, Intake.NATIONAL_PORTAL)

#: The desk's first answer to a submission: each one ends the intake deadline.
INTAKE_ANSWERS = (EventType.RECEIVED, EventType.SUPPLEMENT_REQUESTED, EventType.RECEPTION_REFUSED)


def shares_for(dossier: Dossier) -> StepShares:
    """The step shares in force for `dossier` here: the locality's own (set on its offering,
    within the plugin's limits), else the plugin's, else the platform's defaults."""
    try:
        declared = getattr(dossier.plugin, "step_shares", None) or DEFAULT_STEP_SHARES
    except KeyError:  # the plugin is no longer installed
        declared = DEFAULT_STEP_SHARES
    locality = current_locality()
    if locality is None:
        return declared
    local = (
        ProcedureOffering.objects.filter(locality=locality, procedure_code=dossier.procedure_code)
        .values_list("step_shares", flat=True)
        .first()
    )
    return declared.with_local(local)


def _due(step: DossierStep, dossier: Dossier, settings: DeskSettings) -> datetime.datetime | None:
    """The step's due moment with the dossier's pauses skipped. The clock counts from the
    dossier's `counted_from` when that is later than the step's start: a supplement asked for
    before the legal clock started stops nothing but moves the start to the complete dossier
    (calendar.clock_start_after_supplement), for the receive step as for the appointment."""
    started = step.started_at
    if dossier.counted_from is not None and dossier.counted_from > started:
        started = dossier.counted_from
    pauses = [(p.paused_at, p.resumed_at) for p in dossier.pauses.order_by("paused_at", "pk")]
    return step_due(
        started_at=started, allowance=step.allowance, pauses=pauses, desk_settings=settings
    )


def _close(
    step: DossierStep,
    dossier: Dossier,
    *,
    at: datetime.datetime,
    event: DossierEvent,
    settings: DeskSettings,
) -> None:
    due = _due(step, dossier, settings)
    step.finished_at = at
    step.due_at = due
    step.timeliness = timeliness(due_at=due, finished_at=at) if due is not None else ""
    step.officer_id = event.actor_id
    step.officer_name = event.actor_name
    step.save(update_fields=["finished_at", "due_at", "timeliness", "officer", "officer_name"])


def _open(
    dossier: Dossier,
    step: Step,
    *,
    at: datetime.datetime,
    processing_time: ProcessingTime,
    settings: DeskSettings,
) -> DossierStep:
    share = shares_for(dossier).share_of(step)
    allowance = step_allowance(processing_time=processing_time, share=share, desk_settings=settings)
    opened = DossierStep(
        dossier=dossier, step=step, share=share, allowance=allowance, started_at=at
    )
    opened.due_at = _due(opened, dossier, settings)
    opened.save()
    return opened


def _refresh_due(step: DossierStep, dossier: Dossier, *, settings: DeskSettings) -> None:
    due = _due(step, dossier, settings)
    if due != step.due_at:
        step.due_at = due
        step.save(update_fields=["due_at"])


def intake_started_at(dossier: Dossier) -> datetime.datetime | None:
    """When the desk's intake day started counting: the last time the complete dossier came
    in, i.e. the latest of the submission, the legal clock's start (moved by a supplement asked
    before it) and the last answered supplement (a resubmission is checked like a submission).
    `intake_started_expression()` is the same in SQL."""
    moments = [dossier.submitted_at, dossier.counted_from]
    moments += [p.resumed_at for p in DossierPause.objects.filter(dossier=dossier)]
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None


def intake_started_expression() -> Greatest:
    """`intake_started_at` as an SQL expression on Dossier (PostgreSQL's GREATEST skips NULLs)."""
    last_answer = (
        DossierPause.objects.filter(dossier=OuterRef("pk"))
        .order_by(F("resumed_at").desc(nulls_last=True))
        .values("resumed_at")[:1]
    )
    return Greatest("submitted_at", "counted_from", Subquery(last_answer))


def _record_intake(dossier: Dossier, event: DossierEvent, settings: DeskSettings) -> None:
    if event.type not in INTAKE_ANSWERS or dossier.intake not in ONLINE_INTAKES:
        return
    started = intake_started_at(dossier)
    if started is None:
        return
    if intake_is_late(submitted_at=started, acted_at=event.at, desk_settings=settings):
        DossierDeadline.objects.update_or_create(
            dossier=dossier, defaults={"intake_late_at": event.at}
        )


def step_track(*, dossier: Dossier, event: DossierEvent) -> Any:
    """Open or close `dossier`'s steps for the history entry just written (see the module's
    docstring). Returns the open step afterwards, or None."""
    processing_time = dossier.processing_time
    if processing_time is None:  # a draft: no legal time yet
        return None
    settings = DeskSettings.for_current_locality()
    _record_intake(dossier, event, settings)
    open_step = DossierStep.objects.filter(dossier=dossier, finished_at__isnull=True).first()
    wanted = step_for_state(dossier.state, end_states=dossier.end_states())
    if open_step is not None and open_step.step == wanted:
        _refresh_due(open_step, dossier, settings=settings)
        return open_step
    if open_step is not None:
        _close(open_step, dossier, at=event.at, event=event, settings=settings)
    if wanted is None:
        return None
    return _open(dossier, wanted, at=event.at, processing_time=processing_time, settings=settings)
