"""Tra cứu hồ sơ: reads over the national index, and the rules of who sees what (Decree 13/2023).

The rules, in one place (docs/dossiers.md, "Lookup"):

- **By code** (the receipt's code; its QR code opens `/ho-so/tra-cuu/?ma=<code>`): answered on
  every portal, because a citizen does not know which unit's portal holds a dossier. The code is
  the bearer's proof for the *progress* only: procedure, unit (with a link to its portal), state,
  dates, what happens next. One indexed query on the national index, no locality schema opened.
- **Personal data** (names, ID numbers) only to the applicant logged in, or to someone who typed
  the applicant's (or the person concerned's) ID number together with the code. Nobody else sees
  any part of them: the index holds no names and no numbers, only a keyed hash of the number.
- **By ID number alone**: the list of that person's dossiers, only to that person logged in.
  Anyone else gets the same answer whether or not dossiers exist: log in, or add a code.
  With a matching code, the list is shown too (the code and the number prove the person).
- **Scope**: searches without a code (ID number, seed 004's advanced search) cover the portal's
  own area: a commune its own dossiers, a province its own and its communes', the national root
  every dossier.
- **Advanced search** (unit, dossier name, applicant name): masked results only, without codes.

    rows = by_code(code="11074-260710-0001", portal=locality, user=request.user, id_number="")
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django_tenants.utils import schema_context

from procedure_plugins.registry import register
from procedure_plugins.search import normalise
from tenants.choices import Level
from tenants.models import Domain, Locality

from .. import links
from ..models import Dossier
from ..selectors import expectation
from ..states import DossierState
from .models import DossierIndexEntry
from .services import id_number_hash, normalise_code

#: `<unit identifier>-<yymmdd>-<number>`: the unit identifier is letters, digits and dots.
CODE_RE = re.compile(r"^[A-Z0-9.]{1,30}-\d{6}-\d{1,10}$")
#: CMND (9 digits) or CCCD (12 digits).
ID_NUMBER_RE = re.compile(r"^(\d{9}|\d{12})$")
#: At most this many dossiers in one answer.
MAX_ROWS = 50


@dataclass(frozen=True)
class LookupRow:
    code: str
    procedure_name: str
    unit_name: str
    unit_url: str
    state_label: str
    submitted_at: datetime.datetime | None
    received_at: datetime.datetime | None
    due_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    returned_at: datetime.datetime | None
    expectation: str
    needs_action: bool
    #: Personal data: filled only for a viewer who proved who they are.
    proven: bool = False
    applicant_name: str = ""
    applicant_id_number: str = ""
    subject_name: str = ""
    detail_url: str = ""


class _IndexedDossier:
    """What `selectors.expectation` reads of a dossier, from an index row."""

    def __init__(self, entry: Hit) -> None:
        self.state = entry.state
        self.delivery_method = entry.delivery_method
        self.due_at = entry.due_at
        self._labels = {entry.state: entry.state_label}

    def workflow_state_labels(self) -> dict[str, str]:
        return self._labels


def mask_name(name: str) -> str:
    """`Nguyễn Văn An` → `N***** V** A*`: the shape of a name, not the name (Decree 13/2023)."""
    return " ".join(word[:1] + "*" * (len(word) - 1) for word in name.split())


def normalise_id_number(value: str | None) -> str:
    return "".join(str(value or "").split())


#: The columns a lookup reads, with the unit's name, schema, place in the tree and host.
HIT_FIELDS = (
    "reference",
    "applicant_id",
    "code",
    "procedure_code",
    "plugin_version",
    "state",
    "state_label",
    "delivery_method",
    "submitted_at",
    "received_at",
    "appointment_at",
    "extended_appointment_at",
    "finished_at",
    "returned_at",
    "applicant_id_hash",
    "locality_id",
)


@dataclass(frozen=True)
class Hit:
    """One index row as a lookup reads it (a plain row, no model instance)."""

    reference: Any
    applicant_id: int
    code: str
    procedure_code: str
    plugin_version: int
    state: str
    state_label: str
    delivery_method: str
    submitted_at: datetime.datetime | None
    received_at: datetime.datetime | None
    appointment_at: datetime.datetime | None
    extended_appointment_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    returned_at: datetime.datetime | None
    applicant_id_hash: str
    locality_id: int
    unit_name: str
    unit_schema: str
    unit_parent_id: int | None
    unit_grandparent_id: int | None
    unit_host: str | None

    @property
    def due_at(self) -> datetime.datetime | None:
        return self.extended_appointment_at or self.appointment_at

    def within(self, portal: Locality | None) -> bool:
        """In the portal's area: its own, or its lower units' (everything for the root)."""
        if portal is None or portal.level == Level.NATIONAL:
            return True
        return portal.pk in (self.locality_id, self.unit_parent_id, self.unit_grandparent_id)


def _entries() -> QuerySet:
    """Submitted dossiers with their unit and the unit's host, in one statement."""
    host = Domain.objects.filter(tenant=OuterRef("locality"), is_primary=True).values("domain")
    return (
        DossierIndexEntry.counted()
        .exclude(state__in=("", DossierState.DRAFT))
        .values(
            *HIT_FIELDS,
            unit_name=F("locality__name"),
            unit_schema=F("locality__schema_name"),
            unit_parent_id=F("locality__parent_id"),
            unit_grandparent_id=F("locality__parent__parent_id"),
            unit_host=Subquery(host[:1]),
        )
    )


_MARKER = "\x00lookup-value\x00"


@functools.cache
def _statement(column: str) -> tuple[str, tuple, int]:
    """The SQL of "rows where `column` = value", written by the ORM once per process: at the
    rates a public lookup sees, compiling this query costs more than running it."""
    ordered = _entries().filter(**{column: _MARKER}).order_by("-submitted_at", "-pk")
    sql, params = ordered[: MAX_ROWS * 10].query.sql_with_params()
    return sql, params, params.index(_MARKER)


def hits(*, column: str, value: str) -> list[Hit]:
    """Rows whose `column` ("code" or "applicant_id_hash") equals `value`: one indexed query."""
    sql, params, position = _statement(column)
    bound = list(params)
    bound[position] = value
    with connection.cursor() as cursor:
        cursor.execute(sql, bound)
        names = [described.name for described in cursor.description]
        return [Hit(**dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def scope_filter(portal: Locality | None) -> Q:
    """The dossiers a portal's searches cover: its own, and its lower units' (all on the root)."""
    if portal is None or portal.level == Level.NATIONAL:
        return Q()
    return (
        Q(locality=portal)
        | Q(locality__parent=portal)
        | Q(locality__parent__parent=portal)  # a commune under a pre-2025 district
    )


def _procedure_name(entry: Hit) -> str:
    try:
        return register.get(entry.procedure_code, entry.plugin_version).name
    except KeyError:
        try:
            return register.get(entry.procedure_code).name
        except KeyError:
            return entry.procedure_code


def _row(entry: Hit, *, user: Any = None, proven: bool = False) -> LookupRow:
    base = links.base_url_for_host(entry.unit_host) if entry.unit_host else ""
    own = bool(getattr(user, "is_authenticated", False) and user.pk == entry.applicant_id)
    text, needs_action = expectation(_IndexedDossier(entry), rated=None)
    return LookupRow(
        code=entry.code,
        procedure_name=_procedure_name(entry),
        unit_name=entry.unit_name,
        unit_url=base + "/" if base else "",
        state_label=entry.state_label,
        submitted_at=entry.submitted_at,
        received_at=entry.received_at,
        due_at=entry.due_at,
        finished_at=entry.finished_at,
        returned_at=entry.returned_at,
        expectation=text,
        needs_action=needs_action,
        proven=proven,
        detail_url=base + links.locality_path("workflows:detail", reference=entry.reference)
        if own and base
        else "",
    )


def _with_personal_data(row: LookupRow, entry: Hit) -> LookupRow:
    """The names, for a viewer who proved who they are: the applicant from the national
    account, the person concerned from the dossier in its locality's schema."""

    applicant = get_user_model().objects.filter(pk=entry.applicant_id).first()
    with schema_context(entry.unit_schema):
        subject = (
            Dossier.objects.filter(reference=entry.reference)
            .values_list("subject_name", flat=True)
            .first()
        )
    return replace(
        row,
        applicant_name=getattr(applicant, "full_name", "") or "",
        applicant_id_number=getattr(applicant, "id_number", "") or "",
        subject_name=subject or "",
    )


def _subject_matches(entry: Hit, id_number: str) -> bool:
    with schema_context(entry.unit_schema):
        return Dossier.objects.filter(
            reference=entry.reference, subject_id_number=id_number
        ).exists()


@dataclass(frozen=True)
class CodeAnswer:
    rows: list[LookupRow]
    #: An ID number was typed and proved nothing (counted against the client).
    wrong_id_number: bool = False
    #: The dossiers of the person the ID number proved, within the portal's scope.
    person_rows: list[LookupRow] | None = None


def by_code(
    *, code: str, portal: Locality | None, user: Any = None, id_number: str = ""
) -> CodeAnswer:
    """The dossier(s) with this code, anywhere; personal data only to a viewer who proves it.

    Codes are unique within a unit; two units that chose the same identifier could share one,
    so every match is listed, each with its unit.
    """
    entries = hits(column="code", value=normalise_code(code))[:MAX_ROWS]
    typed = normalise_id_number(id_number)
    typed_hash = id_number_hash(typed) if typed else ""
    rows: list[LookupRow] = []
    proven_hash = ""
    for entry in entries:
        own = bool(getattr(user, "is_authenticated", False) and user.pk == entry.applicant_id)
        by_number = bool(typed) and (
            entry.applicant_id_hash == typed_hash or _subject_matches(entry, typed)
        )
        row = _row(entry, user=user, proven=own or by_number)
        if own or by_number:
            row = _with_personal_data(row, entry)
        if by_number and entry.applicant_id_hash == typed_hash:
            proven_hash = typed_hash
        rows.append(row)
    person_rows = by_id_hash(id_hash=proven_hash, portal=portal, user=user) if proven_hash else None
    wrong = bool(typed) and bool(rows) and not any(row.proven for row in rows)
    return CodeAnswer(rows=rows, wrong_id_number=wrong, person_rows=person_rows)


def may_list_by_id_number(*, user: Any, id_number: str) -> bool:
    """Only the person themselves, logged in, lists dossiers by an ID number alone."""
    own = normalise_id_number(getattr(user, "id_number", "") or "")
    return bool(getattr(user, "is_authenticated", False) and own and own == id_number)


def by_id_hash(*, id_hash: str, portal: Locality | None, user: Any = None) -> list[LookupRow]:
    """The dossiers of the person with this ID number hash, within the portal's scope, newest
    first. Callers check first that the viewer may see them (may_list_by_id_number, by_code)."""
    entries = [hit for hit in hits(column="applicant_id_hash", value=id_hash) if hit.within(portal)]
    return [_row(entry, user=user, proven=True) for entry in entries[:MAX_ROWS]]


def scope_units(portal: Locality | None) -> list[Locality]:
    """The units a portal's advanced search offers: a commune itself; a province itself and its
    communes; the national root its provinces (each with its communes)."""
    if portal is None or portal.level == Level.NATIONAL:
        return list(Locality.objects.filter(level=Level.PROVINCE, is_active=True).order_by("name"))
    if portal.level == Level.COMMUNE:
        return [portal]
    lower = Locality.objects.filter(
        Q(parent=portal) | Q(parent__parent=portal), is_active=True
    ).order_by("name")
    return [portal, *lower]


def advanced(
    *,
    portal: Locality | None,
    unit: Locality | None = None,
    dossier_name: str = "",
    applicant_name: str = "",
) -> list[LookupRow]:
    """Seed 004's search: by unit, dossier name (the procedure) and applicant name; personal
    data masked, codes left out (a list of other people's codes would be a list of keys)."""
    entries = _entries().filter(scope_filter(portal))
    if unit is not None:
        entries = entries.filter(scope_filter(unit))
    if dossier_name:
        wanted = normalise(dossier_name)
        codes = {p.code for p in register if wanted in normalise(p.name)}
        entries = entries.filter(procedure_code__in=codes)
    if applicant_name:
        entries = entries.filter(applicant__full_name__icontains=applicant_name)
    entries = entries.annotate(applicant_name=F("applicant__full_name"))
    rows = []
    for values in entries.order_by("-submitted_at", "-pk")[:MAX_ROWS]:
        name = values.pop("applicant_name") or ""
        rows.append(replace(_row(Hit(**values)), code="", applicant_name=mask_name(name)))
    return rows
