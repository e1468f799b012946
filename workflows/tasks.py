"""Celery tasks of the dossier feature (found by the worker's autodiscovery)."""

from .deadlines.tasks import deadline_care_batch, deadline_care_dispatch
from .slips import render_issued_slip

__all__ = ["deadline_care_batch", "deadline_care_dispatch", "render_issued_slip"]
