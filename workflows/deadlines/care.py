"""The daily deadline care of one locality: `care_run()` in the connection's locality.

What it does, once a day (tasks.py fans it out to every locality; `manage.py deadline_care`
runs it now):

1. **due tomorrow**: dossiers not finished whose promised date (`due_at`: an apology's new date,
   else the appointment) falls on the next working day: their officers are warned, once for
   that day (Friday's warning for Monday is not repeated on Saturday and Sunday);
2. **steps over their share**: open steps past their due moment (`DossierStep.due_at`; a step
   whose clock is stopped for a supplement has none): their officers are warned, once per step;
3. **overdue**: dossiers not finished past their promised date are marked
   (`DossierDeadline.overdue_marked_at`) and their officers warned, once;
4. **escalation**, when the locality set `DeadlineCareSettings.escalate_unassigned_after_hours`:
   a dossier received and assigned to no one (no object permission on it:
   `staff.object_access.users_with_object_access`) for that many working hours is offered to
   the leaders: they are warned and the dossier is marked escalated, once.

"Its officers" are the accounts assigned to the dossier (object permissions), else every holder
of the role that acts on its current step (receiving officer, specialist, leader, returning
officer). Warnings leave through `warnings.warn_officers`, after commit.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from staff.object_access import users_with_object_access
from staff.roles import Role
from staff.selectors import role_holders_in
from tenants.context import require_locality

from .. import clock
from ..calendar import end_of_working_day, next_working_day, to_local, working_time_between
from ..models import DeadlineCareSettings, DeskSettings, Dossier, DossierDeadline, DossierStep
from ..states import END_STATES, DossierState
from .shares import Step
from .steps import step_for_state
from .warnings import DeadlineWarning, WarningKind, warn_officers

#: Who acts on each step when nobody is assigned.
ROLE_OF_STEP = {
    Step.RECEIVE: Role.RECEIVING_OFFICER,
    Step.PROCESS: Role.SPECIALIST,
    Step.APPROVE: Role.LEADER,
    Step.RETURN: Role.RETURNING_OFFICER,
}

#: States in which the unit's clock runs and the result is not ready yet.
NOT_RUNNING = (DossierState.DRAFT, DossierState.SUPPLEMENT_REQUESTED, *END_STATES)


@dataclass
class CareReport:
    """What one run did in one locality (counts of dossiers or steps, and e-mails queued)."""

    due_tomorrow: int = 0
    step_overruns: int = 0
    overdue_marked: int = 0
    escalated: int = 0
    messages: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class _Officers:
    """Officers concerned by each dossier, with role holders read once per run."""

    locality: Any
    holders: dict[str, list[Any]] = field(default_factory=dict)

    def of_role(self, role: Role) -> list[Any]:
        if role not in self.holders:
            self.holders[role] = role_holders_in(self.locality, role)
        return self.holders[role]

    def of(self, dossier: Dossier) -> list[Any]:
        assigned = list(users_with_object_access(dossier))
        if assigned:
            return assigned
        step = step_for_state(dossier.state, end_states=dossier.as_workflow().end_states())
        return self.of_role(ROLE_OF_STEP[step]) if step is not None else []


def running_dossiers() -> Any:
    """Dossiers whose unit is working on them: submitted and not finished, clock running."""
    return Dossier.objects.exclude(state__in=NOT_RUNNING).filter(finished_at__isnull=True)


def _send(
    officers: _Officers, kind: str, found: Iterable[tuple[Dossier, str]], report: CareReport
) -> None:
    by_officer: dict[int, tuple[Any, list[DeadlineWarning]]] = {}
    grouped: dict[int, list[DeadlineWarning]] = defaultdict(list)
    for dossier, detail in found:
        for officer in officers.of(dossier):
            by_officer.setdefault(officer.pk, (officer, grouped[officer.pk]))
            grouped[officer.pk].append(DeadlineWarning(dossier=dossier, detail=detail))
    for officer, warnings in by_officer.values():
        report.messages += warn_officers(officers=[officer], kind=kind, warnings=warnings)


def _mark_once(
    *,
    due_range: dict[str, datetime.datetime],
    matches: Callable[[datetime.datetime], bool],
    done: Callable[[DossierDeadline], bool],
    mark: Callable[[DossierDeadline], None],
) -> list[tuple[Dossier, str]]:
    """Running dossiers whose promised date `matches` (narrowed in SQL by `due_range`, lookups
    on that date such as `{"due__lt": now}`) and whose marks are not `done` yet: each gets its
    `mark` (saved) and is returned for a warning."""
    found: list[tuple[Dossier, str]] = []
    promised = Coalesce("extended_appointment_at", "appointment_at")
    dossiers = running_dossiers().alias(due=promised).filter(**due_range)
    for dossier in dossiers.select_related("deadline"):
        due = dossier.due_at
        if due is None or not matches(due) or dossier.as_workflow().is_finished:
            continue
        marks = _marks(dossier)
        if done(marks):
            continue
        mark(marks)
        marks.save()
        found.append((dossier, ""))
    return found


def _due_tomorrow(now: datetime.datetime, officers: _Officers, report: CareReport) -> None:
    today = to_local(now).date()
    tomorrow = next_working_day(day=today)

    def warned(marks: DossierDeadline) -> None:
        marks.due_warned_on = today

    found = _mark_once(
        due_range={
            "due__gt": end_of_working_day(day=today),
            "due__lte": end_of_working_day(day=tomorrow),
        },
        matches=lambda due: to_local(due).date() == tomorrow,
        # Warned already for this same next working day (today, or Friday for Monday).
        done=lambda marks: (
            marks.due_warned_on is not None
            and next_working_day(day=marks.due_warned_on) == tomorrow
        ),
        mark=warned,
    )
    report.due_tomorrow = len(found)
    _send(officers, WarningKind.DUE_TOMORROW, found, report)


def _step_overruns(now: datetime.datetime, officers: _Officers, report: CareReport) -> None:
    steps = DossierStep.objects.filter(
        finished_at__isnull=True, due_at__lt=now, overrun_warned_at__isnull=True
    ).select_related("dossier")
    found = []
    for step in steps:
        if step.due_at is None or step.dossier.state == DossierState.SUPPLEMENT_REQUESTED:
            continue  # the clock is stopped (a due moment left from before the pause)
        step.overrun_warned_at = now
        step.save(update_fields=["overrun_warned_at"])
        detail = _("bước %(step)s quá hạn từ %(due)s") % {
            "step": step.get_step_display().lower(),
            "due": to_local(step.due_at).strftime("%H:%M %d/%m/%Y"),
        }
        found.append((step.dossier, detail))
    report.step_overruns = len(found)
    _send(officers, WarningKind.STEP_OVERRUN, found, report)


def _overdue(now: datetime.datetime, officers: _Officers, report: CareReport) -> None:
    def overdue(marks: DossierDeadline) -> None:
        marks.overdue_marked_at = now

    found = _mark_once(
        due_range={"due__lt": now},
        matches=lambda due: due < now,
        done=lambda marks: marks.overdue_marked_at is not None,
        mark=overdue,
    )
    report.overdue_marked = len(found)
    _send(officers, WarningKind.OVERDUE, found, report)


def _escalate(now: datetime.datetime, hours: int, officers: _Officers, report: CareReport) -> None:
    desk = DeskSettings.for_current_locality()
    leaders = officers.of_role(Role.LEADER)
    found = []
    candidates = running_dossiers().filter(received_at__isnull=False).select_related("deadline")
    for dossier in candidates:
        marks = _marks(dossier, create=False)
        if marks is not None and marks.escalated_at is not None:
            continue
        waited = working_time_between(start=dossier.received_at, end=now, desk_settings=desk)
        if waited < datetime.timedelta(hours=hours) or users_with_object_access(dossier):
            continue
        marks = _marks(dossier)
        marks.escalated_at = now
        marks.escalated_to = ", ".join(u.get_full_name() or u.get_username() for u in leaders)[:400]
        marks.save()
        found.append(
            DeadlineWarning(
                dossier=dossier,
                detail=_("chưa phân công sau %(hours)s giờ làm việc") % {"hours": hours},
            )
        )
    report.escalated = len(found)
    report.messages += warn_officers(officers=leaders, kind=WarningKind.ESCALATED, warnings=found)


def _marks(dossier: Dossier, *, create: bool = True) -> Any:
    try:
        return dossier.deadline
    except DossierDeadline.DoesNotExist:
        if not create:
            return None
        marks = DossierDeadline(dossier=dossier)
        dossier.deadline = marks
        return marks


@transaction.atomic
def care_run(*, now: datetime.datetime | None = None) -> CareReport:
    """Run the deadline care in the connection's locality at `now` (default: the clock's now).
    Safe to repeat: each warning and mark is given once."""
    now = now or clock.now()
    settings = DeadlineCareSettings.for_current_locality()
    officers = _Officers(locality=require_locality())
    report = CareReport()
    if settings.warn_due_tomorrow:
        _due_tomorrow(now, officers, report)
    if settings.warn_step_overrun:
        _step_overruns(now, officers, report)
    _overdue(now, officers, report)
    if settings.escalate_unassigned_after_hours:
        _escalate(now, settings.escalate_unassigned_after_hours, officers, report)
    return report
