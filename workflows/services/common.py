"""What every dossier service does the same way: lock, check, run the transition, index.

    workflow = lock(dossier=dossier, expected_state=seen)   # SELECT ... FOR UPDATE
    run_transition(workflow=workflow, name="receive", user=officer)

`lock` takes the dossier row's lock for the rest of the caller's transaction and compares the
state with the one the person saw (the page they acted on): if another officer acted first, the
second gets `DossierChanged` ("Hồ sơ đã được người khác cập nhật, vui lòng tải lại") instead of
acting on a dossier they have not seen. `ConcurrentTransitionMixin` guards the save as well, for
code that would forget to lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition

from ..errors import DossierChanged, TransitionNotAvailable
from ..models import Dossier
from ..public_index.services import index_forget as public_index_forget
from ..public_index.services import index_write
from ..states import DossierState


def lock(
    *, dossier: Dossier, expected_state: str | None = None, check_state: bool = True
) -> Dossier:
    """The dossier, row-locked, as its plugin's workflow class; refuses a stale view of it.

    `expected_state` is the state the person saw (a hidden field of the page they acted on);
    by default the state of the `dossier` instance the caller loaded.
    """
    try:
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    except Dossier.DoesNotExist:
        raise DossierChanged(_("Hồ sơ không còn tồn tại.")) from None
    seen = expected_state if expected_state is not None else dossier.state
    if check_state and locked.state != seen:
        raise DossierChanged()
    return locked.as_workflow()


def transition_meta(workflow: Dossier, name: str) -> Any:
    method = getattr(workflow, name, None)
    meta = getattr(method, "_django_fsm", None)
    if method is None or meta is None or name.startswith("_"):
        raise TransitionNotAvailable(
            _("Thủ tục này không có thao tác “%(name)s”.") % {"name": name}
        )
    return method, meta


def check_transition(*, workflow: Dossier, name: str, user: Any) -> Any:
    """The bound transition method, after checking state, permission and conditions."""
    method, meta = transition_meta(workflow, name)
    transition = meta.get_transition(workflow.state)
    if transition is None:
        raise TransitionNotAvailable()
    if not transition.has_perm(workflow, user):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này với hồ sơ."))
    if not meta.conditions_met(workflow, workflow.state):
        raise ValidationError(
            _("Hồ sơ chưa đủ điều kiện để thực hiện thao tác “%(label)s”.")
            % {"label": (transition.custom or {}).get("label", name)}
        )
    return method


def run_transition(*, workflow: Dossier, name: str, user: Any, **details: Any) -> str:
    """Run transition `name` as `user` and save; returns the state it came from."""
    method = check_transition(workflow=workflow, name=name, user=user)
    from_state = workflow.state
    method(**details)
    save(workflow)
    return from_state


def save(workflow: Dossier) -> None:
    try:
        workflow.save()
    except ConcurrentTransition:
        raise DossierChanged() from None


def at_step(workflow: Dossier, states: Iterable[str]) -> bool:
    """Is the dossier in one of the base lifecycle's `states`, or in a state its plugin adds
    (an in-between step such as a field inspection, never an end)?"""
    extra = set(workflow.state_labels()) - set(DossierState.values) - workflow.end_states()
    return workflow.state in set(states) or workflow.state in extra


def check_applicant(*, dossier: Dossier, user: Any) -> None:
    """Only the applicant works on their own dossier (others get 404 from the views)."""
    if not getattr(user, "is_authenticated", False) or dossier.applicant_id != user.pk:
        raise PermissionDenied(_("Đây không phải hồ sơ của bạn."))


def index_record(*, dossier: Dossier) -> None:
    """Write or refresh the dossier's row in the public index (same transaction).

    The history functions (workflows/events.py) call this for every change; call it directly
    only for a change that leaves no history entry.
    """
    index_write(dossier=dossier)


def index_forget(*, dossier: Dossier) -> None:
    public_index_forget(dossier=dossier)
