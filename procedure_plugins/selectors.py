"""Reads of the service catalogue: what a locality offers, filtered, searched, most used.

Stable interface for the other parts of the portal (the CMS home page, the dossier feature):

    offered_procedures(locality, query="ket hon", field=None, online_level=None,
                       applicant_type=None)              -> list[OfferedProcedure]
    offered_procedure(locality, code)                     -> OfferedProcedure | None
    most_used(locality, limit=6)                          -> list[OfferedProcedure]

Results are lists, not querysets: a procedure's declaration is code (the plugin), joined here with
its offering row (public schema) and the locality's own time and fee.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tenants.utils import schema_context

from tenants import page_cache
from tenants.choices import Level
from tenants.models import Locality
from workflows.models import Dossier

from .contract import FeeRule, ProcedurePlugin, ProcessingTime, processing_time_with_amount
from .models import ProcedureOffering
from .registry import Registry, register
from .search import normalise, score

#: Where the dossier feature receives a submission (workflows.urls, name "submit").
SUBMISSION_PATH = "/ho-so/nop/{code}/"


@dataclass(frozen=True)
class OfferedProcedure:
    """A procedure as one locality offers it: the plugin plus the locality's own values."""

    plugin: type[ProcedurePlugin]
    offering: ProcedureOffering

    @property
    def code(self) -> str:
        return self.plugin.code

    @property
    def name(self) -> str:
        return self.plugin.name

    @property
    def field(self) -> str:
        return self.plugin.field

    @property
    def field_slug(self) -> str:
        return slug(self.plugin.field)

    @property
    def agency(self) -> str:
        return self.offering.agency_name or self.plugin.agency

    @property
    def agency_slug(self) -> str:
        return slug(self.agency)

    @property
    def online_level(self) -> Any:
        return self.plugin.online_level

    @property
    def applicant_types(self) -> tuple:
        return self.plugin.applicant_types

    @property
    def processing_time(self) -> ProcessingTime:
        amount = self.offering.processing_time_amount
        if amount is None:
            return self.plugin.processing_time
        return processing_time_with_amount(self.plugin.processing_time, amount)

    @property
    def fee(self) -> FeeRule:
        if self.offering.fee_amount is None:
            return self.plugin.fee
        return self.plugin.fee.with_amount(self.offering.fee_amount)

    def fee_for(self, answers: dict[str, Any]) -> int:
        return self.plugin.fee_for(answers, amount=self.offering.fee_amount)

    @property
    def url(self) -> str:
        try:
            return reverse("catalogue:detail", kwargs={"code": self.code})
        except NoReverseMatch:
            return f"/thu-tuc/{self.code}/"

    @property
    def submission_url(self) -> str:
        try:
            return reverse("workflows:submit", kwargs={"code": self.code})
        except NoReverseMatch:
            return SUBMISSION_PATH.format(code=self.code)


def slug(text: str) -> str:
    return normalise(text).replace(" ", "-")


def _active_offerings(locality: Locality) -> list[ProcedureOffering]:
    """The locality's active offerings, from the page cache until an offering of it changes
    (procedure_plugins/signals.py): one read per change instead of one to three per page."""

    def read() -> list[ProcedureOffering]:
        with schema_context("public"):
            return list(ProcedureOffering.objects.filter(locality=locality, is_active=True))

    return page_cache.per_locality("offerings", read, schema=locality.schema_name)  # type: ignore[return-value]


def _join(offerings: Iterable[ProcedureOffering], registry: Registry) -> list[OfferedProcedure]:
    joined = []
    for offering in offerings:
        try:
            plugin = registry.get(offering.procedure_code)
        except KeyError:
            continue  # uninstalled or broken plugin: left out (logged by the registry)
        joined.append(OfferedProcedure(plugin=plugin, offering=offering))
    return joined


def offered_procedures(
    locality: Locality,
    *,
    query: str | None = None,
    field: str | None = None,
    online_level: str | None = None,
    applicant_type: str | None = None,
    agency: str | None = None,
    registry: Registry | None = None,
) -> list[OfferedProcedure]:
    """What `locality` offers. `field` and `agency` match by name or by slug ("ho-tich");
    `query` ignores diacritics and case; results are sorted by relevance when searching, by field
    and name otherwise."""
    registry = registry if registry is not None else register
    found = _join(_active_offerings(locality), registry)
    if field:
        found = [p for p in found if field in (p.field, p.field_slug)]
    if agency:
        found = [p for p in found if agency in (p.agency, p.agency_slug)]
    if online_level:
        found = [p for p in found if p.online_level == online_level]
    if applicant_type:
        found = [p for p in found if applicant_type in p.applicant_types]
    if query and normalise(query):
        scored = [(score(p.plugin, query), p) for p in found]
        return [p for s, p in sorted(scored, key=lambda x: (-x[0], normalise(x[1].name))) if s]
    return sorted(found, key=lambda p: (normalise(p.field), normalise(p.name)))


def offered_procedure(
    locality: Locality, code: str, *, registry: Registry | None = None
) -> OfferedProcedure | None:
    """The procedure `code` as `locality` offers it, or None (not offered, or unusable)."""
    registry = registry if registry is not None else register
    offering = next(
        (item for item in _active_offerings(locality) if item.procedure_code == code), None
    )
    if offering is None:
        return None
    joined = _join([offering], registry)
    return joined[0] if joined else None


def most_used(
    locality: Locality, *, limit: int = 6, registry: Registry | None = None
) -> list[OfferedProcedure]:
    """The procedures most submitted in `locality` over the last 365 days.

    Ties (and a portal with no dossiers yet) fall back to each plugin's `usage_rank`, which the
    built-ins set from how common the procedure is (birth registration and certified copies
    first), then to the name.
    """
    offered = offered_procedures(locality, registry=registry)
    counts: dict[str, int] = {}
    if locality.level != Level.NATIONAL and offered:
        codes = sorted(p.code for p in offered)
        counts = page_cache.per_locality(  # type: ignore[assignment]
            "most-used:" + hashlib.sha256(",".join(codes).encode()).hexdigest()[:16],
            lambda: _submissions_by_procedure(locality, codes),
            schema=locality.schema_name,
            timeout=settings.MOST_USED_SECONDS,
        )
    offered.sort(key=lambda p: (-counts.get(p.code, 0), p.plugin.usage_rank, normalise(p.name)))
    return offered[:limit]


def _submissions_by_procedure(locality: Locality, codes: list[str]) -> dict[str, int]:
    """Dossiers submitted per procedure over the last 365 days (a year of rows: cached by
    most_used for MOST_USED_SECONDS, not counted on every home and catalogue page)."""
    since = timezone.now() - datetime.timedelta(days=365)
    with schema_context(locality.schema_name):
        rows = (
            Dossier.objects.filter(procedure_code__in=codes, created_at__gte=since)
            .exclude(state="draft")
            .values("procedure_code")
            .annotate(n=Count("id"))
        )
        return {row["procedure_code"]: row["n"] for row in rows}


def facets(procedures: list[OfferedProcedure]) -> dict[str, list[tuple[str, str, int]]]:
    """(label, slug, count) of the fields and agencies among `procedures`, for filters."""
    fields: dict[str, list] = {}
    agencies: dict[str, list] = {}
    for p in procedures:
        fields.setdefault(p.field_slug, [p.field, p.field_slug, 0])[2] += 1
        agencies.setdefault(p.agency_slug, [p.agency, p.agency_slug, 0])[2] += 1
    return {
        "fields": sorted((tuple(v) for v in fields.values()), key=lambda v: normalise(v[0])),
        "agencies": sorted((tuple(v) for v in agencies.values()), key=lambda v: normalise(v[0])),
    }


@dataclass(frozen=True)
class LowerUnit:
    locality: Locality
    host: str | None
    procedures: list[OfferedProcedure]


def lower_units(
    locality: Locality, *, query: str | None = None, registry: Registry | None = None
) -> list[LowerUnit]:
    """The units under `locality` (a province's communes) with what each offers, so a citizen
    on the province portal reaches their commune's procedures (seed 004, "HUYỆN, THỊ, THÀNH").

    With `query`, only units offering a matching procedure, and only those procedures. One query
    for the units, one for all their offerings: this is the deliberate cross-locality read.
    """
    registry = registry if registry is not None else register
    with schema_context("public"):
        units = list(
            Locality.objects.filter(parent=locality, is_active=True)
            .prefetch_related("domains")
            .order_by("name")
        )
        offerings = ProcedureOffering.objects.filter(locality__in=units, is_active=True).order_by(
            "procedure_code"
        )
        by_unit: dict[int, list[ProcedureOffering]] = {}
        for offering in offerings:
            by_unit.setdefault(offering.locality_id, []).append(offering)
    result = []
    for unit in units:
        procedures = _join(by_unit.get(unit.pk, []), registry)
        if query and normalise(query):
            procedures = [p for p in procedures if score(p.plugin, query)]
            if not procedures:
                continue
        host = next((d.domain for d in unit.domains.all() if d.is_primary), None)
        result.append(LowerUnit(locality=unit, host=host, procedures=procedures))
    return result


def localities_offering(code: str, *, within: Locality | None = None) -> list[Locality]:
    """Every active locality offering `code`, optionally under one province (public schema)."""
    with schema_context("public"):
        units = Locality.objects.filter(
            procedure_offerings__procedure_code=code,
            procedure_offerings__is_active=True,
            is_active=True,
        )
        if within is not None:
            units = units.filter(Q(pk=within.pk) | Q(parent=within))
        return list(
            units.select_related("parent").prefetch_related("domains").order_by("name").distinct()
        )
