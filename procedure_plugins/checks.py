"""System checks: `manage.py check` fails, naming the plugin, for any plugin that cannot be used.

IDs: E001 cannot be loaded, E002 incomplete, E003 code collision, E010 invalid form schema,
E020 unreachable workflow states, E021 no end state, E022 invalid workflow, E023 a plugin's own
state from which the citizen cannot withdraw or the unit cannot refuse, E030 inconsistent
declaration (documents, fees, limits), E040 a plugin state without a national status code.
"""

from __future__ import annotations

from typing import Any

from django.core import checks

from .registry import Registry, register


@checks.register("procedure_plugins")
def check_procedure_plugins(
    app_configs: Any = None, *, registry: Registry | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    registry = registry if registry is not None else register
    messages: list[checks.CheckMessage] = [
        checks.Error(
            f"Procedure plugin {problem.plugin}: {problem.message}",
            hint="The plugin is left out of the catalogue until this is fixed.",
            id=problem.check_id,
        )
        for problem in registry.load_problems
    ]
    for plugin in registry.all_versions():
        for problem in registry.problems(plugin):
            messages.append(
                checks.Error(
                    f"Procedure plugin {plugin.label()}: {problem.message}",
                    hint="The plugin is left out of the catalogue until this is fixed.",
                    obj=plugin.label(),
                    id=problem.check_id,
                )
            )
    return messages
