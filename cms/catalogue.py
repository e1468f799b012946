"""The CMS's window on the procedure catalogue (owned by `procedure_plugins`).

Home pages, the combined search and the procedure-link block read the catalogue through these
functions only, so the CMS depends on one narrow surface of the catalogue app. A failure in the
catalogue's selectors is a bug and fails the page loudly; it is never hidden as an empty section.
"""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

from procedure_plugins import selectors
from tenants.context import current_unit


def most_used(locality=None, *, limit: int = 6) -> list[Any]:
    """The procedures citizens of this locality use most."""
    locality = locality or current_unit()
    if locality is None:
        return []
    return list(selectors.most_used(locality, limit=limit))


def search(query: str, locality=None, *, limit: int = 20) -> list[Any]:
    """Procedures offered here whose name or code matches `query` (diacritics ignored)."""
    locality = locality or current_unit()
    if not query or locality is None:
        return []
    return list(selectors.offered_procedures(locality, query=query)[:limit])


def offered(locality=None, *, limit: int | None = None) -> list[Any]:
    locality = locality or current_unit()
    if locality is None:
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
    locality = locality or current_unit()
    if locality is None:
        return None
    return selectors.offered_procedure(locality, code)


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
