"""Deep validation of a plugin (what `manage.py check` reports and the catalogue excludes).

The registry refuses incomplete plugins at registration; this looks at what a complete one
declares: the form schema, the workflow graph, and the consistency of documents, fees and limits.
"""

from __future__ import annotations

from dataclasses import dataclass

from tenants.choices import Level
from workflows.deadlines.shares import StepShares, share_problems
from workflows.models import Dossier
from workflows.states import DossierState
from workflows.workflow import APPLICANT
from workflows.workflow_graph import GraphFault, graph_problems, reachable_states, transitions_of

from .contract import ProcedurePlugin
from .schema import schema_problems
from .templating import template_exists

SCHEMA = "procedure_plugins.E010"
WORKFLOW_UNREACHABLE = "procedure_plugins.E020"
WORKFLOW_NO_END = "procedure_plugins.E021"
WORKFLOW_INVALID = "procedure_plugins.E022"
WORKFLOW_NO_WAY_OUT = "procedure_plugins.E023"
DECLARATION = "procedure_plugins.E030"
NATIONAL_STATUS = "procedure_plugins.E040"

_GRAPH_CHECK = {
    GraphFault.INVALID: WORKFLOW_INVALID,
    GraphFault.UNREACHABLE: WORKFLOW_UNREACHABLE,
    GraphFault.NO_END: WORKFLOW_NO_END,
}


@dataclass(frozen=True)
class Problem:
    check_id: str
    message: str

    def __str__(self) -> str:
        return self.message


def plugin_problems(plugin: type[ProcedurePlugin]) -> list[Problem]:
    problems: list[Problem] = []
    problems += [
        Problem(SCHEMA, f"invalid form schema: {p}") for p in schema_problems(plugin.schema)
    ]
    problems += _workflow_problems(plugin)
    problems += _declaration_problems(plugin)
    problems += _step_share_problems(plugin)
    problems += _national_status_problems(plugin)
    return problems


def _workflow_problems(plugin: type[ProcedurePlugin]) -> list[Problem]:
    workflow = plugin.workflow
    if not (isinstance(workflow, type) and issubclass(workflow, Dossier)):
        return [
            Problem(WORKFLOW_INVALID, "workflow must be workflows.models.Dossier or a proxy of it")
        ]
    if workflow is not Dossier and not workflow._meta.proxy:
        return [
            Problem(WORKFLOW_INVALID, "workflow must be a proxy model of Dossier (no new table)")
        ]
    found = [
        Problem(_GRAPH_CHECK[problem.fault], f"workflow {workflow.__name__}: {problem}")
        for problem in graph_problems(workflow)
    ]
    found += [
        Problem(WORKFLOW_NO_WAY_OUT, f"workflow {workflow.__name__}: {message}")
        for message in own_state_exit_problems(workflow)
    ]
    return found


def own_state_exit_problems(workflow: type) -> list[str]:
    """The plugin's own states (EXTRA_STATES) from which the citizen cannot withdraw or the unit
    cannot refuse: while no decision is made, both must stay possible (Decree 61/2018, the
    standard lifecycle's `withdraw` and `refuse`), so a plugin that adds a state adds it to the
    sources of both. Unreachable states are E020's and not repeated here.

    Example: a proxy adding `police_verification` without listing it in `withdraw`'s sources ->
    ["citizen cannot withdraw from state 'police_verification' (add it to the sources of
    `withdraw`)"].
    """

    extra = getattr(workflow, "EXTRA_STATES", None)
    if extra is None:
        return []
    reachable = reachable_states(workflow)
    own = [str(s) for s in extra.values if s in reachable and s not in workflow.end_states()]
    rows = transitions_of(workflow)
    withdraw_from = {
        s
        for r in rows
        if r.target == DossierState.WITHDRAWN and r.actor == APPLICANT
        for s in r.sources
    }
    refuse_from = {
        s
        for r in rows
        if r.target == DossierState.REFUSED and r.actor != APPLICANT
        for s in r.sources
    }
    problems = []
    for state in own:
        if state not in withdraw_from:
            problems.append(
                f"the citizen cannot withdraw from state '{state}' "
                "(add it to the sources of `withdraw`)"
            )
        if state not in refuse_from:
            problems.append(
                f"the unit cannot refuse from state '{state}' (add it to the sources of `refuse`)"
            )
    return problems


def _declaration_problems(plugin: type[ProcedurePlugin]) -> list[Problem]:  # noqa: C901 - a flat list of independent checks of the declaration
    problems = []
    unknown_levels = set(plugin.levels) - {Level.PROVINCE, Level.DISTRICT, Level.COMMUNE}
    if unknown_levels:
        problems.append(f"unknown locality levels: {', '.join(sorted(unknown_levels))}")
    keys = [doc.key for doc in plugin.documents]
    if len(keys) != len(set(keys)):
        problems.append("two required documents share one key")
    properties = plugin.schema.get("properties", {}) if isinstance(plugin.schema, dict) else {}
    for name in plugin.fee.answer_fields():
        if name not in properties:
            problems.append(f"the fee reads answer '{name}', which the schema does not declare")
    for doc in plugin.documents:
        for name in doc.required_when or {}:
            if name not in properties:
                problems.append(
                    f"document '{doc.key}' depends on answer '{name}', not in the schema"
                )
    limits = plugin.processing_time_limits
    if limits is not None:
        low, high = limits
        if plugin.processing_time.kind == "same_day":
            problems.append("a same-day processing time cannot have override limits")
        elif not low <= plugin.processing_time.amount <= high:
            problems.append("processing_time_limits do not contain the declared processing time")
    fee_limits = plugin.fee.limits
    if fee_limits is not None:
        base = plugin.fee.base_amount
        if base is None:
            problems.append("fee limits are set on a fee rule that has no amount to override")
        elif not fee_limits[0] <= base <= fee_limits[1]:
            problems.append("fee limits do not contain the declared fee")
    problems += _template_problems(plugin)
    return [Problem(DECLARATION, message) for message in problems]


def _step_share_problems(plugin: type[ProcedurePlugin]) -> list[Problem]:
    """`step_shares` is optional; when declared it is a `StepShares` whose shares add up to
    100% and sit within its own limits (a hand-made object that skipped the checks is caught)."""
    shares = getattr(plugin, "step_shares", None)
    if shares is None:
        return []
    if not isinstance(shares, StepShares):
        return [Problem(DECLARATION, "step_shares must be a StepShares (or None for the defaults)")]
    return [
        Problem(DECLARATION, f"step_shares: {message}")
        for message in share_problems(shares.as_dict(), shares.limits)
    ]


def _national_status_problems(plugin: type[ProcedurePlugin]) -> list[Problem]:
    """Every state the plugin's workflow adds needs its national status code (1–10)."""
    workflow = plugin.workflow
    if not hasattr(workflow, "state_labels"):
        return []  # reported as an invalid workflow
    codes = plugin.national_status_codes
    extra = getattr(workflow, "EXTRA_STATES", None)
    added = [str(value) for value in extra.values] if extra is not None else []
    problems = [
        f"state '{state}' has no national status code (add it to national_status_codes)"
        for state in added
        if state not in codes
    ]
    known = set(workflow.state_labels())
    for state, code in codes.items():
        if state not in known:
            problems.append(f"national_status_codes names '{state}', not a state of the workflow")
        elif not (isinstance(code, int) and 1 <= code <= 10):
            problems.append(f"national status code of '{state}' must be an int from 1 to 10")
    return [Problem(NATIONAL_STATUS, message) for message in problems]


def _template_problems(plugin: type[ProcedurePlugin]) -> list[str]:
    problems = []
    for key, name in plugin.result_templates.items():
        if not template_exists(plugin, name):
            problems.append(f"result template '{key}' ({name}) does not exist")
    for doc in plugin.documents:
        blank = doc.blank_form
        if blank is not None and not blank.file and not template_exists(plugin, blank.template):
            problems.append(f"blank form of '{doc.key}' ({blank.template}) does not exist")
    return problems
