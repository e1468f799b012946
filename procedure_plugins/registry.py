"""The registry of procedure plugins and their discovery through Python entry points.

One generic `Registry`; `register = Registry()` is the instance the portal uses. Plugins register
themselves with the decorator, and every plugin, built-in or third-party, is found the same way:
an entry point in the group `dichvucong.procedures` whose name is the procedure code and whose
value is the module that declares it::

    [project.entry-points."dichvucong.procedures"]
    "1.001193" = "procedure_plugins.builtins.birth_registration.plugin"

Tests build a fresh `Registry()` and register classes on it directly; nothing global changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from types import ModuleType
from typing import Generic, TypeVar, cast

from django.core.exceptions import ImproperlyConfigured

from .contract import REQUIRED_ATTRIBUTES, ProcedurePlugin
from .entry_points import ENTRY_POINT_GROUP

logger = logging.getLogger(__name__)

PluginT = TypeVar("PluginT", bound=type[ProcedurePlugin])

#: Marker set on a plugin class by the decorator, so a loader can find the classes a module
#: declared and add them to a registry other than the default one.
CODE_MARKER = "_procedure_code"


#: The system-check ids of a refusal (docs/plugins.md lists them all).
INCOMPLETE = "procedure_plugins.E002"
COLLISION = "procedure_plugins.E003"


class PluginRefused(ImproperlyConfigured):
    """A plugin the registry will not take; the message names the plugin and the problem,
    `check_id` which check refused it (`manage.py check` reports it under that id)."""

    def __init__(self, message: str, *, check_id: str = INCOMPLETE) -> None:
        super().__init__(message)
        self.check_id = check_id


@dataclass(frozen=True)
class LoadProblem:
    """Why a plugin could not be loaded or registered (reported by `manage.py check`)."""

    check_id: str
    plugin: str
    message: str

    def __str__(self) -> str:
        return f"{self.plugin}: {self.message}"


class Registry(Generic[PluginT]):
    """Procedure plugins by code and version.

    >>> register = Registry()
    >>> @register("1.001193")
    ... class BirthRegistration(ProcedurePlugin): ...
    >>> register.get("1.001193")          # latest version that passed validation
    >>> register.get("1.001193", version=1)  # a pinned version, for a dossier in flight
    """

    def __init__(self, *, validate: Callable[[type[ProcedurePlugin]], list] | None = None):
        self._plugins: dict[str, dict[int, PluginT]] = {}
        self.load_problems: list[LoadProblem] = []
        # Deep validation (schema, workflow graph) is injected so that the registry does not
        # import Django models; procedure_plugins.validation provides the default.
        self._validate = validate
        self._problems_cache: dict[tuple[str, int], list] = {}

    # -- registration --------------------------------------------------------------------------

    def __call__(self, code: str) -> Callable[[PluginT], PluginT]:
        def decorator(plugin: PluginT) -> PluginT:
            setattr(plugin, CODE_MARKER, code)
            self.add(code, plugin)
            return plugin

        return decorator

    def add(self, code: str, plugin: PluginT) -> None:
        """Register `plugin` under `code`; refuse incomplete plugins and collisions."""
        name = f"{plugin.__module__}.{plugin.__qualname__}"
        if not isinstance(code, str) or not code.strip():
            raise PluginRefused(f"Plugin {name}: the procedure code must be a non-empty string.")
        if not (isinstance(plugin, type) and issubclass(plugin, ProcedurePlugin)):
            raise PluginRefused(f"Plugin {name} ({code}) must subclass ProcedurePlugin.")
        missing = []
        for spec in REQUIRED_ATTRIBUTES:
            value = getattr(plugin, spec.name, None)
            if value is None or not isinstance(value, spec.types) or not spec.check(value):
                missing.append(f"{spec.name} ({spec.hint or spec.types[0].__name__})")
        if missing:
            raise PluginRefused(f"Plugin {name} ({code}) is incomplete: set {', '.join(missing)}.")
        versions = self._plugins.setdefault(code, {})
        existing = versions.get(plugin.version)
        if existing is plugin:
            plugin.code = code
            return  # the same class seen twice (decorator, then a loader): nothing to do
        if existing is not None:
            raise PluginRefused(
                f"Plugin {name} collides with {existing.__module__}.{existing.__qualname__}: "
                f"both declare procedure {code} version {plugin.version}.",
                check_id=COLLISION,
            )
        owner = _top_package(plugin)
        for other in versions.values():
            if _top_package(other) != owner:
                raise PluginRefused(
                    f"Plugin {name} collides with {other.__module__}.{other.__qualname__}: "
                    f"procedure code {code} already belongs to the package "
                    f"'{_top_package(other)}'.",
                    check_id=COLLISION,
                )
        plugin.code = code
        versions[plugin.version] = plugin

    def remove(self, code: str) -> None:
        """Forget every version of a code (tests, uninstalling at runtime)."""
        self._plugins.pop(code, None)
        self._problems_cache = {k: v for k, v in self._problems_cache.items() if k[0] != code}

    def validate_with(self, validate: Callable[[type[ProcedurePlugin]], list]) -> None:
        """Use `validate` for deep problems from now on (forgets what was validated before)."""
        self._validate = validate
        self._problems_cache = {}

    # -- reading -------------------------------------------------------------------------------

    def problems(self, plugin: PluginT) -> list:
        """Deep problems of one plugin version (cached: plugins are immutable declarations)."""
        if self._validate is None:
            return []
        key = (plugin.code, plugin.version)
        if key not in self._problems_cache:
            self._problems_cache[key] = self._validate(plugin)
            for problem in self._problems_cache[key]:
                logger.error("Procedure plugin %s excluded: %s", plugin.label(), problem)
        return self._problems_cache[key]

    def is_usable(self, plugin: PluginT) -> bool:
        return not self.problems(plugin)

    def get(self, code: str, version: int | None = None) -> PluginT:
        """The plugin for `code`: the pinned `version`, or the newest usable one.

        Raises KeyError when the code is unknown or (without a version) no version is usable.
        A pinned version is returned even when it fails validation: a dossier in flight must still
        open; the check framework reports the problem.
        """
        versions = self._plugins.get(code)
        if not versions:
            raise KeyError(code)
        if version is not None:
            return versions[version]
        for number in sorted(versions, reverse=True):
            if self.is_usable(versions[number]):
                return versions[number]
        raise KeyError(code)

    def versions(self, code: str) -> list[PluginT]:
        return [self._plugins[code][n] for n in sorted(self._plugins.get(code, {}))]

    def all_versions(self) -> Iterator[PluginT]:
        for code in sorted(self._plugins):
            yield from self.versions(code)

    def codes(self) -> list[str]:
        return sorted(self._plugins)

    def __iter__(self) -> Iterator[PluginT]:
        """The newest usable version of every code, in code order."""
        for code in self.codes():
            try:
                yield self.get(code)
            except KeyError:
                continue

    def __contains__(self, code: object) -> bool:
        return code in self._plugins

    def __len__(self) -> int:
        return len(self._plugins)

    # -- discovery -----------------------------------------------------------------------------

    def load_entry_points(self, group: str = ENTRY_POINT_GROUP) -> list[LoadProblem]:
        """Import every plugin module advertised in `group` and register what it declares.

        A module that fails to import, or declares nothing under its entry point's code, is left
        out with a logged error and a `LoadProblem`; the other plugins still load.
        """
        found: list[LoadProblem] = []
        for entry_point in sorted(metadata.entry_points(group=group), key=lambda e: e.name):
            label = f"{entry_point.name} = {entry_point.value}"
            try:
                loaded = entry_point.load()
            except PluginRefused as error:
                found.append(LoadProblem(error.check_id, label, str(error)))
                continue
            except Exception as error:  # noqa: BLE001 - any import error excludes the plugin only
                found.append(
                    LoadProblem(
                        "procedure_plugins.E001",
                        label,
                        f"cannot be imported: {type(error).__name__}: {error}",
                    )
                )
                continue
            try:
                declared = self._add_declared(loaded)
            except PluginRefused as error:
                found.append(LoadProblem(error.check_id, label, str(error)))
                continue
            if entry_point.name not in declared:
                found.append(
                    LoadProblem(
                        "procedure_plugins.E001",
                        label,
                        f"declares no plugin for code {entry_point.name} "
                        f"(found: {', '.join(sorted(declared)) or 'none'}).",
                    )
                )
        for problem in found:
            logger.error("Procedure plugin not loaded: %s", problem)
        self.load_problems.extend(found)
        return found

    def _add_declared(self, loaded: ModuleType | type) -> set[str]:
        """Register the plugin classes a module (or a single class) declared; return their codes."""
        if isinstance(loaded, type):
            candidates = [loaded]
        else:
            candidates = [v for v in vars(loaded).values() if isinstance(v, type)]
        codes = set()
        for candidate in candidates:
            code = candidate.__dict__.get(CODE_MARKER)
            if code:
                self.add(code, cast(PluginT, candidate))
                codes.add(code)
        return codes


def _top_package(plugin: type) -> str:
    return plugin.__module__.split(".")[0] + (
        "." + plugin.__module__.split(".")[1]
        if plugin.__module__.startswith("procedure_plugins.builtins.")
        else ""
    )


#: The registry of the running portal. Its deep validation (`procedure_plugins.validation`, which
#: reads the dossier model) is plugged in by the app's `ready()`, so this module imports no model.
register: Registry = Registry()
