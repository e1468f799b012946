"""`manage.py national_reconcile`: find the dossiers whose status the national portal does not
hold (its last accepted record says otherwise, or it has none) and queue a fresh record for each.

The public score is computed from what was synced: a record given up (an answer other than
"00" that staff never re-sent) or sync switched on after dossiers moved leaves the portal
behind. `--dry-run` only lists; `--locality SCHEMA` limits to one locality. Safe to repeat.
"""

from django.core.management.base import BaseCommand
from django_tenants.utils import tenant_context

from outbox import national
from outbox.national_sync import national_resync, out_of_sync
from tenants.models import Locality


class Command(BaseCommand):
    help = "Đối soát trạng thái hồ sơ đã đồng bộ lên Cổng Dịch vụ công quốc gia và gửi lại."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only list the differences")
        parser.add_argument("--locality", help="the schema of one locality")

    def handle(self, *args, dry_run: bool = False, locality: str | None = None, **options):
        if not national.enabled():
            self.stdout.write("national sync is off (OUTBOX_NATIONAL_URL is empty)")
            return
        localities = Locality.objects.filter(is_active=True).exclude(schema_name="public")
        if locality:
            localities = localities.filter(schema_name=locality)
        total = 0
        for place in localities.order_by("schema_name"):
            with tenant_context(place):
                for dossier, told, true in out_of_sync():
                    total += 1
                    self.stdout.write(
                        f"{place.schema_name} {dossier.code}: national portal holds "
                        f"{told if told is not None else '—'}, status is {true}"
                    )
                    if not dry_run:
                        national_resync(dossier=dossier, locality=place)
        verb = "listed" if dry_run else "queued again"
        self.stdout.write(f"{total} dossier(s) {verb}")
