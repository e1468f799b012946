"""Reading a workflow as a graph when one method carries two stacked `@transition`s: each keeps its
own sources, target and label in the table, the graph check and the diagram."""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django_fsm import transition

from procedure_plugins.diagrams import workflow_svg
from tests.support import require_tool
from workflows.models import Dossier
from workflows.states import DossierState
from workflows.workflow import custom, specialist
from workflows.workflow_graph import (
    TransitionInfo,
    graph_problems,
    transition_table,
    transitions_of,
)


class PartnerState(models.TextChoices):
    AT_PARTNER = "at_partner", "Đang lấy ý kiến cơ quan phối hợp"


class PartnerConsultedDossier(Dossier):
    """One method, `consult_partner`, both sends the dossier to a partner agency and, once it has
    answered, sends it on for approval: two transitions with other sources and targets."""

    EXTRA_STATES = PartnerState

    class Meta:
        proxy = True
        app_label = "procedure_workflows"

    @transition(
        field="state",
        source=PartnerState.AT_PARTNER,
        target=DossierState.AWAITING_APPROVAL,
        permission=specialist,
        custom=custom("Trình lãnh đạo sau khi có ý kiến phối hợp"),
    )
    @transition(
        field="state",
        source=[DossierState.IN_PROCESSING, DossierState.SUPPLEMENT_REQUESTED],
        target=PartnerState.AT_PARTNER,
        permission=specialist,
        custom=custom("Gửi lấy ý kiến cơ quan phối hợp"),
    )
    def consult_partner(self, **details: Any) -> None:
        """Out to the partner, or on to the leader once the partner has answered."""


def test_each_stacked_transition_is_its_own_row():
    # Sorted by name, then target.
    rows = [row for row in transitions_of(PartnerConsultedDossier) if row.name == "consult_partner"]
    assert rows == [
        TransitionInfo(
            name="consult_partner",
            sources=("in_processing", "supplement_requested"),
            target="at_partner",
            label="Gửi lấy ý kiến cơ quan phối hợp",
            actor="officer",
            permission="HasRole(specialist)",
            conditions=(),
            form="",
        ),
        TransitionInfo(
            name="consult_partner",
            sources=("at_partner",),
            target="awaiting_approval",
            label="Trình lãnh đạo sau khi có ý kiến phối hợp",
            actor="officer",
            permission="HasRole(specialist)",
            conditions=(),
            form="",
        ),
    ]


def test_the_transition_table_has_each_source_with_its_own_target():
    table = transition_table(PartnerConsultedDossier)
    edges = [(source, name, target) for source, name, target in table if name == "consult_partner"]
    assert edges == [
        ("at_partner", "consult_partner", "awaiting_approval"),
        ("in_processing", "consult_partner", "at_partner"),
        ("supplement_requested", "consult_partner", "at_partner"),
    ]


def test_the_graph_check_sees_the_way_out_of_the_partner_state():
    # Read as one transition, "at_partner" would lead only to itself: a trap with no way to end.
    assert graph_problems(PartnerConsultedDossier) == []


def test_the_diagram_draws_both_arrows_with_their_labels():
    require_tool("dot", package="graphviz")
    svg = workflow_svg(PartnerConsultedDossier)
    edges = set(re.findall(r"<title>(\w+)&#45;&gt;(\w+)</title>", svg))
    assert ("in_processing", "at_partner") in edges
    assert ("at_partner", "awaiting_approval") in edges
    assert ("at_partner", "at_partner") not in edges
    assert "Gửi lấy ý kiến cơ quan phối hợp" in svg
    assert "Trình lãnh đạo sau khi có ý kiến phối hợp" in svg
