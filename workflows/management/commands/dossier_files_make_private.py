"""Move dossier files that earlier versions stored under the public media into the private
storage (README, "Private files").

    manage.py dossier_files_make_private [--locality SCHEMA] [--dry-run]

Every file under `MEDIA_ROOT/<schema>/ho-so/` moves to `PRIVATE_FILES_ROOT/<schema>/ho-so/`
with the same relative name, which is the name the database rows hold, so no row changes.
A file already in the private folder with the same bytes is only removed from the public one;
with different bytes it is reported and left alone. Safe to run again.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.private_files import DOSSIER_FOLDER

from ..localities import add_locality_option, chosen_localities


class Command(BaseCommand):
    help = "Move dossier files from MEDIA_ROOT/<schema>/ho-so/ to the private storage."

    def add_arguments(self, parser):
        add_locality_option(parser)
        parser.add_argument("--dry-run", action="store_true", help="List, move nothing.")

    def handle(self, *args, locality=None, dry_run=False, **options):
        moved = conflicts = 0
        for place in chosen_localities(locality):
            public = Path(settings.MEDIA_ROOT) / place.schema_name / DOSSIER_FOLDER
            private = Path(settings.PRIVATE_FILES_ROOT) / place.schema_name / DOSSIER_FOLDER
            if not public.is_dir():
                continue
            for source in sorted(p for p in public.rglob("*") if p.is_file()):
                relative = source.relative_to(public)
                target = private / relative
                name = f"{place.schema_name}/{DOSSIER_FOLDER}/{relative.as_posix()}"
                if target.exists() and not filecmp.cmp(source, target, shallow=False):
                    conflicts += 1
                    self.stderr.write(f"{name}: a different private file exists, left in place")
                    continue
                moved += 1
                self.stdout.write(name)
                if dry_run:
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.exists():
                    source.unlink()
                else:
                    shutil.move(source, target)
            if not dry_run:
                _remove_empty_folders(public)
        verb = "would move" if dry_run else "moved"
        self.stdout.write(f"Dossier files {verb} to the private storage: {moved}.")
        if conflicts:
            self.stdout.write(f"Left in place (a different private file exists): {conflicts}.")


def _remove_empty_folders(root: Path) -> None:
    for folder, _subfolders, _files in os.walk(root, topdown=False):
        if not os.listdir(folder):
            os.rmdir(folder)
