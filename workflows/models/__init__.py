"""Models of the dossier domain, one module per meaning, re-exported here."""

from .assignment import Assignment
from .attachments import Attachment, IssuedDocument
from .delivery import DeliverySettings
from .desk import CodePeriod, DeskSettings
from .dossier import Dossier
from .feedback import SatisfactionRating
from .history import DossierEvent, DossierPause
from .numbering import DossierCodeCounter

__all__ = [
    "Assignment",
    "Attachment",
    "CodePeriod",
    "DeliverySettings",
    "DeskSettings",
    "Dossier",
    "DossierCodeCounter",
    "DossierEvent",
    "DossierPause",
    "IssuedDocument",
    "SatisfactionRating",
]
