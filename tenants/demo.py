"""The demo localities that `make run` serves and the test suite reuses, and their demo data.

`demo_localities_ensure` creates the localities (the test suite's shared fixtures). `demo_seed`
is what `make run` adds on top, once per locality: the procedures of its level, the demo staff's
roles, and on Xã Tứ Kỳ a portal as a real commune runs it (cms/demo.py). A `DemoSeed` row then
records the locality as seeded, and later runs leave it alone: a procedure switched off, a role
removed or a footer rewritten stays that way, and a start with everything seeded is one count.
"""

from __future__ import annotations

from django.db import transaction
from django_tenants.utils import tenant_context

from cms.demo import demo_portal_ensure
from identity.demo import demo_accounts_create, demo_roles_appoint
from procedure_plugins.models import ProcedureOffering
from procedure_plugins.registry import register
from procedure_plugins.services import offering_enable

from .choices import Dataset, Level
from .datasets import current_units
from .models import DemoSeed, Locality
from .services import locality_create, national_root_ensure

#: (province code, commune code): Hải Phòng with Xã Tứ Kỳ; Gia Lai with Xã Chư Pưh.
DEMO_UNITS = [("31", "11074"), ("52", "23942")]
DEMO_CODES = frozenset(code for pair in DEMO_UNITS for code in pair)
#: The commune seeded as a real one looks: staff in every role, footer, guide, news, notice.
SHOWCASE_COMMUNE = "11074"


def demo_localities_ensure() -> dict[str, Locality]:
    """Create the national root and the demo units if missing; return them by code."""
    national_root_ensure()
    by_code: dict[str, Locality] = {}
    for province_code, _commune in DEMO_UNITS:
        for record in current_units(province_code):
            if record.code not in DEMO_CODES:
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


def demo_seed_done() -> bool:
    """Every demo locality exists and has been seeded (the fast path of `make run`)."""
    seeded = DemoSeed.objects.filter(
        locality__dataset=Dataset.CURRENT, locality__code__in=DEMO_CODES
    ).count()
    return seeded == len(DEMO_CODES)


def demo_seed() -> dict[str, list[str]]:
    """Create the demo localities, accounts and data not seeded yet; returns, per locality
    seeded now, what was created ({} when everything was seeded before).

    Example: first run -> {"Xã Tứ Kỳ": ["thủ tục 1.001193", ..., "vai trò chuyenvien.tuky",
    ..., "chân trang", "hướng dẫn", ...], ...}; any later run -> {}.
    """

    if demo_seed_done():
        return {}
    units = demo_localities_ensure()
    accounts = demo_accounts_create()
    seeded: dict[str, list[str]] = {}
    for code in sorted(units):
        unit = units[code]
        if not DemoSeed.objects.filter(locality=unit).exists():
            seeded[unit.name] = demo_locality_seed(locality=unit, accounts=accounts)
    return seeded


@transaction.atomic
def demo_locality_seed(*, locality: Locality, accounts: dict) -> list[str]:
    """Seed one demo locality once: each piece only where missing, then record it as seeded."""

    created = []
    # A procedure someone switched off (its offering row exists, inactive) stays off.
    known = set(
        ProcedureOffering.objects.filter(locality=locality).values_list("procedure_code", flat=True)
    )
    for plugin in register:
        if locality.level in plugin.levels and plugin.code not in known:
            offering_enable(locality=locality, code=plugin.code)
            created.append(f"thủ tục {plugin.code}")
    for account in demo_roles_appoint(locality=locality, accounts=accounts):
        created.append(f"vai trò {account.username}")
    if locality.code == SHOWCASE_COMMUNE and locality.level == Level.COMMUNE:
        with tenant_context(locality):
            created += demo_portal_ensure(locality=locality)
    DemoSeed.objects.create(locality=locality)
    return created


__all__ = [
    "DEMO_UNITS",
    "SHOWCASE_COMMUNE",
    "demo_locality_seed",
    "demo_localities_ensure",
    "demo_seed",
    "demo_seed_done",
    "Level",
]
