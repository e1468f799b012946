from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants.demo import demo_localities_ensure
from tenants.selectors import primary_host


class Command(BaseCommand):
    help = "Create the demo localities (national root, Hải Phòng/Tứ Kỳ, Gia Lai/Chư Pưh)."

    def handle(self, *args, **options):
        units = demo_localities_ensure()
        # Localities made before the CMS's setup hook existed get their Wagtail site now.
        call_command("cms_setup_sites", index=True, verbosity=0)
        for unit in units.values():
            self.stdout.write(f"{unit.name}: {primary_host(unit)}")
        # Demo logins (a citizen, staff of Xã Tứ Kỳ, administrators); see identity/demo.py.
        from identity.demo import demo_accounts_ensure

        demo_accounts_ensure()
