"""Fixtures of the catalogue tests: offering procedures, fresh registries, throw-away plugins."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

#: Entry-point group of the throw-away distributions (the real one also holds the built-ins).
TEST_GROUP = "dichvucong.procedures.tests"


def database_url(name: str) -> str:
    """A DATABASE_URL for database `name` on the server the tests use, for commands run as
    subprocesses (tests.support.database_url: one way to build it for every process)."""
    from django.conf import settings

    from tests.support import database_url as url_of

    return url_of({**settings.DATABASES["default"], "NAME": name})


@pytest.fixture
def offer(db):
    """Enable procedures on a locality (public schema rows, rolled back after the test):
    `offer(tu_ky, "1.001193", "1.000894")`."""
    from procedure_plugins.services import offering_enable

    def enable(locality, *codes):
        return [offering_enable(locality=locality, code=code) for code in codes]

    return enable


@pytest.fixture
def all_builtins():
    return ["1.001193", "2.000635", "2.000815", "1.000894", "2.000720", "1.004227"]


@pytest.fixture
def fresh_registry():
    """A registry of our own: nothing registered, nothing global touched."""
    from procedure_plugins.registry import Registry
    from procedure_plugins.validation import plugin_problems

    return Registry(validate=plugin_problems)


@pytest.fixture
def default_registry_restored():
    """Give a test the portal's registry and put it back as it was afterwards."""
    from procedure_plugins.registry import register

    plugins = {code: dict(versions) for code, versions in register._plugins.items()}
    problems = list(register.load_problems)
    cache = dict(register._problems_cache)
    yield register
    register._plugins = plugins
    register.load_problems = problems
    register._problems_cache = cache


@pytest.fixture
def dist_dir(tmp_path, monkeypatch):
    """A folder on sys.path where a test writes an installed distribution by hand (a
    `*.dist-info` with entry_points.txt), so importlib.metadata finds its entry points."""

    def make(
        name: str, entry_points: dict[str, str], modules: dict[str, str], group: str = TEST_GROUP
    ) -> Path:
        # The folder name is "<name>-<version>.dist-info" with "-" in the name written as "_"
        # (importlib.metadata reads the name up to the first "-").
        info = tmp_path / f"{name.replace('-', '_')}-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
        lines = [f"[{group}]"] + [f"{k} = {v}" for k, v in entry_points.items()]
        (info / "entry_points.txt").write_text("\n".join(lines) + "\n")
        for dotted, source in modules.items():
            path = tmp_path.joinpath(*dotted.split(".")).with_suffix(".py")
            path.parent.mkdir(parents=True, exist_ok=True)
            for parent in path.relative_to(tmp_path).parents:
                if str(parent) != ".":
                    (tmp_path / parent / "__init__.py").touch()
            path.write_text(textwrap.dedent(source))
        return tmp_path

    monkeypatch.syspath_prepend(str(tmp_path))
    before = set(sys.modules)
    yield make
    for module in set(sys.modules) - before:
        sys.modules.pop(module, None)
