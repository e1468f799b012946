"""Administrative units as plain records, parents first, so a loader can create them in order.

Three sources, one record type:

- `current`: the two-level map in force since 1 July 2025 (34 provinces, 3,321 communes), read
  from the installed `vietnam-provinces` package.
- `legacy`: the three-level map in force until 30 June 2025 (63 provinces, 696 districts, 10,051
  communes), shipped in tenants/data/ (taken from `vietnam-provinces` 0.6.0, see its README).
- a CSV file (`provision_localities --from-file`): a unit list prepared by hand, e.g. a new
  commune after a merger. Columns: level, code, name, division_type, slug, parent_code.

Host labels: each unit's label is its short code name (`tu-ky`). Two siblings may share a short
name (Xã and Phường Cẩm Giang): those keep their full code name (`xa-cam-giang`). Two siblings may
even share the full one once accents are dropped (Xã Minh Quán and Xã Minh Quân): those get their
code appended (`xa-minh-quan-04516`), so every host is unique and never depends on row order.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from unidecode import unidecode

from .choices import Dataset, Level
from .hosts import slug_from_codename

DATA_DIR = Path(__file__).resolve().parent / "data"
#: The nested JSON of vietnam-provinces 0.6.0 (the last release with the three-level map).
LEGACY_DATA_FILE = DATA_DIR / "vietnam-provinces-0.6.0-nested-divisions.json.gz"
FILE_COLUMNS = ("level", "code", "name", "division_type", "slug", "parent_code")


class DatasetError(Exception):
    """The dataset cannot be used; `problems` names every bad row."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class UnitRecord:
    dataset: str
    level: str
    code: str
    name: str
    division_type: str
    slug: str
    parent_code: str | None  # the parent unit's code; None for a province
    source: str = ""  # where the row came from, for messages: "dòng 4"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.dataset, self.level, self.code)

    @property
    def parent_key(self) -> tuple[str, str, str] | None:
        level = parent_level(self.dataset, self.level)
        if self.parent_code is None or level is None:
            return None
        return (self.dataset, level, self.parent_code)

    @property
    def label(self) -> str:
        """How messages name the row: `dòng 4 (mã 11074, Xã Tứ Kỳ)`."""
        where = f"{self.source} " if self.source else ""
        return f"{where}(mã {self.code or '?'}, {self.name or '?'})".strip()


def parent_level(dataset: str, level: str) -> str | None:
    """A commune hangs under a district on the legacy map, under its province on today's."""
    if level == Level.DISTRICT:
        return Level.PROVINCE
    if level == Level.COMMUNE:
        return Level.DISTRICT if dataset == Dataset.LEGACY else Level.PROVINCE
    return None


def levels_of(dataset: str) -> list[str]:
    if dataset == Dataset.LEGACY:
        return [Level.PROVINCE, Level.DISTRICT, Level.COMMUNE]
    return [Level.PROVINCE, Level.COMMUNE]


def sibling_slugs(units: Iterable[dict], *, code_of) -> dict[str, str]:
    """Host label per unit code among siblings (see the module docstring for the rule)."""
    units = list(units)
    short_counts = Counter(unit["short_codename"] for unit in units)
    full_counts = Counter(
        unit["codename"] for unit in units if short_counts[unit["short_codename"]] > 1
    )
    slugs: dict[str, str] = {}
    for unit in units:
        code = code_of(unit)
        if short_counts[unit["short_codename"]] == 1:
            slugs[code] = slug_from_codename(unit["short_codename"])
        elif full_counts[unit["codename"]] == 1:
            slugs[code] = slug_from_codename(unit["codename"])
        else:
            slugs[code] = slug_from_codename(f"{unit['codename'][:55]}_{code}")
    return slugs


def _code(value: int, width: int) -> str:
    return f"{value:0{width}d}"


def current_units(province_code: str | None = None) -> Iterator[UnitRecord]:
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH  # noqa: PLC0415 - heavy dataset, only when files are read

    with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as handle:
        provinces = json.load(handle)
    for province in provinces:
        code = _code(province["code"], 2)
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
        slugs = sibling_slugs(province["wards"], code_of=lambda ward: _code(ward["code"], 5))
        for ward in province["wards"]:
            ward_code = _code(ward["code"], 5)
            yield UnitRecord(
                dataset=Dataset.CURRENT,
                level=Level.COMMUNE,
                code=ward_code,
                name=ward["name"],
                division_type=ward["division_type"],
                slug=slugs[ward_code],
                parent_code=code,
            )


# The 0.6.0 data only says tỉnh / huyện / xã; the unit's own name says which kind it is.
_DIVISION_TYPES = {
    Level.PROVINCE: ["thành phố", "tỉnh"],
    Level.DISTRICT: ["thành phố", "thị xã", "quận", "huyện"],
    Level.COMMUNE: ["thị trấn", "phường", "xã"],
}
_PROVINCE_PREFIX_RE = re.compile(r"^(thanh_pho|tinh)_")


def _division_type(level: str, name: str) -> str:
    lowered = name.lower()
    for kind in _DIVISION_TYPES[level]:
        if lowered.startswith(kind + " "):
            if level == Level.PROVINCE and kind == "thành phố":
                return "thành phố trung ương"
            return kind
    return ""


@cache
def _legacy_provinces() -> list[dict]:
    with gzip.open(LEGACY_DATA_FILE, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def legacy_units(province_code: str | None = None) -> Iterator[UnitRecord]:
    """The pre-July-2025 map: provinces, then their districts, then the districts' communes."""
    provinces = _legacy_provinces()
    wanted = [
        province
        for province in provinces
        if not province_code or _code(province["code"], 2) == province_code.zfill(2)
    ]
    for province in wanted:
        yield UnitRecord(
            dataset=Dataset.LEGACY,
            level=Level.PROVINCE,
            code=_code(province["code"], 2),
            name=province["name"],
            division_type=_division_type(Level.PROVINCE, province["name"]),
            slug=slug_from_codename(_PROVINCE_PREFIX_RE.sub("", province["codename"])),
            parent_code=None,
        )
    for province in wanted:
        slugs = sibling_slugs(province["districts"], code_of=lambda unit: _code(unit["code"], 3))
        for district in province["districts"]:
            code = _code(district["code"], 3)
            yield UnitRecord(
                dataset=Dataset.LEGACY,
                level=Level.DISTRICT,
                code=code,
                name=district["name"],
                division_type=_division_type(Level.DISTRICT, district["name"]),
                slug=slugs[code],
                parent_code=_code(province["code"], 2),
            )
    for province in wanted:
        for district in province["districts"]:
            slugs = sibling_slugs(district["wards"], code_of=lambda unit: _code(unit["code"], 5))
            for ward in district["wards"]:
                code = _code(ward["code"], 5)
                yield UnitRecord(
                    dataset=Dataset.LEGACY,
                    level=Level.COMMUNE,
                    code=code,
                    name=ward["name"],
                    division_type=_division_type(Level.COMMUNE, ward["name"]),
                    slug=slugs[code],
                    parent_code=_code(district["code"], 3),
                )


def units_for(dataset: str, province_code: str | None = None) -> list[UnitRecord]:
    loader = legacy_units if dataset == Dataset.LEGACY else current_units
    return list(loader(province_code))


def slug_from_name(name: str, division_type: str = "") -> str:
    """`Xã Tứ Kỳ` -> `tu-ky`: the name without its kind, without accents."""
    bare = name.strip()
    if division_type and bare.lower().startswith(division_type.lower() + " "):
        bare = bare[len(division_type) + 1 :]
    return slug_from_codename(unidecode(bare).replace("đ", "d").replace("Đ", "D"))


def file_units(path: Path, *, dataset: str) -> list[UnitRecord]:  # noqa: C901 - one branch per column of the published file format
    """Rows of a CSV unit list, parents first. Raises DatasetError naming every bad row.

    Example file (UTF-8, header required; slug may be left empty to derive it from the name):

        level,code,name,division_type,slug,parent_code
        province,12,Tỉnh Lai Châu,tỉnh,lai-chau,
        commune,03388,Xã Sìn Hồ,xã,,12
    """
    allowed_levels = set(levels_of(dataset))
    problems: list[str] = []
    records: list[UnitRecord] = []
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed below
    except OSError as error:
        raise DatasetError(
            [_("Không đọc được tệp %(path)s: %(error)s") % {"path": path, "error": error}]
        ) from error
    with handle:
        try:
            rows = list(csv.reader(handle))
        except (csv.Error, UnicodeDecodeError) as error:
            raise DatasetError(
                [
                    _("Tệp %(path)s không phải CSV UTF-8 hợp lệ: %(error)s")
                    % {"path": path, "error": error}
                ]
            ) from error
    if not rows or [column.strip() for column in rows[0]] != list(FILE_COLUMNS):
        raise DatasetError(
            [
                _("Dòng 1 của %(path)s phải là tiêu đề: %(header)s")
                % {"path": path, "header": ",".join(FILE_COLUMNS)}
            ]
        )
    for number, row in enumerate(rows[1:], start=2):
        where = _("dòng %(number)d") % {"number": number}
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(FILE_COLUMNS):
            problems.append(
                _("%(where)s: có %(count)d cột, cần %(wanted)d (%(columns)s).")
                % {
                    "where": where.capitalize(),
                    "count": len(row),
                    "wanted": len(FILE_COLUMNS),
                    "columns": ",".join(FILE_COLUMNS),
                }
            )
            continue
        level, code, name, division_type, slug, parent_code = (cell.strip() for cell in row)
        row_problems = []
        if level not in allowed_levels:
            row_problems.append(
                _("cấp “%(level)s” không có trong bộ dữ liệu %(dataset)s (dùng: %(allowed)s)")
                % {"level": level, "dataset": dataset, "allowed": ", ".join(levels_of(dataset))}
            )
        if not code:
            row_problems.append(_("thiếu mã đơn vị"))
        elif len(code) > 10:
            row_problems.append(_("mã “%(code)s” dài quá 10 ký tự") % {"code": code})
        if not name:
            row_problems.append(_("thiếu tên đơn vị"))
        elif len(name) > 150:
            row_problems.append(_("tên dài quá 150 ký tự"))
        if level in allowed_levels and level != Level.PROVINCE and not parent_code:
            row_problems.append(_("thiếu mã đơn vị cấp trên (parent_code)"))
        if level == Level.PROVINCE and parent_code:
            row_problems.append(_("tỉnh không có đơn vị cấp trên, để trống parent_code"))
        if row_problems:
            problems.append(f"{where.capitalize()} ({code or '?'}): " + "; ".join(row_problems))
            continue
        records.append(
            UnitRecord(
                dataset=dataset,
                level=level,
                code=code,
                name=name,
                division_type=division_type,
                slug=slug or slug_from_name(name, division_type),
                parent_code=parent_code or None,
                source=where,
            )
        )
    if problems:
        raise DatasetError(problems)
    order = {level: index for index, level in enumerate(levels_of(dataset))}
    return sorted(records, key=lambda record: order[record.level])


def within_province(records: list[UnitRecord], province_code: str) -> list[UnitRecord]:
    """The province itself and every unit under it (by following parent codes)."""
    wanted = province_code.zfill(2)
    by_key = {record.key: record for record in records}
    kept = []
    for record in records:
        node: UnitRecord | None = record
        while node is not None and node.parent_key is not None:
            node = by_key.get(node.parent_key)
        if node is not None and node.level == Level.PROVINCE and node.code == wanted:
            kept.append(record)
        elif node is None and record.parent_code == wanted:
            kept.append(record)  # a commune listed without its (already created) province
    return kept
