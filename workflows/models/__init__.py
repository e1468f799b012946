"""Models of the dossier domain, one module per meaning, re-exported here."""

from .attachments import Attachment, IssuedDocument
from .delivery import DeliverySettings
from .desk import CodePeriod, DeskSettings
from .dossier import Dossier
from .feedback import SatisfactionRating
from .handover import (
    BoundaryFreeProcedure,
    HandOver,
    HandOverDirection,
    HandOverKind,
    HandOverOutcome,
)
from .history import DossierEvent, DossierPause
from .numbering import DossierCodeCounter

__all__ = [
    "Attachment",
    "BoundaryFreeProcedure",
    "CodePeriod",
    "DeliverySettings",
    "DeskSettings",
    "Dossier",
    "DossierCodeCounter",
    "DossierEvent",
    "DossierPause",
    "HandOver",
    "HandOverDirection",
    "HandOverKind",
    "HandOverOutcome",
    "IssuedDocument",
    "SatisfactionRating",
]
