"""The dossier access log (Decree 13/2023): every opening of a dossier or download of its files
by someone other than the applicant is recorded here, by the views that hand them out (the
desk's dossier page, the file downloads); the applicant reads the list on their dossier page.
Names of officers and their unit are shown; never another citizen's."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tenants.context import current_locality

from .models import AccessKind, Dossier, DossierAccess


def access_record(*, dossier: Dossier, user: Any, kind: AccessKind, what: str = "") -> None:
    """Record that `user` opened `dossier` (or the file `what`); nothing for the applicant."""
    if user is None or not user.is_authenticated or user.pk == dossier.applicant_id:
        return
    locality = current_locality()
    DossierAccess.objects.create(
        dossier=dossier,
        viewer=user,
        viewer_name=(getattr(user, "full_name", "") or user.get_username())[:200],
        unit_name=(getattr(locality, "name", "") or "")[:200],
        kind=kind,
        what=what[:255],
    )


def access_entries(*, dossier: Dossier) -> QuerySet[DossierAccess]:
    """What the applicant sees: who, when, what — newest first."""
    return DossierAccess.objects.filter(dossier=dossier).order_by("-at", "-pk")
