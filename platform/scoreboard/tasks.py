"""The batched job that keeps the national figures counted (services.national_figures_refresh)."""

from __future__ import annotations

from celery import shared_task

from workflows import clock

from .services import national_figures_refresh


@shared_task(name="scoreboard.refresh_national")
def refresh_national() -> int:
    """Runs in the public schema (beat sends it without a locality); returns the periods counted."""
    return len(national_figures_refresh(now=clock.now()))
