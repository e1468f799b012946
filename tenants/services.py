"""Writes about localities: the national root, creating a locality with its schema and host."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .choices import SCHEMA_PREFIX, Dataset, Level
from .hosts import host_for, validate_label
from .models import Domain, Locality

SCHEMA_NAME_RE = re.compile(r"^[a-z][a-z0-9]{0,62}$")
NATIONAL_CODE = "VN"


def schema_name_for(*, dataset: str, level: str, code: str) -> str:
    """`c11074` for today's Xã Tứ Kỳ; `lc11074` for a unit of the pre-2025 map."""
    prefix = ("l" if dataset == Dataset.LEGACY else "") + SCHEMA_PREFIX[Level(level)]
    name = f"{prefix}{code}"
    if not SCHEMA_NAME_RE.match(name):
        raise ValidationError(
            _("Mã “%(code)s” không tạo được tên schema hợp lệ (%(name)s)."),
            params={"code": code, "name": name},
            code="invalid_schema_name",
        )
    return name


@transaction.atomic
def national_root_ensure(*, host: str | None = None) -> Locality:
    """The national portal: the public schema, served at the base domain."""
    root, _created = Locality.objects.get_or_create(
        schema_name=settings.PUBLIC_SCHEMA_NAME,
        defaults={
            "level": Level.NATIONAL,
            "code": NATIONAL_CODE,
            "name": "Cổng Dịch vụ công Quốc gia",
            "division_type": "quốc gia",
            "slug": "quoc-gia",
        },
    )
    Domain.objects.get_or_create(
        domain=host or settings.BASE_DOMAIN, defaults={"tenant": root, "is_primary": True}
    )
    return root


def labels_for(*, slug: str, parent: Locality | None) -> list[str]:
    labels = [slug]
    node = parent
    while node is not None and node.level != Level.NATIONAL:
        labels.append(node.slug)
        node = node.parent
    return labels


def locality_create(
    *,
    level: str,
    code: str,
    name: str,
    slug: str,
    parent: Locality | None,
    division_type: str = "",
    dataset: str = Dataset.CURRENT,
) -> Locality:
    """Create a locality: its row, its schema (with every table) and its primary host.

    If building the schema fails, the row and whatever was made of the schema are removed, so
    an interruption leaves either a whole locality or nothing. (Running migrations cannot share
    one transaction with the row: Wagtail's migrations alter tables with pending triggers.)
    """
    validate_label(slug)
    schema_name = schema_name_for(dataset=dataset, level=level, code=code)
    host = host_for(labels_for(slug=slug, parent=parent), dataset=dataset)
    locality = Locality(
        schema_name=schema_name,
        level=level,
        dataset=dataset,
        code=code,
        name=name,
        division_type=division_type,
        slug=slug,
        parent=parent,
    )
    locality.full_clean(exclude=["parent"])
    with transaction.atomic():
        locality.save()
        Domain.objects.create(domain=host, tenant=locality, is_primary=True)
    try:
        locality.create_schema(check_if_exists=True, verbosity=0)
    except BaseException:
        locality_discard(locality)
        raise
    return locality


def locality_discard(locality: Locality) -> None:
    """Remove a locality's row, hosts and schema (used to undo a half-made locality)."""
    from django.db import connection

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{locality.schema_name}" CASCADE')
    Domain.objects.filter(tenant=locality).delete()
    Locality.objects.filter(pk=locality.pk).delete()
