"""`manage.py rebuild_dossier_index [--batch-size N] [--schema c11074 ...] [--dry-run]`.

Compares every locality's dossiers with the national index, prints each difference it finds and
repairs it (unless --dry-run). Safe while the portal serves: see workflows/public_index/rebuild.py.
Run it after deploying the index's new columns (backfill), after changing LOOKUP_HASH_KEY, or
whenever the index is suspected wrong.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ...rebuild import DIFFERS, MISSING, ORPHAN, rebuild


class Command(BaseCommand):
    help = _(
        "Dựng lại chỉ mục hồ sơ toàn quốc từ schema của các đơn vị, theo từng lô; in và sửa mọi "
        "chỗ sai lệch. Chạy được khi cổng đang phục vụ."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--schema", action="append", dest="schemas", help=_("chỉ đơn vị có schema này")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("chỉ báo sai lệch, không sửa"))

    def handle(self, *args, **options):
        report = rebuild(
            batch_size=max(1, options["batch_size"]),
            dry_run=options["dry_run"],
            schemas=options["schemas"],
            on_difference=lambda difference: self.stdout.write(str(difference)),
        )
        summary = _(
            "%(localities)s đơn vị, %(dossiers)s hồ sơ: %(missing)s dòng thiếu, %(differs)s dòng "
            "sai, %(orphans)s dòng thừa"
        ) % {
            "localities": report.localities,
            "dossiers": report.dossiers,
            "missing": report.count(MISSING),
            "differs": report.count(DIFFERS),
            "orphans": report.count(ORPHAN),
        }
        if options["dry_run"] and report.differences:
            summary += _(" (chưa sửa: --dry-run)")
        elif report.differences:
            summary += _(" (đã sửa)")
        self.stdout.write(summary + ".")
