"""HTML to PDF: the one entry point, importing WeasyPrint (documents/weasy.py) at the first PDF.

A web worker that serves pages never pays WeasyPrint's import (about a second and tens of MB):
the URLconf and every view module import this module only.
"""

from __future__ import annotations


def html_to_pdf(html: str) -> bytes:
    """Render a slip's HTML (already NFC-normalised) to PDF bytes (documents.weasy)."""
    from .weasy import html_to_pdf as render  # noqa: PLC0415 - WeasyPrint only where used

    return render(html)
