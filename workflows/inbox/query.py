"""The inbox: which dossiers each officer sees, with filters, search, counts and time left.

    inbox = Inbox(user=officer)                       # the officer's roles in this locality
    rows = inbox.rows("todo", InboxFilters(overdue=True, q="nguyen van"))
    inbox.state_counts("all")                         # per state, whatever the filters
    inbox.deadline_counts("todo")                     # {"due_soon": 2, "overdue": 1}

Views (`VIEWS`):
- `todo` ("Cần xử lý"): every dossier one of my roles acts on in its current state, minus those
  assigned to someone else for that role (the DIGIT rule);
- `receive`, `approve`, `return`: the same for one role (receiving officer, leader, returning
  officer); `receive` includes the supplements the citizen has answered (back in "submitted");
- `assigned`: the dossiers I hold a django-guardian grant on (an assignment), still open;
- `transferred_in`: dossiers another unit handed over to this one (liên thông) and still to
  send back (`transferred_in_filter`);
- `all`: every submitted dossier of the unit.

"Overdue": still open (not finished, not ended) and past the date promised (an apology's new
date if any). "Due soon": open, not overdue, due within one working day of working time (the
locality's two sessions, 7 h 30 by default) from now.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from procedure_plugins.registry import register
from staff.models import GroupMembership
from staff.object_access import objects_with_access
from staff.roles import Role
from staff.selectors import user_roles
from tenants.text import fold

from .. import clock
from ..calendar import VIETNAM_TZ, add_working_hours, working_time_between
from ..choices import EventType, Intake
from ..handover_selectors import transferred_in
from ..models import Assignment, DeskSettings, Dossier
from ..states import DossierState
from .folding import Folded
from .roles import end_states, states_by_role

PAGE_SIZE = 50

#: Roles that see the inbox (the officers of the one-stop desk and the processing unit).
INBOX_ROLES = (Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER, Role.RETURNING_OFFICER)


@dataclass(frozen=True)
class InboxView:
    key: str
    label: Any
    #: The role whose tab this is (None: every officer's).
    role: str | None = None


VIEWS = (
    InboxView("todo", _("Cần xử lý")),
    InboxView("receive", _("Chờ tiếp nhận"), Role.RECEIVING_OFFICER),
    InboxView("assigned", _("Được giao cho tôi"), Role.SPECIALIST),
    InboxView("approve", _("Chờ tôi phê duyệt"), Role.LEADER),
    InboxView("return", _("Chờ trả kết quả"), Role.RETURNING_OFFICER),
    InboxView("transferred_in", _("Liên thông đến")),
    InboxView("all", _("Tất cả của đơn vị")),
)
VIEW_KEYS = frozenset(view.key for view in VIEWS)


def transferred_in_filter(queryset: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """The dossiers another unit handed over to this one (liên thông) whose outcome has not
    gone back yet (handover_selectors.transferred_in)."""
    return queryset.filter(pk__in=transferred_in(open_only=True).values("pk"))


# -- filters --------------------------------------------------------------------------------------


@dataclass
class InboxFilters:
    """What the officer narrowed the list to (all optional)."""

    procedure: str = ""
    field: str = ""
    state: str = ""
    channel: str = ""
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None
    overdue: bool = False
    assignee: int | None = None
    q: str = ""


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=VIETNAM_TZ)


def procedures_of_field(name: str) -> list[str]:
    return [plugin.code for plugin in register if str(plugin.field) == name]


def search(queryset: QuerySet[Dossier], text: str) -> QuerySet[Dossier]:
    """By code (any part), ID number (applicant's or the person's it is for), or name (the
    applicant's or the person's, without diacritics or case: "nguyen van an")."""
    text = text.strip()
    if not text:
        return queryset
    folded = fold(text)
    return queryset.annotate(
        _applicant_folded=Folded(F("applicant__full_name")),
        _subject_folded=Folded(F("subject_name")),
    ).filter(
        Q(code__icontains=text)
        | Q(applicant__id_number=text)
        | Q(subject_id_number=text)
        | Q(_applicant_folded__contains=folded)
        | Q(_subject_folded__contains=folded)
    )


def apply_filters(queryset: QuerySet[Dossier], filters: InboxFilters) -> QuerySet[Dossier]:
    if filters.procedure:
        queryset = queryset.filter(procedure_code=filters.procedure)
    if filters.field:
        queryset = queryset.filter(procedure_code__in=procedures_of_field(filters.field))
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.channel:
        queryset = queryset.filter(intake=filters.channel)
    if filters.received_from:
        queryset = queryset.filter(submitted_at__gte=_day_start(filters.received_from))
    if filters.received_to:
        end = _day_start(filters.received_to) + datetime.timedelta(days=1)
        queryset = queryset.filter(submitted_at__lt=end)
    if filters.overdue:
        queryset = queryset.filter(overdue_q(clock.now()))
    if filters.assignee:
        queryset = queryset.filter(
            Exists(
                Assignment.objects.filter(
                    dossier=OuterRef("pk"), user_id=filters.assignee, ended_at__isnull=True
                )
            )
        )
    return search(queryset, filters.q)


# -- deadlines ------------------------------------------------------------------------------------


def open_q() -> Q:
    """Still to be finished by the unit: submitted, not ended, no result yet."""
    return ~Q(state=DossierState.DRAFT) & ~Q(state__in=end_states()) & Q(finished_at__isnull=True)


def _due() -> Coalesce:
    return Coalesce("extended_appointment_at", "appointment_at")


def overdue_q(now: datetime.datetime) -> Q:
    return open_q() & Q(_due_at__lt=now)


def working_day_length(desk_settings: DeskSettings) -> datetime.timedelta:
    def span(start: datetime.time, end: datetime.time) -> datetime.timedelta:
        day = datetime.date(2000, 1, 3)
        return datetime.datetime.combine(day, end) - datetime.datetime.combine(day, start)

    return span(desk_settings.morning_start, desk_settings.morning_end) + span(
        desk_settings.afternoon_start, desk_settings.afternoon_end
    )


def due_soon_limit(now: datetime.datetime, desk_settings: DeskSettings) -> datetime.datetime:
    """One working day of working time from now: due before this is "due soon"."""
    return add_working_hours(
        start=now, hours=working_day_length(desk_settings), desk_settings=desk_settings
    )


@dataclass(frozen=True)
class TimeLeft:
    """What the "time left" column says: "2 ngày làm việc", "3 giờ làm việc", "Quá hạn 1 ngày".
    `tone`: "overdue" (red), "soon" (amber, within one working day), "" otherwise."""

    text: str
    tone: str


def time_left(
    *,
    dossier: Dossier,
    now: datetime.datetime,
    desk_settings: DeskSettings,
    soon_limit: datetime.datetime,
) -> TimeLeft:
    due = dossier.due_at
    if due is None or dossier.is_finished or dossier.finished_at is not None:
        return TimeLeft("—", "")
    day = working_day_length(desk_settings)
    if due < now:
        late = working_time_between(start=due, end=now, desk_settings=desk_settings)
        days = max(1, -(-late // day))  # a started working day counts
        return TimeLeft(str(_("Quá hạn %(days)s ngày làm việc") % {"days": days}), "overdue")
    left = working_time_between(start=now, end=due, desk_settings=desk_settings)
    tone = "soon" if due <= soon_limit else ""
    if left >= day:
        return TimeLeft(str(_("%(days)s ngày làm việc") % {"days": left // day}), tone)
    hours = max(1, -(-left // datetime.timedelta(hours=1)))
    return TimeLeft(str(_("%(hours)s giờ làm việc") % {"hours": hours}), tone)


# -- the inbox ------------------------------------------------------------------------------------


@dataclass
class InboxRow:
    dossier: Dossier
    procedure_name: str
    applicant_name: str
    channel: str
    time_left: TimeLeft
    assignee_name: str
    supplemented: bool


@dataclass
class Inbox:
    """One officer's inbox in the current locality."""

    user: Any
    roles: list[str] = field(default_factory=list)
    now: datetime.datetime = field(default_factory=clock.now)

    def __post_init__(self) -> None:
        if not self.roles:
            self.roles = user_roles(self.user)

    # -- which dossiers --------------------------------------------------------------------------

    def submitted(self) -> QuerySet[Dossier]:
        return Dossier.objects.exclude(state=DossierState.DRAFT).annotate(_due_at=_due())

    def _role_q(self, role: str, table: dict[str, frozenset[str]]) -> Q:
        """Dossiers `role` acts on now, unless assigned to someone else for that role."""
        taken = Assignment.objects.filter(
            dossier=OuterRef("pk"), role=role, ended_at__isnull=True
        ).exclude(user=self.user)
        return Q(state__in=table.get(role, frozenset())) & ~Exists(taken)

    def base(self, view: str) -> QuerySet[Dossier]:
        queryset = self.submitted()
        table = states_by_role()
        builders: dict[str, Callable[[], QuerySet[Dossier]]] = {
            "todo": lambda: self._for_roles(queryset, self.roles, table),
            "receive": lambda: self._for_roles(queryset, [Role.RECEIVING_OFFICER], table),
            "approve": lambda: self._for_roles(queryset, [Role.LEADER], table),
            "return": lambda: self._for_roles(queryset, [Role.RETURNING_OFFICER], table),
            "assigned": lambda: objects_with_access(
                user=self.user, queryset=queryset, action="change"
            ).filter(open_q()),
            "transferred_in": lambda: transferred_in_filter(queryset),
            "all": lambda: queryset,
        }
        return builders.get(view, builders["todo"])()

    def _for_roles(
        self, queryset: QuerySet[Dossier], roles: list[str], table: dict[str, frozenset[str]]
    ) -> QuerySet[Dossier]:
        mine = [str(role) for role in roles if str(role) in self.roles]
        if not mine:
            return queryset.none()
        condition = Q()
        for role in mine:
            condition |= self._role_q(role, table)
        return queryset.filter(condition)

    def filtered(self, view: str, filters: InboxFilters) -> QuerySet[Dossier]:
        return apply_filters(self.base(view), filters).order_by(
            F("_due_at").asc(nulls_last=True), "submitted_at", "pk"
        )

    # -- counts ----------------------------------------------------------------------------------

    def count(self, view: str) -> int:
        return self.base(view).count()

    def view_counts(self) -> dict[str, int]:
        return {view.key: self.count(view.key) for view in self.views()}

    def state_counts(self, view: str) -> list[tuple[str, str, int]]:
        """(state, its label, how many) in the view, whatever the filters."""
        labels = Dossier.state_labels()
        for plugin in register.all_versions():
            labels.update(plugin.workflow.state_labels())
        rows = self.base(view).order_by().values("state").annotate(n=Count("pk")).order_by("state")
        return [(row["state"], labels.get(row["state"], row["state"]), row["n"]) for row in rows]

    def deadline_counts(self, view: str) -> dict[str, int]:
        settings = DeskSettings.for_current_locality()
        limit = due_soon_limit(self.now, settings)
        base = self.base(view).filter(open_q())
        return base.aggregate(
            overdue=Count("pk", filter=Q(_due_at__lt=self.now)),
            due_soon=Count("pk", filter=Q(_due_at__gte=self.now, _due_at__lte=limit)),
        )

    def views(self) -> list[InboxView]:
        """The tabs this officer sees: their roles' views and the common ones."""
        return [view for view in VIEWS if view.role is None or str(view.role) in self.roles]

    # -- rows ------------------------------------------------------------------------------------

    def rows(self, dossiers: list[Dossier]) -> list[InboxRow]:
        settings = DeskSettings.for_current_locality()
        limit = due_soon_limit(self.now, settings)
        assignees = _assignee_names([d.pk for d in dossiers])
        supplemented = set(
            Dossier.objects.filter(
                pk__in=[d.pk for d in dossiers if d.state == DossierState.SUBMITTED],
                events__type=EventType.RESUBMITTED,
            ).values_list("pk", flat=True)
        )
        return [
            InboxRow(
                dossier=d,
                procedure_name=procedure_name(d),
                applicant_name=d.applicant.full_name or d.applicant.username,
                channel=Intake(d.intake).label if d.intake in Intake.values else d.intake,
                time_left=time_left(
                    dossier=d, now=self.now, desk_settings=settings, soon_limit=limit
                ),
                assignee_name=assignees.get(d.pk, ""),
                supplemented=d.pk in supplemented,
            )
            for d in dossiers
        ]


def procedure_name(dossier: Dossier) -> str:
    try:
        return str(register.get(dossier.procedure_code, dossier.plugin_version).name)
    except KeyError:
        return dossier.procedure_code


def _assignee_names(pks: list[int]) -> dict[int, str]:
    rows = Assignment.objects.filter(dossier_id__in=pks, ended_at__isnull=True).select_related(
        "user"
    )
    return {row.dossier_id: row.user.get_full_name() for row in rows}


def assignees() -> list[Any]:
    """The specialists of this locality, by name (who a dossier may be assigned to)."""
    ids = GroupMembership.objects.filter(group__name=Role.SPECIALIST).values_list(
        "user_id", flat=True
    )
    return list(
        get_user_model().objects.filter(pk__in=list(ids), is_active=True).order_by("full_name")
    )


def procedure_choices() -> list[tuple[str, str]]:
    codes = Dossier.objects.exclude(state=DossierState.DRAFT).values_list(
        "procedure_code", flat=True
    )
    found = sorted(set(codes))
    names = {plugin.code: str(plugin.name) for plugin in register}
    return [(code, f"{code} · {names.get(code, code)}") for code in found]


def field_choices() -> list[str]:
    return sorted({str(plugin.field) for plugin in register})


__all__ = [
    "PAGE_SIZE",
    "VIEWS",
    "Inbox",
    "InboxFilters",
    "InboxRow",
    "TimeLeft",
]
