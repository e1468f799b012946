"""Provinces and communes for address pickers, from the official list of today's units.

The pickers read the same data the localities are provisioned from (tenants.datasets, the
`vietnam-provinces` package: 34 provinces, 3,321 communes since 1 July 2025), so a code in an
answer is the code of a `tenants.Locality` of the current dataset. The whole list is used, not only
the localities that run a portal yet: a citizen of Tứ Kỳ may have been born anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tenants.choices import Level
from tenants.datasets import current_units
from tenants.text import fold


@dataclass(frozen=True)
class Place:
    code: str
    name: str


@lru_cache(maxsize=1)
def _units() -> tuple[tuple[Place, ...], dict[str, tuple[Place, ...]], dict[str, str]]:
    provinces: list[Place] = []
    communes: dict[str, list[Place]] = {}
    names: dict[str, str] = {}
    for record in current_units():
        if record.level == Level.PROVINCE:
            provinces.append(Place(record.code, record.name))
            names[f"p:{record.code}"] = record.name
        elif record.level == Level.COMMUNE and record.parent_code:
            communes.setdefault(record.parent_code, []).append(Place(record.code, record.name))
            names[f"c:{record.code}"] = record.name
    provinces.sort(key=lambda place: _sort_key(place.name))
    return (
        tuple(provinces),
        {
            code: tuple(sorted(items, key=lambda p: _sort_key(p.name)))
            for code, items in communes.items()
        },
        names,
    )


def _sort_key(name: str) -> str:
    return fold(name)


def provinces() -> tuple[Place, ...]:
    return _units()[0]


def communes(province_code: str) -> tuple[Place, ...]:
    return _units()[1].get(province_code, ())


def province_name(code: str) -> str | None:
    return _units()[2].get(f"p:{code}")


def commune_name(code: str) -> str | None:
    return _units()[2].get(f"c:{code}")


def commune_in_province(commune_code: str, province_code: str) -> bool:
    return any(place.code == commune_code for place in communes(province_code))
