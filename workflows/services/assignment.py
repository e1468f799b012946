"""Assigning a dossier to a specialist, reassigning it, and assigning many at once.

An assignment is a django-guardian object permission on the dossier (`view_dossier` and
`change_dossier`, `staff.object_access.grant_dossier_access`), so "assigned to me", the inbox and
permission checks read one grant; the `Assignment` row beside it records the step, the role, who
assigned and when, and when the assignee first opened the dossier. Both change together here.

Who may assign (BACKOFFICE.md, "Inbox and assignment"):
- the receiving officer or the leader assigns a dossier nobody holds yet, in a state where the
  specialist acts or is about to (received, in processing, ...: `inbox.roles.assignable_states`);
- only the leader reassigns from one specialist to another (without sending the dossier back);
- the leader assigns many dossiers of one procedure and one step at once.

    dossier_assign(dossier=d, actor=leader, assignee=specialist, expected_state="in_processing")
    dossier_reassign(dossier=d, actor=leader, assignee=other, expected_state="in_processing",
                     expected_assignee_id=specialist.pk)
    dossiers_assign_many(references=[...], actor=leader, assignee=specialist,
                         procedure_code="2.000635", step="in_processing")

The page carries the state and the assignee the officer saw: if a colleague acted first the
service refuses with `DossierChanged` (409, "Hồ sơ đã được người khác cập nhật, vui lòng tải lại").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from staff.object_access import grant_dossier_access, revoke_dossier_access
from staff.roles import Role
from staff.selectors import user_has_any_role, user_has_role

from .. import clock, events
from ..errors import DossierChanged, TransitionNotAvailable
from ..inbox.roles import assignable_states
from ..models import Assignment, Dossier
from ..notifications import notify_officers
from .common import lock

#: The role a dossier is assigned to, and the roles that may assign or reassign.
ASSIGNEE_ROLE = Role.SPECIALIST
ASSIGNERS = (Role.RECEIVING_OFFICER, Role.LEADER)
REASSIGNERS = (Role.LEADER,)


def assignment_in_force(*, dossier: Dossier, role: str = ASSIGNEE_ROLE) -> Assignment | None:
    return (
        Assignment.objects.filter(dossier=dossier, role=str(role), ended_at__isnull=True)
        .select_related("user")
        .first()
    )


def _check_assigner(actor: Any) -> None:
    if not user_has_any_role(actor, ASSIGNERS):
        raise PermissionDenied(
            _("Chỉ cán bộ tiếp nhận hoặc lãnh đạo đơn vị được phân công xử lý hồ sơ.")
        )


def assign_check(*, dossier: Dossier, actor: Any, reassign: bool | None = None) -> None:
    """Refuses what `actor` may not do with the dossier's assignment now.

    `reassign=None`: whichever applies (a reassignment when someone holds the dossier).
    Raises PermissionDenied (the role), TransitionNotAvailable (the state).
    """
    _check_assigner(actor)
    if reassign is None:
        reassign = assignment_in_force(dossier=dossier) is not None
    if reassign and not user_has_any_role(actor, REASSIGNERS):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị được phân công lại hồ sơ đã có người xử lý."))
    if dossier.state not in assignable_states(ASSIGNEE_ROLE):
        raise TransitionNotAvailable(
            _("Không phân công được hồ sơ ở trạng thái “%(state)s”.")
            % {"state": dossier.get_state_label()}
        )


def may_assign(*, dossier: Dossier, actor: Any) -> bool:
    """Whether the page shows the assign (or reassign) form to `actor` for this dossier."""
    try:
        assign_check(dossier=dossier, actor=actor)
    except (PermissionDenied, TransitionNotAvailable):
        return False
    return True


def may_assign_many(*, actor: Any) -> bool:
    """Whether the inbox offers the "assign the selected dossiers" form (the leader only)."""
    return user_has_any_role(actor, REASSIGNERS)


def _check_assignee(assignee: Any) -> None:
    if assignee is None or not user_has_role(assignee, ASSIGNEE_ROLE):
        raise ValidationError(
            {"assignee": _("Người được chọn không phải chuyên viên xử lý của đơn vị này.")}
        )


def _assign_locked(
    *, workflow: Dossier, actor: Any, assignee: Any, current: Assignment | None, note: str
) -> Assignment:
    if current is not None and current.user_id == assignee.pk:
        raise ValidationError({"assignee": _("Hồ sơ đang được giao cho chính chuyên viên này.")})
    now = clock.now()
    # The grant is on the dossier row itself (content type `workflows.dossier`), not on the
    # plugin's proxy class the lock returns: one permission, whatever the procedure.
    row = Dossier.objects.get(pk=workflow.pk)
    if current is not None:
        current.ended_at = now
        current.save(update_fields=["ended_at"])
        revoke_dossier_access(specialist=current.user, dossier=row)
    grant_dossier_access(specialist=assignee, dossier=row)
    assignment = Assignment.objects.create(
        dossier=workflow,
        step=workflow.state,
        user=assignee,
        role=str(ASSIGNEE_ROLE),
        assigned_at=now,
        assigned_by=actor,
    )
    events.dossier_assigned_event(
        dossier=workflow,
        user=actor,
        assignee=assignee,
        role=str(ASSIGNEE_ROLE),
        step=workflow.state,
        previous=current.user if current is not None else None,
        note=note,
    )
    # "Được giao hồ sơ": the assignee is told through the outbox, once per assignment.
    notify_officers(
        officers=[assignee],
        dossier=workflow,
        kind="assigned",
        note=note,
        once_per=str(assignment.pk),
    )
    return assignment


@transaction.atomic
def dossier_assign(
    *,
    dossier: Dossier,
    actor: Any,
    assignee: Any,
    expected_state: str | None = None,
    expected_assignee_id: int | None = None,
    note: str = "",
) -> Assignment:
    """Give the dossier to `assignee` (a specialist here). If someone already holds it this is a
    reassignment, and `expected_assignee_id` (who the page showed) must still be that person."""
    _check_assigner(actor)  # the role first: a stale page is no excuse to learn more
    workflow = lock(dossier=dossier, expected_state=expected_state)
    current = assignment_in_force(dossier=workflow)
    seen = expected_assignee_id or None
    if (current.user_id if current else None) != seen:
        raise DossierChanged()
    assign_check(dossier=workflow, actor=actor, reassign=current is not None)
    _check_assignee(assignee)
    return _assign_locked(
        workflow=workflow, actor=actor, assignee=assignee, current=current, note=note
    )


@transaction.atomic
def dossier_reassign(
    *,
    dossier: Dossier,
    actor: Any,
    assignee: Any,
    expected_state: str | None = None,
    expected_assignee_id: int | None = None,
    note: str = "",
) -> Assignment:
    """The leader moves the dossier from its specialist to another, the state unchanged."""
    _check_assigner(actor)
    workflow = lock(dossier=dossier, expected_state=expected_state)
    current = assignment_in_force(dossier=workflow)
    if current is None:
        assign_check(dossier=workflow, actor=actor, reassign=True)
        raise TransitionNotAvailable(_("Hồ sơ chưa được phân công cho ai."))
    return dossier_assign(
        dossier=workflow,
        actor=actor,
        assignee=assignee,
        expected_state=expected_state,
        expected_assignee_id=expected_assignee_id
        if expected_assignee_id is not None
        else current.user_id,
        note=note,
    )


@transaction.atomic
def dossiers_assign_many(
    *,
    references: Iterable[Any],
    actor: Any,
    assignee: Any,
    procedure_code: str,
    step: str,
    note: str = "",
) -> list[Assignment]:
    """The leader gives every listed dossier of one procedure at one step to `assignee`, all or
    nothing. A dossier that has moved on (another step) refuses the whole batch with
    `DossierChanged`; one of another procedure with a ValidationError."""
    if not may_assign_many(actor=actor):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị được phân công nhiều hồ sơ cùng lúc."))
    _check_assignee(assignee)
    dossiers = list(Dossier.objects.filter(reference__in=list(references)).order_by("pk"))
    if not dossiers:
        raise ValidationError({"dossiers": _("Chưa chọn hồ sơ nào để phân công.")})
    if any(d.procedure_code != procedure_code for d in dossiers):
        raise ValidationError(
            {"dossiers": _("Chỉ phân công cùng lúc các hồ sơ của cùng một thủ tục.")}
        )
    assignments = []
    for dossier in dossiers:
        workflow = lock(dossier=dossier, expected_state=step)
        assign_check(dossier=workflow, actor=actor, reassign=True)
        current = assignment_in_force(dossier=workflow)
        if current is not None and current.user_id == assignee.pk:
            continue
        assignments.append(
            _assign_locked(
                workflow=workflow, actor=actor, assignee=assignee, current=current, note=note
            )
        )
    return assignments


def assignment_visit(*, dossier: Dossier, user: Any) -> None:
    """The assignee opened the dossier: the first time is recorded on the assignment in force."""
    Assignment.objects.filter(
        dossier=dossier, user=user, ended_at__isnull=True, visited_at__isnull=True
    ).update(visited_at=clock.now())
