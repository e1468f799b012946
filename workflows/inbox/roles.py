"""Which states each staff role acts on, read from the transitions of every workflow.

A transition with `permission=HasRole(Role.SPECIALIST)` from `in_processing` means the
specialist acts on dossiers in `in_processing`; a plugin's own transitions (a field inspection)
count the same way, so a plugin state appears in the right inbox without any configuration.
Transitions with `tone="danger"` (refusals, stopping) do not count: they are open in many states
but are not the work a dossier waits for (a leader may refuse a dossier in processing; it is the
specialist's work, not the leader's).

    >>> states_by_role()["leader"]
    frozenset({'awaiting_approval'})
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django_fsm import ANY_OTHER_STATE, ANY_STATE

from procedure_plugins.registry import register
from staff.roles import Role

from ..models import Dossier
from ..workflow import OFFICER, HasRole


def _workflows() -> set[type]:
    found: set[type] = {Dossier}
    for plugin in register.all_versions():
        workflow = getattr(plugin, "workflow", None)
        if isinstance(workflow, type):
            found.add(workflow)
    return found


def _sources(transition, states: Iterable[str]) -> set[str]:
    if transition.source in (ANY_STATE, ANY_OTHER_STATE):
        return {s for s in states if s != transition.target}
    return {str(transition.source)}


def officer_transitions() -> list[tuple[tuple[str, ...], str, str]]:
    """(roles, source, target) of every officer transition of every installed workflow."""
    rows: set[tuple[tuple[str, ...], str, str]] = set()
    for workflow in _workflows():
        field = workflow._meta.get_field("state")
        states = list(workflow.state_labels())
        for transition in field.get_all_transitions(workflow):
            custom = transition.custom or {}
            permission = transition.permission
            if custom.get("actor", OFFICER) != OFFICER or not isinstance(permission, HasRole):
                continue
            if custom.get("tone") == "danger":
                continue
            for source in _sources(transition, states):
                rows.add((permission.roles, source, str(transition.target or source)))
    return sorted(rows)


def end_states() -> frozenset[str]:
    """Every end state of every installed workflow (nothing is left to do)."""
    return frozenset().union(*(workflow.end_states() for workflow in _workflows()))


def states_by_role() -> dict[str, frozenset[str]]:
    """Role → the states in which that role has at least one action."""
    found: dict[str, set[str]] = defaultdict(set)
    for roles, source, _target in officer_transitions():
        for role in roles:
            found[role].add(source)
    return {role: frozenset(states) for role, states in found.items()}


def states_for(roles: Iterable[str]) -> frozenset[str]:
    """The states any of `roles` acts on."""
    table = states_by_role()
    return frozenset().union(*(table.get(str(role), frozenset()) for role in roles))


def assignable_states(role: str = Role.SPECIALIST) -> frozenset[str]:
    """States in which a dossier may be assigned to a holder of `role`: those where the role
    acts, and those one officer transition away from them (a received dossier may be assigned
    to its specialist before it is forwarded)."""
    acting = states_for([role])
    before = {
        source
        for roles, source, target in officer_transitions()
        if target in acting and str(role) not in roles
    }
    return frozenset(acting | before)
