"""The demo localities that `make run` serves and the test suite reuses."""

from __future__ import annotations

from .choices import Dataset, Level
from .datasets import current_units
from .models import Locality
from .services import locality_create, national_root_ensure

#: (province code, commune code): Hải Phòng with Xã Tứ Kỳ; Gia Lai with Xã Chư Pưh.
DEMO_UNITS = [("31", "11074"), ("52", "23942")]


def demo_localities_ensure() -> dict[str, Locality]:
    """Create the national root and the demo units if missing; return them by code."""
    national_root_ensure()
    wanted = {code for pair in DEMO_UNITS for code in pair}
    by_code: dict[str, Locality] = {}
    for province_code, _commune in DEMO_UNITS:
        for record in current_units(province_code):
            if record.code not in wanted:
                continue
            existing = Locality.objects.filter(
                dataset=Dataset.CURRENT, level=record.level, code=record.code
            ).first()
            if existing is None:
                parent = by_code.get(record.parent_code) if record.parent_code else None
                existing = locality_create(
                    level=record.level,
                    code=record.code,
                    name=record.name,
                    slug=record.slug,
                    parent=parent,
                    division_type=record.division_type,
                )
            by_code[record.code] = existing
    return by_code


__all__ = ["DEMO_UNITS", "demo_localities_ensure", "Level"]
