"""Find a locality by name, ignoring Vietnamese diacritics and case ("tu ky" finds "Xã Tứ Kỳ").

The whole list of active units is a few thousand short names, so it is folded once per process
(and refreshed when the list changes) and matched in memory: no database extension needed.
"""

from __future__ import annotations

from functools import lru_cache

from .models import Locality
from .text import fold


@lru_cache(maxsize=4)
def _index(fingerprint: tuple[int, int]) -> list[tuple[str, int]]:
    return [(fold(name), pk) for pk, name in Locality.objects.values_list("pk", "name")]


def search_localities(query: str, *, limit: int = 30) -> list[Locality]:
    words = fold(query).split()
    if not words:
        return []
    # Count and highest id identify the list well enough: provisioning only adds rows.
    count = Locality.objects.count()
    last = Locality.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    matches = [pk for folded, pk in _index((count, last)) if all(w in folded for w in words)]
    found = (
        Locality.objects.filter(pk__in=matches[: limit * 2], is_active=True)
        .exclude(level="national")
        .select_related("parent")
        .prefetch_related("domains")
    )
    # Provinces before communes, then by name.
    rank = {"province": 0, "district": 1, "commune": 2}
    return sorted(found, key=lambda unit: (rank.get(unit.level, 3), unit.name))[:limit]
