"""Re-apply the role groups' permissions (staff/roles.py) in every locality schema."""

from django.core.management.base import BaseCommand
from django_tenants.utils import tenant_context

from staff.services import role_permissions_sync
from tenants.models import Locality


class Command(BaseCommand):
    help = "Give the role groups of every locality their Django/Wagtail permissions again."

    def handle(self, *args, **options):
        count = 0
        for locality in Locality.objects.exclude(schema_name="public").order_by("schema_name"):
            with tenant_context(locality):
                role_permissions_sync()
            count += 1
        self.stdout.write(f"Role permissions applied in {count} localities.")
