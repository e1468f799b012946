"""Models of the dossier domain, one module per meaning, re-exported here."""

from .access import AccessKind, DossierAccess
from .assignment import Assignment
from .attachments import Attachment, IssuedDocument
from .deadlines import DeadlineCareSettings, DossierDeadline, DossierStep
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
    "AccessKind",
    "DossierAccess",
    "Assignment",
    "Attachment",
    "BoundaryFreeProcedure",
    "CodePeriod",
    "DeadlineCareSettings",
    "DeliverySettings",
    "DeskSettings",
    "Dossier",
    "DossierCodeCounter",
    "DossierDeadline",
    "DossierEvent",
    "DossierPause",
    "DossierStep",
    "HandOver",
    "HandOverDirection",
    "HandOverKind",
    "HandOverOutcome",
    "IssuedDocument",
    "SatisfactionRating",
]
