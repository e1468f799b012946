"""`manage.py seed_demo` (`make run`): the demo localities, logins and data, created once.

A locality already seeded is left as it is, whatever was changed there since; with everything
seeded the command reads one count and returns.
"""

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
        demo_localities_ensure()
        # Localities made before the CMS's setup hook existed get their Wagtail site now, before
        # the demo footer and pages go into it.
        call_command("cms_setup_sites", index=True, verbosity=0)
        seeded = demo_seed()
        for name, created in seeded.items():
            if options["verbosity"]:
                self.stdout.write(f"Dữ liệu mẫu {name}: {len(created)} mục")
            if options["verbosity"] > 1:
                for item in created:
                    self.stdout.write(f"  {item}")
