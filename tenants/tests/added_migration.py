"""A migration added to the `workflows` app for a test or a benchmark, never committed.

`added_migration(directory)` writes a package that holds every real `workflows` migration plus
one more (a new table and a new column on the dossier) and returns its module name; pointing
`MIGRATION_MODULES["workflows"]` at it makes Django see the extra migration, as after a
deploy. With `pause=True` it also runs Python code (so it cannot be replayed as SQL) that waits
`SCALE_PROBE_PAUSE` seconds, so a run can be interrupted.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

PROBE_TABLE = "workflows_scaleprobe"
PROBE_COLUMN = "scale_probe_note"

_PACKAGE = """
import workflows.migrations as _real

# Every real migration of the app, plus the one beside this file.
__path__ = [*_real.__path__, {directory!r}]
"""

_MIGRATION = """
import os
import time

from django.db import migrations, models


def pause(apps, schema_editor):
    time.sleep(float(os.environ.get("SCALE_PROBE_PAUSE", "0")))


class Migration(migrations.Migration):
    dependencies = [("workflows", {leaf!r})]
    operations = [
        migrations.CreateModel(
            name="ScaleProbe",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("note", models.CharField(max_length=50)),
            ],
        ),
        migrations.AddField(
            model_name="dossier",
            name={column!r},
            field=models.CharField(max_length=50, blank=True, default=""),
        ),
    ]
"""

_PAUSE = """
Migration.operations.append(migrations.RunPython(pause, migrations.RunPython.noop))
"""


def added_migration(directory: Path, *, pause: bool = False) -> str:
    """Write the package under `directory` (put on sys.path) and return its module name."""
    from tenants.schema_migrations import disk_loader

    leaf = next(name for app, name in disk_loader().graph.leaf_nodes() if app == "workflows")
    package = f"scale_probe_{uuid.uuid4().hex[:8]}"
    root = directory / package
    root.mkdir(parents=True)
    (root / "__init__.py").write_text(_PACKAGE.format(directory=str(root)))
    text = _MIGRATION.format(leaf=leaf, column=PROBE_COLUMN) + (_PAUSE if pause else "")
    (root / "9000_scale_probe.py").write_text(text)
    if str(directory) not in sys.path:
        sys.path.insert(0, str(directory))
    return package


def forget(package: str) -> None:
    for name in [name for name in sys.modules if name.split(".")[0] == package]:
        del sys.modules[name]
