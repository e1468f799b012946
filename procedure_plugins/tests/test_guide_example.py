"""The guide's "Adding a state" example (docs/plugins.md §4), copied as a developer would, is a
valid workflow: it passes every check, and the new state has its way out."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from django.apps import apps

from procedure_plugins.validation import plugin_problems
from workflows.workflow_graph import transition_table, transitions_of

from .factories import NoWayOutDossier, make_plugin

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
MODULE = "tu_ky_xac_nhan_guide_example"


@pytest.fixture
def guide_workflow(tmp_path, monkeypatch):
    text = GUIDE.read_text()
    section = text[text.index("### Adding a state") :]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    (tmp_path / f"{MODULE}.py").write_text(code)
    monkeypatch.syspath_prepend(str(tmp_path))
    module = __import__(MODULE)
    yield module.TuKyXacNhanDossier
    sys.modules.pop(MODULE, None)
    apps.all_models["procedure_workflows"].pop("tukyxacnhandossier", None)
    apps.clear_cache()


def test_the_guides_added_state_passes_the_checks(guide_workflow):
    plugin = make_plugin("GuideExample", workflow=guide_workflow)
    assert plugin_problems(plugin) == []
    table = transition_table(guide_workflow)
    for edge in (
        ("in_processing", "ask_police", "police_verification"),
        ("police_verification", "record_police_answer", "in_processing"),
        ("police_verification", "withdraw", "withdrawn"),
        ("police_verification", "refuse", "refused"),
        ("in_processing", "submit_for_approval", "awaiting_approval"),
    ):
        assert edge in table, edge
    (submit,) = [r for r in transitions_of(guide_workflow) if r.name == "submit_for_approval"]
    assert submit.conditions == ("police_verification_done",)
    # The same state without the two redeclarations is what E023 reports.
    problems = [p.check_id for p in plugin_problems(make_plugin(workflow=NoWayOutDossier))]
    assert problems == ["procedure_plugins.E023", "procedure_plugins.E023"]
