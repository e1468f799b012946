"""Host names of localities: `<commune>.<province>.<base domain>`.

DNS labels may hold only a-z, 0-9 and '-', so `_` (used by the source data's code names) never
appears; Wagtail and Django both reject such hosts.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import Dataset

LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
#: Label that keeps the pre-2025 three-level map apart from today's units of the same name.
LEGACY_LABEL = "3cap"


def slug_from_codename(codename: str) -> str:
    """`xa_tu_ky` or `tu_ky` -> `tu-ky` (the data's code names use underscores)."""
    slug = re.sub(r"[^a-z0-9]+", "-", codename.lower()).strip("-")
    return slug[:63].strip("-")


def validate_label(label: str) -> None:
    if not LABEL_RE.match(label):
        raise ValidationError(
            _(
                "“%(label)s” không dùng được trong tên miền: chỉ chữ thường a-z, số 0-9 và "
                "dấu gạch ngang, tối đa 63 ký tự, không bắt đầu hay kết thúc bằng gạch ngang."
            ),
            params={"label": label},
            code="invalid_host_label",
        )


def validate_host(host: str) -> None:
    if len(host) > 253:
        raise ValidationError(_("Tên miền dài quá 253 ký tự: %(host)s"), params={"host": host})
    for label in host.split("."):
        validate_label(label)


def host_for(labels: list[str], dataset: str = Dataset.CURRENT, base: str | None = None) -> str:
    """Host from the unit's own label up to its province's: `["tu-ky", "hai-phong"]`."""
    parts = list(labels)
    if dataset == Dataset.LEGACY:
        parts.append(LEGACY_LABEL)
    parts.append(base or settings.BASE_DOMAIN)
    host = ".".join(parts)
    validate_host(host)
    return host
