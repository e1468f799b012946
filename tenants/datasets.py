"""Administrative units from the `vietnam-provinces` package, as plain records.

`current`: the two-level map in force since 1 July 2025 (34 provinces, 3,321 communes), read from
the installed package's JSON. Records come out parents first, so a loader can create them in order.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .choices import Dataset, Level
from .hosts import slug_from_codename


@dataclass(frozen=True)
class UnitRecord:
    dataset: str
    level: str
    code: str
    name: str
    division_type: str
    slug: str
    parent_code: str | None  # the province's code for a commune; None for a province

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.dataset, self.level, self.code)


def _province_code(code: int) -> str:
    return f"{code:02d}"


def _commune_code(code: int) -> str:
    return f"{code:05d}"


def current_units(province_code: str | None = None) -> Iterator[UnitRecord]:
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as handle:
        provinces = json.load(handle)
    for province in provinces:
        code = _province_code(province["code"])
        if province_code and code != province_code.zfill(2):
            continue
        yield UnitRecord(
            dataset=Dataset.CURRENT,
            level=Level.PROVINCE,
            code=code,
            name=province["name"],
            division_type=province["division_type"],
            slug=slug_from_codename(province["codename"]),
            parent_code=None,
        )
        # Two communes of one province may share a short name (Xã and Phường Cẩm Giang): those
        # keep their full code name (xa-cam-giang, phuong-cam-giang) so each host is unique.
        short_names = Counter(ward["short_codename"] for ward in province["wards"])
        for ward in province["wards"]:
            codename = (
                ward["short_codename"]
                if short_names[ward["short_codename"]] == 1
                else ward["codename"]
            )
            yield UnitRecord(
                dataset=Dataset.CURRENT,
                level=Level.COMMUNE,
                code=_commune_code(ward["code"]),
                name=ward["name"],
                division_type=ward["division_type"],
                slug=slug_from_codename(codename),
                parent_code=code,
            )
