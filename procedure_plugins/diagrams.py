"""Workflow diagrams for procedure pages: graphviz (the Debian package) → SVG, with Vietnamese
labels. Generated once per workflow class (that is, per plugin version) and kept in memory: the
diagram changes only when the code does, never per request.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.translation import gettext as _

from workflows.workflow import APPLICANT
from workflows.workflow_graph import reachable_states, transitions_of

FONT = "Liberation Sans"
#: A transition with at least this many source states is noted in its target instead of drawn.
MANY_SOURCES = 3


@lru_cache(maxsize=256)
def workflow_svg(workflow: type) -> str:
    """The diagram of `workflow` as an inline SVG element (no XML prolog)."""
    labels = workflow.state_labels()
    ends = workflow.end_states()
    initial = workflow.initial_state()
    reachable = reachable_states(workflow)
    import graphviz  # noqa: PLC0415 - imported at the first diagram, not with the URLconf

    graph = graphviz.Digraph(
        "quy_trinh",
        format="svg",
        graph_attr={
            "rankdir": "TB",
            "fontname": FONT,
            "bgcolor": "transparent",
            "nodesep": "0.35",
            "ranksep": "0.45",
        },
        node_attr={"fontname": FONT, "fontsize": "11", "shape": "box", "style": "rounded,filled"},
        edge_attr={"fontname": FONT, "fontsize": "9", "color": "#5f6368"},
    )
    rows = transitions_of(workflow)
    # A transition possible from many steps (withdraw, refuse at any stage) would draw an arrow
    # from every box; it is written once, in its target's box, to keep the steps readable.
    # Judged per row: one method may also have a single-source `@transition` stacked on it.
    from_anywhere = [row for row in rows if len(row.sources) >= MANY_SOURCES]
    notes: dict[str, list[str]] = {}
    for row in from_anywhere:
        if row.target:
            notes.setdefault(row.target, []).append(
                _("“%(action)s” ở nhiều bước") % {"action": row.label}
            )
    for state, label in labels.items():
        if state not in reachable:
            continue
        if state == initial:
            fill, shape = "#e8f0fe", "box"
        elif state in ends:
            fill, shape = ("#e6f4ea" if state == "returned" else "#fce8e6"), "doubleoctagon"
        else:
            fill, shape = "#ffffff", "box"
        text = "\n".join([label, *notes.get(state, [])])
        graph.node(state, label=text, fillcolor=fill, shape=shape)
    with graph.subgraph() as bottom:
        bottom.attr(rank="sink")
        for state in sorted(ends & reachable):
            bottom.node(state)
    for row in rows:
        if row in from_anywhere:
            continue
        for source in row.sources:
            if source not in reachable:
                continue
            target = row.target or source
            style = "dashed" if row.actor == APPLICANT else "solid"
            graph.edge(source, target, label=row.label, style=style)
    svg = graph.pipe(format="svg", encoding="utf-8")
    svg = svg[svg.index("<svg") :]
    title = _("Sơ đồ các bước xử lý hồ sơ")
    # An accessible name for the image; the steps are also listed as text on the page.
    return re.sub(r"<svg ", f'<svg role="img" aria-label="{title}" ', svg, count=1)
