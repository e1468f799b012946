"""Prints what `make run` serves: the URL of every active demo portal and the demo logins."""

from importlib import import_module

from django.core.management.base import BaseCommand

from tenants.choices import Level
from tenants.models import Locality
from tenants.selectors import primary_host


class Command(BaseCommand):
    help = "Print the portal URLs to open and the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port: str, **options):
        self.stdout.write(self.style.SUCCESS("\nCổng dịch vụ công trực tuyến is starting. Open:"))
        localities = Locality.objects.filter(is_active=True).prefetch_related("domains")
        # The national root first, then each province followed by its own units.
        shown = [unit for unit in localities.filter(level=Level.NATIONAL)]
        for province in localities.filter(level=Level.PROVINCE).order_by("name")[:10]:
            shown.append(province)
            shown.extend(localities.filter(parent=province).order_by("name")[:5])
        for unit in shown:
            host = primary_host(unit)
            if host:
                self.stdout.write(f"  {unit.name:<32} http://{host}:{port}/")
        # Demo logins are registered by the apps that create them (identity: demo accounts).
        for module_name in ("identity.demo",):
            try:
                module = import_module(module_name)
            except ImportError:
                continue
            for line in module.demo_login_lines():
                self.stdout.write(f"  {line}")
        self.stdout.write("")
