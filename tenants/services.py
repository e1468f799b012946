"""Writes about localities: the national root, creating a locality with its schema and host."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from .choices import SCHEMA_PREFIX, Dataset, Level
from .context import tenant_connection
from .hosts import host_for, validate_label
from .models import Domain, Locality
from .page_cache import changed_everywhere
from .schema_template import template_snapshot
from .setup_hooks import run_setup_hooks

if TYPE_CHECKING:
    from .schema_template import TemplateSnapshot

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
    """Create a locality: its row, its schema (every table, the template's rows) and its host.

    The schema is replayed from the template schema (tenants/schema_template.py) in the same
    transaction as the row and the host, so an interruption leaves a whole locality or nothing.
    Not atomic itself: if migrations changed since the template was built, the template is
    rebuilt first, and migrations cannot run inside a transaction. Example:

        locality_create(level="commune", code="11074", name="Xã Tứ Kỳ", slug="tu-ky",
                        parent=hai_phong, division_type="xã")
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
    return locality_build(locality=locality, host=host, snapshot=template_snapshot())


@transaction.atomic
def locality_build(*, locality: Locality, host: str, snapshot: TemplateSnapshot) -> Locality:
    """In one transaction: the schema from the snapshot, the row, its host, the setup hooks.

    `locality` is validated (full_clean, or the whole-dataset checks of provision_localities)
    and unsaved. Its row and host are inserted with bulk_create, one statement each: save()
    would add django-tenants' and DomainMixin's re-checks, a savepoint and their round trips,
    which with thousands of localities on two workers cost more than the rows themselves.
    """
    tenant_connection().set_schema_to_public()
    locality.migration_state = snapshot.migration_state
    with connection.cursor() as cursor, connection.wrap_database_errors:
        # Past Django's debug wrapper: with DEBUG on it keeps the last 9,000 statements, and
        # this one is ~160 kB per locality.
        cursor.cursor.execute(snapshot.sql_for(locality.schema_name))
    (locality,) = Locality.objects.bulk_create([locality])
    Domain.objects.bulk_create([Domain(domain=host, tenant=locality, is_primary=True)])
    # bulk_create sends no post_save: a worker that answered this host "unknown" must ask again.
    changed_everywhere()
    run_setup_hooks(locality)
    return locality


def locality_discard(locality: Locality) -> None:
    """Remove a locality's row, hosts and schema (tests and manual clean-up)."""
    tenant_connection().set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{locality.schema_name}" CASCADE')
    Domain.objects.filter(tenant=locality).delete()
    Locality.objects.filter(pk=locality.pk).delete()
