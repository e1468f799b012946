"""The layers have no import cycles, and every module imports cleanly after Django's setup.

A cycle is the only way the order of imports can matter, so the static graph (tests/architecture/
imports.py: every import, at module level or inside a function) finds what importing each module
first in a fresh interpreter would find, in well under a second instead of minutes.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .imports import ROOT, import_graph, project_modules, real_cycles


def test_no_import_cycles_between_or_inside_apps():
    found = real_cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" ↔ ".join(cycle) for cycle in found)


def test_the_graph_sees_imports_inside_functions_but_not_type_checking_ones():
    graph = import_graph()
    # The main-menu template tag imports cms.selectors inside its function.
    assert "cms.selectors" in graph["cms.templatetags.cms_tags"]
    # cms.services names tenants.models.Locality only under `if TYPE_CHECKING:`.
    assert "tenants.models" not in graph["cms.services"]
    # The value types of the legal clock are a leaf: no model, nothing of the project.
    assert graph["workflows.timing"] == set()


@pytest.mark.slow
def test_every_module_imports_after_django_setup():
    modules = sorted(project_modules())
    script = (
        "import importlib, sys, django\n"
        "django.setup()\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as error:\n"
        "        failed.append(f'{name}: {type(error).__name__}: {error}')\n"
        "print('\\n'.join(failed))\n"
        "sys.exit(1 if failed else 0)\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "PORTAL_ENV": "test",
        # Importing a module must not need the database: none is reachable here.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "platform"), str(ROOT)]),
    }
    result = subprocess.run(
        [sys.executable, "-c", script, *modules],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert len(modules) > 150
