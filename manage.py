#!/usr/bin/env python
"""Django's command-line utility for the portal.

`platform/` is a source root, not a package: its Python packages (`portal`, `identity`, ...) are
imported by their own names so that nothing shadows the standard-library module `platform`.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
for source_root in (ROOT / "platform", ROOT):
    if str(source_root) not in sys.path:
        sys.path.insert(0, str(source_root))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - Django's manage.py pattern

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
