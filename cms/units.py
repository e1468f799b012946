"""The units below a portal's own (a province's communes, the national root's provinces)."""

from __future__ import annotations

from typing import Any

from tenants.choices import Level
from tenants.selectors import children_of, primary_host


def lower_units(locality) -> list[tuple[Any, str | None]]:
    """The units below a province (or the national root), each with its portal's host."""
    if locality is None or locality.level == Level.COMMUNE:
        return []
    return [(unit, primary_host(unit)) for unit in children_of(locality)]
