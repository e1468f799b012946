"""Run the daily deadline care now, in every locality or one.

    manage.py deadline_care [--locality SCHEMA]

The same `workflows.deadlines.care.care_run()` the daily beat job runs in each locality: warns
officers of dossiers due the next working day and of steps over their share, marks overdue
dossiers, and escalates unassigned dossiers where the locality configured it. Safe to repeat:
each warning and mark is given once.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django_tenants.utils import tenant_context

from workflows.deadlines.care import care_run

from ..localities import add_locality_option, chosen_localities


class Command(BaseCommand):
    help = "Run the deadline care (warnings, overdue marks, escalation) now."

    def add_arguments(self, parser):
        add_locality_option(parser)

    def handle(self, *args, locality=None, **options):
        for place in chosen_localities(locality):
            with tenant_context(place):
                report = care_run()
            self.stdout.write(
                f"{place.schema_name}: due tomorrow {report.due_tomorrow}, steps over their "
                f"share {report.step_overruns}, overdue marked {report.overdue_marked}, "
                f"escalated {report.escalated}, e-mails {report.messages}"
            )
