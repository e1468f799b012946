"""`manage.py portal_run [--port 8000]`: what `make run` does, in one process.

Migrate what is behind (`migrate_localities`: one query when nothing is), seed the demo
(`seed_demo`: once per locality, never undoing a user's change), print the URLs, serve with
Django's development server. Each `manage.py` process pays Django's start-up (seconds on a
busy machine), so doing the four steps in the process that then serves saves three of them.
The development server's auto-reloader runs this command again in a child process
(RUN_MAIN=true) that only serves.
"""

from __future__ import annotations

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import autoreload

#: The commands each start runs before serving. No `enable_procedure --all --demo` here: it
#: switched every procedure back on at every start; `seed_demo` offers them once per locality
#: (tenants/tests/test_demo_seed.py runs these steps twice around a user's changes).
START_STEPS: tuple[tuple[str, ...], ...] = (("migrate_localities",), ("seed_demo",))


class Command(BaseCommand):
    help = "Migrate what is behind, seed the demo localities, print the URLs and serve."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")
        parser.add_argument("--addr", default="0.0.0.0")  # noqa: S104 - the development server
        parser.add_argument(
            "--noreload", action="store_true", help="serve without the auto-reloader"
        )

    def handle(self, *args, port: str, addr: str, noreload: bool, **options):
        # The auto-reloader's child (RUN_MAIN=true, set by Django) only serves.
        if os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) != "true":
            for step in START_STEPS:
                call_command(*step)
            call_command("portal_banner", port=port)
        call_command("runserver", f"{addr}:{port}", use_reloader=not noreload)
