"""Give every locality that lacks one its Wagtail site (home titled, Site answering its host).

Localities created by `tenants.services.locality_create` get their site from the setup hook
(`cms.provisioning.setup_locality_site`); this command is for localities made before the hook
existed, and is safe to run again (a locality whose Site already has its host is skipped).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django_tenants.utils import tenant_context

from cms.provisioning import index_pages_if_unindexed, locality_has_site, setup_locality_site
from tenants.models import Locality


class Command(BaseCommand):
    help = "Set up the Wagtail site of every locality that does not have one yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--index",
            action="store_true",
            help="Also index the pages of localities whose search index is still empty.",
        )

    def handle(self, *args, index: bool = False, **options):
        localities = Locality.objects.exclude(schema_name=settings.PUBLIC_SCHEMA_NAME)
        done = 0
        for locality in localities.order_by("schema_name"):
            with tenant_context(locality):
                if index:
                    index_pages_if_unindexed()
                if locality_has_site(locality):
                    continue
                setup_locality_site(locality)
            done += 1
            if options["verbosity"] > 1:
                self.stdout.write(f"{locality.name}: {locality.get_primary_domain().domain}")
        if options["verbosity"]:
            self.stdout.write(f"Wagtail sites set up: {done}")
