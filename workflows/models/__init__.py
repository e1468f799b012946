"""Models of the dossier domain, one module per meaning, re-exported here."""

from .numbering import DossierCodeCounter

__all__ = ["DossierCodeCounter"]
