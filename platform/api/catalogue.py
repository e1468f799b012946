"""The catalogue: the procedures a unit offers, each with its form schema, documents, fee and
time, read from `procedure_plugins.selectors` (the catalogue pages' own reads). Public, with
ETags (a 304 costs the app nothing).

    GET /api/v1/procedures?q=khai+sinh&field=ho-tich&page=1     (a locality's host)
    GET /api/v1/procedures/1.001193
    GET /api/v1/units/11074/procedures                          (the national root)
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from procedure_plugins.selectors import OfferedProcedure, offered_procedure, offered_procedures
from tenants.context import require_locality
from tenants.models import Locality

from .base import DEFAULT_PAGE_SIZE, PageMeta, page_of, with_etag
from .problems import PROBLEMS


class ProcedureSummary(Schema):
    code: str
    name: str
    field: str
    agency: str
    online_level: str
    processing_time: str
    fee: str
    applicant_types: list[str]


class DocumentOut(Schema):
    key: str
    name: str
    copies: int
    form: str
    required: bool
    note: str
    accepted_types: list[str]
    max_size_mb: int
    max_files: int


class LegalBasisOut(Schema):
    number: str
    title: str
    url: str


class ProcedureDetail(ProcedureSummary):
    processing_time_kind: str
    processing_time_amount: float
    fee_base_amount: int | None
    result: str
    legal_basis: list[LegalBasisOut]
    documents: list[DocumentOut]
    #: The form as JSON Schema (Draft 2020-12 with the portal's keywords): what `answers` holds.
    form_schema: dict[str, Any]


class ProcedurePage(Schema):
    items: list[ProcedureSummary]
    meta: PageMeta


class CatalogueFilters(Schema):
    q: str = ""
    field: str = ""
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


def summary(offered: OfferedProcedure) -> dict[str, Any]:
    return {
        "code": offered.code,
        "name": offered.name,
        "field": offered.field,
        "agency": offered.agency,
        "online_level": str(offered.online_level),
        "processing_time": str(offered.processing_time),
        "fee": offered.fee.describe(),
        "applicant_types": [str(kind) for kind in offered.applicant_types],
    }


def detail(offered: OfferedProcedure) -> dict[str, Any]:
    plugin = offered.plugin
    time = offered.processing_time
    return {
        **summary(offered),
        "processing_time_kind": str(time.kind),
        "processing_time_amount": float(time.amount),
        "fee_base_amount": offered.fee.base_amount,
        "result": plugin.result,
        "legal_basis": [
            {"number": law.number, "title": law.title, "url": law.url} for law in plugin.legal_basis
        ],
        "documents": [
            {
                "key": doc.key,
                "name": doc.name,
                "copies": doc.copies,
                "form": str(doc.form),
                "required": doc.required,
                "note": doc.note,
                "accepted_types": list(doc.accepted_types),
                "max_size_mb": doc.max_size_mb,
                "max_files": doc.max_files,
            }
            for doc in plugin.documents
        ],
        "form_schema": plugin.schema,
    }


def _unit(code: str) -> Locality:
    unit = Locality.objects.filter(code=code, is_active=True).exclude(level="national").first()
    if unit is None:
        raise Http404(_("Không có đơn vị hành chính mã %(code)s.") % {"code": code})
    return unit


def _list(request: HttpRequest, response: HttpResponse, unit: Locality, filters: CatalogueFilters):
    found = offered_procedures(unit, query=filters.q or None, field=filters.field or None)
    items, meta = page_of(found, page=filters.page, page_size=filters.page_size)
    payload = ProcedurePage(items=[summary(p) for p in items], meta=meta)
    return with_etag(request, response, payload)


def _one(request: HttpRequest, response: HttpResponse, unit: Locality, code: str):
    offered = offered_procedure(unit, code)
    if offered is None:
        raise Http404(_("Đơn vị này không cung cấp thủ tục %(code)s.") % {"code": code})
    return with_etag(request, response, ProcedureDetail(**detail(offered)))


def locality_router() -> Router:
    router = Router(tags=["Danh mục thủ tục"])

    @router.get("/procedures", response={200: ProcedurePage, 304: None, **PROBLEMS}, auth=None)
    def procedures(request: HttpRequest, response: HttpResponse, filters: Query[CatalogueFilters]):
        """The procedures this unit offers (search ignores diacritics and case)."""
        return _list(request, response, require_locality(), filters)

    @router.get(
        "/procedures/{code}", response={200: ProcedureDetail, 304: None, **PROBLEMS}, auth=None
    )
    def procedure(request: HttpRequest, response: HttpResponse, code: str):
        """One procedure as this unit offers it: form schema, documents, fee, time."""
        return _one(request, response, require_locality(), code)

    return router


def national_router() -> Router:
    router = Router(tags=["Danh mục thủ tục"])

    @router.get(
        "/units/{unit}/procedures", response={200: ProcedurePage, 304: None, **PROBLEMS}, auth=None
    )
    def unit_procedures(
        request: HttpRequest, response: HttpResponse, unit: str, filters: Query[CatalogueFilters]
    ):
        """The procedures a unit (by its administrative code) offers."""
        return _list(request, response, _unit(unit), filters)

    @router.get(
        "/units/{unit}/procedures/{code}",
        response={200: ProcedureDetail, 304: None, **PROBLEMS},
        auth=None,
    )
    def unit_procedure(request: HttpRequest, response: HttpResponse, unit: str, code: str):
        return _one(request, response, _unit(unit), code)

    return router
