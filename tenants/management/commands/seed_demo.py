"""`manage.py seed_demo` (`make run`): the demo localities, logins and data, created once.

A locality already seeded is left as it is, whatever was changed there since; with everything
seeded the command reads one count and returns.
"""

import logging
from contextlib import ExitStack, contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants.demo import demo_localities_ensure, demo_seed, demo_seed_done


class Command(BaseCommand):
    # `runserver` runs the system checks right after; running them here too doubles the wait.
    requires_system_checks: list[str] = []
    help = (
        "Tạo các đơn vị, tài khoản và dữ liệu mẫu (một lần cho mỗi đơn vị; "
        "không ghi đè những gì đã sửa)."
    )

    def handle(self, *args, **options):
        if demo_seed_done():
            return
        with ExitStack() as stack:
            if options["verbosity"] < 2:
                stack.enter_context(_quiet("wagtail", "django_tasks"))
            demo_localities_ensure()
            # Localities made before the CMS's setup hook existed get their Wagtail site now,
            # before the demo footer and pages go into it.
            call_command("cms_setup_sites", index=True, verbosity=0)
            seeded = demo_seed()
        for name, created in seeded.items():
            if options["verbosity"]:
                self.stdout.write(f"Dữ liệu mẫu {name}: {len(created)} mục")
            if options["verbosity"] > 1:
                for item in created:
                    self.stdout.write(f"  {item}")


@contextmanager
def _quiet(*names: str):
    """Wagtail logs every page created and published, and each background task: dozens of lines
    that would push `make run`'s banner off the screen on a first start."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
