"""Where procedure plugins are advertised, read before Django starts (standard library only).

The settings add each installed plugin package's own `locale/` folder to `LOCALE_PATHS`
(`plugin_locale_paths()`), so a third-party plugin ships the English (or any) translation of its
texts with its code: `<package>/locale/en/LC_MESSAGES/django.po` and its compiled `.mo`
(docs/plugins.md, "Text in other languages"). The portal's own catalogue comes first.
"""

from __future__ import annotations

import importlib.util
from importlib import metadata
from pathlib import Path

ENTRY_POINT_GROUP = "dichvucong.procedures"


def plugin_locale_paths(group: str = ENTRY_POINT_GROUP) -> list[Path]:
    """The `locale/` folder of every package that advertises a plugin in `group`, found without
    importing the plugin (a package that cannot be found is left to the registry to report)."""
    found: list[Path] = []
    for entry_point in metadata.entry_points(group=group):
        top = entry_point.value.split(":")[0].split(".")[0]
        try:
            spec = importlib.util.find_spec(top)
        except (ImportError, ValueError):
            continue
        for folder in (spec.submodule_search_locations or []) if spec else []:
            locale = Path(folder) / "locale"
            if locale.is_dir() and locale not in found:
                found.append(locale)
    return found
