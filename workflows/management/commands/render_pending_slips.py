"""Render the slips left pending: their render after commit failed or its task was lost.

    manage.py render_pending_slips [--locality SCHEMA]

A slip's row is written with the action that issues it and its PDF is rendered by the
`workflows.render_issued_slip` task once that action commits (workflows/slips.py). If the worker
crashed or the render failed, the slip stays pending and its download link answers "being
prepared" (HTTP 202). This command renders every pending slip through the same function the task
runs, and issues the receipt of any submitted dossier that has none (dossiers submitted before
receipts were issued with the submission). Safe to run again, and alongside the workers: a slip
already rendered is left as it is.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django_tenants.utils import tenant_context

from workflows.selectors import dossiers_missing_receipt
from workflows.services import receipt_ensure
from workflows.slips import pending_slips, render_issued

from ..localities import add_locality_option, chosen_localities


class Command(BaseCommand):
    help = (
        "Render the slips whose render after commit failed, and issue missing receipts, in "
        "every locality or one."
    )

    def add_arguments(self, parser):
        add_locality_option(parser)

    def handle(self, *args, locality=None, **options):
        rendered = issued = 0
        for place in chosen_localities(locality):
            with tenant_context(place):
                for document in pending_slips():
                    if render_issued(document_id=document.pk):
                        rendered += 1
                        self.stdout.write(
                            f"{place.schema_name} {document.dossier.code}: "
                            f"{document.get_kind_display()} rendered"
                        )
                for dossier in dossiers_missing_receipt():
                    # Rendered here as well: the task after commit may be queued on a broker.
                    render_issued(document_id=receipt_ensure(dossier=dossier).pk)
                    issued += 1
                    self.stdout.write(f"{place.schema_name} {dossier.code}: receipt issued")
        self.stdout.write(f"Slips rendered: {rendered}; receipts issued: {issued}")
