"""Reading a dossier workflow as a graph: its transition table and what is wrong with it.

Used by `manage.py check` (unreachable states, no end state), by the diagrams on procedure pages,
and by the tests that assert each plugin's full transition table.
"""

from __future__ import annotations

import dataclasses
import enum
from collections import deque
from dataclasses import dataclass
from typing import Any

from django_fsm import ANY_OTHER_STATE, ANY_STATE


@dataclass(frozen=True)
class TransitionInfo:
    name: str
    sources: tuple[str, ...]
    target: str | None
    label: str
    actor: str
    permission: str
    conditions: tuple[str, ...]
    form: str


def _state_field(model: type) -> Any:
    return model._meta.get_field("state")


def transitions_of(model: type) -> list[TransitionInfo]:
    """Every transition of a workflow class, sources expanded, sorted by name then target.

    One row per method and what it does: a method with two stacked `@transition`s (other sources,
    another target, other conditions) gives two rows, each with its own sources and target. A
    `source=[...]` list is one `@transition`, so one row.
    """
    field = _state_field(model)
    if model not in field.transitions:
        return []
    states = list(model.state_labels())
    rows: dict[tuple, tuple[TransitionInfo, set[str]]] = {}
    for transition in field.get_all_transitions(model):
        custom = transition.custom or {}
        form = custom.get("form")
        row = TransitionInfo(
            name=transition.name,
            sources=(),
            target=None if transition.target is None else str(transition.target),
            label=str(custom.get("label", transition.name)),
            actor=str(custom.get("actor", "")),
            permission=repr(transition.permission) if transition.permission else "",
            conditions=tuple(c.__name__ for c in transition.conditions),
            form=form.__name__ if isinstance(form, type) else "",
        )
        # django-fsm keeps one Transition per source; those of one decorator share all else.
        _row, sources = rows.setdefault(dataclasses.astuple(row), (row, set()))
        source = transition.source
        if source == ANY_STATE:
            sources.update(states)
        elif source == ANY_OTHER_STATE:
            sources.update(s for s in states if s != row.target)
        else:
            sources.add(str(source))
    return sorted(
        (
            dataclasses.replace(row, sources=tuple(sorted(sources)))
            for row, sources in rows.values()
        ),
        key=lambda row: (row.name, row.target or "", row.sources),
    )


def transition_table(model: type) -> list[tuple[str, str, str]]:
    """(source, transition, target) for every edge, sorted: a workflow change is a visible diff."""
    return sorted(
        (source, row.name, row.target or source)
        for row in transitions_of(model)
        for source in row.sources
    )


def reachable_states(model: type) -> set[str]:
    edges: dict[str, set[str]] = {}
    for source, _name, target in transition_table(model):
        edges.setdefault(source, set()).add(target)
    start = model.initial_state()
    seen = {start}
    queue = deque([start])
    while queue:
        state = queue.popleft()
        for nxt in edges.get(state, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


class GraphFault(enum.Enum):
    """What kind of fault a workflow graph has; `manage.py check` gives each its own id."""

    INVALID = "invalid"  # no transitions, or a transition uses an undeclared state
    UNREACHABLE = "unreachable"  # a declared state no transition leads to
    NO_END = "no_end"  # no end state is reachable, or a state cannot reach one


@dataclass(frozen=True)
class GraphProblem:
    fault: GraphFault
    message: str

    def __str__(self) -> str:
        return self.message


def graph_problems(model: type) -> list[GraphProblem]:
    """What makes a workflow unusable: undeclared or unreachable states, no way to finish."""
    problems: list[GraphProblem] = []
    declared = set(model.state_labels())
    table = transition_table(model)
    if not table:
        return [GraphProblem(GraphFault.INVALID, "the workflow has no transitions")]
    for source, name, target in table:
        for state in (source, target):
            if state not in declared:
                problems.append(
                    GraphProblem(
                        GraphFault.INVALID, f"transition '{name}' uses undeclared state '{state}'"
                    )
                )
    reachable = reachable_states(model)
    unreachable = sorted(declared - reachable)
    if unreachable:
        problems.append(
            GraphProblem(
                GraphFault.UNREACHABLE,
                f"states unreachable from '{model.initial_state()}': {', '.join(unreachable)}",
            )
        )
    ends = model.end_states() & declared
    if not ends & reachable:
        problems.append(GraphProblem(GraphFault.NO_END, "no end state can be reached"))
        return problems
    # Every reachable state must be able to finish (no trap where a dossier waits for ever).
    reverse: dict[str, set[str]] = {}
    for source, _name, target in table:
        reverse.setdefault(target, set()).add(source)
    can_finish = set(ends)
    queue = deque(ends)
    while queue:
        state = queue.popleft()
        for previous in reverse.get(state, ()):
            if previous not in can_finish:
                can_finish.add(previous)
                queue.append(previous)
    stuck = sorted(reachable - can_finish)
    if stuck:
        problems.append(
            GraphProblem(
                GraphFault.NO_END,
                f"states from which no end state can be reached: {', '.join(stuck)}",
            )
        )
    return problems
