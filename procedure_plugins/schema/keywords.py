"""The validator: Draft 2020-12 plus Vietnamese formats and a few keywords of our own.

Formats (checked, not just annotations): `vn-date` (dd/mm/yyyy, a real calendar date),
`vn-id-number` (CCCD 12 digits / CMND 9 digits), `vn-phone`, `email`.
Keywords: `x-not-future`, `x-not-past`, `x-min-age` (dates), `x-address` (province and commune
exist and the commune belongs to the province).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from . import places

KNOWN_FORMATS = ("vn-date", "vn-id-number", "vn-phone", "email")
PHONE_RE = re.compile(r"^(0|\+84)(2\d{9}|[35789]\d{8})$")


def parse_vn_date(value: str) -> datetime.date | None:
    """`"05/09/2024"` → date(2024, 9, 5); anything else (31/02/2024, 2024-09-05) → None."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{2}/\d{2}/\d{4}", value):
        return None
    day, month, year = (int(part) for part in value.split("/"))
    if not 1900 <= year <= 2200:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def format_vn_date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def id_number_problem(value: str) -> str | None:
    """Why `value` is not a CCCD/CMND number, or None when it is one."""
    if not value.isdigit() or len(value) not in (9, 12):
        return "length"
    # CCCD: the first three digits are the code of the province where the birth was registered
    # (001–096 under Circular 07/2016/TT-BCA).
    if len(value) == 12 and not 1 <= int(value[:3]) <= 96:
        return "province"
    return None


format_checker = FormatChecker(formats=())


@format_checker.checks("vn-date")
def _is_vn_date(value: object) -> bool:
    return not isinstance(value, str) or parse_vn_date(value) is not None


@format_checker.checks("vn-id-number")
def _is_id_number(value: object) -> bool:
    return not isinstance(value, str) or id_number_problem(value) is None


@format_checker.checks("vn-phone")
def _is_phone(value: object) -> bool:
    return not isinstance(value, str) or bool(PHONE_RE.match(value))


@format_checker.checks("email")
def _is_email(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        validate_email(value)
    except DjangoValidationError:
        return False
    return True


def _today() -> datetime.date:
    return timezone.localdate()


def _not_future(validator, enabled, instance, schema) -> Iterator[ValidationError]:
    if enabled and isinstance(instance, str):
        value = parse_vn_date(instance)
        if value is not None and value > _today():
            yield ValidationError(f"{instance} is in the future")


def _not_past(validator, enabled, instance, schema) -> Iterator[ValidationError]:
    if enabled and isinstance(instance, str):
        value = parse_vn_date(instance)
        if value is not None and value < _today():
            yield ValidationError(f"{instance} is in the past")


def _min_age(validator, years, instance, schema) -> Iterator[ValidationError]:
    if isinstance(instance, str) and isinstance(years, int):
        born = parse_vn_date(instance)
        if born is not None and _age_on(born, _today()) < years:
            yield ValidationError(f"younger than {years}")


def _age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _address(validator, enabled, instance, schema) -> Iterator[ValidationError]:
    if not enabled or not isinstance(instance, dict):
        return
    province = instance.get("province")
    commune = instance.get("commune")
    if isinstance(province, str) and province and places.province_name(province) is None:
        yield ValidationError("unknown province", path=["province"], validator_value="province")
        return
    if (
        isinstance(commune, str)
        and commune
        and isinstance(province, str)
        and province
        and not places.commune_in_province(commune, province)
    ):
        yield ValidationError(
            "commune not in province", path=["commune"], validator_value="commune"
        )


FormValidator = validators.extend(
    Draft202012Validator,
    {
        "x-not-future": _not_future,
        "x-not-past": _not_past,
        "x-min-age": _min_age,
        "x-address": _address,
    },
)


@lru_cache(maxsize=256)
def _validator_for(schema_json: str) -> Any:
    return FormValidator(json.loads(schema_json), format_checker=format_checker)


def validator_for(schema: dict[str, Any]) -> Any:
    """A validator for `schema`, built once per distinct schema."""

    return _validator_for(json.dumps(schema, sort_keys=True, ensure_ascii=False))
