"""The CMS's window on the procedure catalogue (owned by `procedure_plugins`).

Home pages, the combined search and the procedure-link block read the catalogue through these
functions only. The catalogue is a separate app: if its selectors or URLs are not installed, the
sections built on them are hidden instead of failing the whole page.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from django.db import connection
from django.urls import NoReverseMatch, reverse


def _selectors() -> ModuleType | None:
    try:
        return importlib.import_module("procedure_plugins.selectors")
    except ImportError:
        return None


def _current_locality():
    tenant = getattr(connection, "tenant", None)
    return tenant if getattr(tenant, "pk", None) else None


def is_available() -> bool:
    selectors = _selectors()
    return selectors is not None and hasattr(selectors, "offered_procedures")


def most_used(locality=None, *, limit: int = 6) -> list[Any]:
    """The procedures citizens of this locality use most (empty without a catalogue)."""
    selectors = _selectors()
    locality = locality or _current_locality()
    if selectors is None or locality is None or not hasattr(selectors, "most_used"):
        return []
    return list(selectors.most_used(locality, limit=limit))


def search(query: str, locality=None, *, limit: int = 20) -> list[Any]:
    """Procedures offered here whose name or code matches `query` (diacritics ignored)."""
    selectors = _selectors()
    locality = locality or _current_locality()
    if not query or selectors is None or locality is None or not is_available():
        return []
    return list(selectors.offered_procedures(locality, query=query)[:limit])


def offered(locality=None, *, limit: int | None = None) -> list[Any]:
    selectors = _selectors()
    locality = locality or _current_locality()
    if selectors is None or locality is None or not is_available():
        return []
    procedures = selectors.offered_procedures(locality)
    return list(procedures[:limit] if limit else procedures)


def procedure_code(procedure: Any) -> str:
    return str(getattr(procedure, "code", "") or "")


def procedure_name(procedure: Any) -> str:
    return str(getattr(procedure, "name", "") or procedure_code(procedure))


def procedure_choices() -> list[tuple[str, str]]:
    """(code, "code – name") of every procedure this locality offers, for the editor's chooser."""
    return [
        (procedure_code(item), f"{procedure_code(item)} – {procedure_name(item)}")
        for item in offered()
    ]


def find(code: str, locality=None) -> Any | None:
    """The procedure `code` as this locality offers it, or None."""
    selectors = _selectors()
    locality = locality or _current_locality()
    if selectors is None or locality is None:
        return None
    if hasattr(selectors, "offered_procedure"):
        return selectors.offered_procedure(locality, code)
    return next((item for item in offered(locality) if procedure_code(item) == code), None)


def index_url() -> str | None:
    try:
        return reverse("catalogue:index")
    except NoReverseMatch:
        return None


def detail_url(code: str) -> str | None:
    try:
        return reverse("catalogue:detail", kwargs={"code": code})
    except NoReverseMatch:
        return None
