"""Models of the dossier domain, one module per meaning, re-exported here."""

from .desk import CodePeriod, DeskSettings
from .dossier import Dossier
from .numbering import DossierCodeCounter

__all__ = ["CodePeriod", "DeskSettings", "Dossier", "DossierCodeCounter"]
