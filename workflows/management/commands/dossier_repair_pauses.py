"""Find and repair dossiers stuck by a pause recorded before their legal clock started.

    manage.py dossier_repair_pauses [--locality SCHEMA] [--dry-run]

Lists each such dossier (locality, code, state, the pause) and removes the pause; with
`--dry-run` it only lists. Safe to run again: a repaired dossier is no longer found.
docs/dossiers.md ("Supplement before the clock starts") explains the rule.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django_tenants.utils import tenant_context

from workflows.calendar import to_local
from workflows.services.repair import dossier_repair_pauses, dossiers_with_pauses_before_clock_start

from ..localities import add_locality_option, chosen_localities


def _moment(value) -> str:
    return to_local(value).strftime("%H:%M %d/%m/%Y") if value is not None else "…"


class Command(BaseCommand):
    help = (
        "Remove the pauses recorded for supplements asked before a dossier's clock started "
        "(they made the citizen's resubmission fail), in every locality or one."
    )

    def add_arguments(self, parser):
        add_locality_option(parser)
        parser.add_argument(
            "--dry-run", action="store_true", help="List the dossiers, change nothing."
        )

    def handle(self, *args, locality=None, dry_run=False, **options):
        found = 0
        for place in chosen_localities(locality):
            with tenant_context(place):
                for dossier in dossiers_with_pauses_before_clock_start():
                    repair = dossier_repair_pauses(dossier=dossier, dry_run=dry_run)
                    found += 1
                    pauses = ", ".join(
                        f"{_moment(p.paused_at)} → {_moment(p.resumed_at)}" for p in repair.pauses
                    )
                    self.stdout.write(
                        f"{place.schema_name} {dossier.code or dossier.reference} "
                        f"[{dossier.state}] clock from {_moment(dossier.counted_from)}; "
                        f"pause {pauses}"
                    )
        verb = "would be repaired" if dry_run else "repaired"
        self.stdout.write(f"Dossiers with a pause before their clock started: {found} {verb}.")
