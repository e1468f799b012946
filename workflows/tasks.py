"""Celery tasks of the dossier feature (found by the worker's autodiscovery)."""

from .slips import render_issued_slip

__all__ = ["render_issued_slip"]
