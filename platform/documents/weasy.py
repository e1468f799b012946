"""HTML to PDF with WeasyPrint, using only files we ship (imported by documents.pdf when a PDF is
rendered, never at start-up: WeasyPrint takes about a second and tens of MB to import).

A slip must never depend on the network or on the fonts of the machine that prints it: the
fetcher below serves `data:` URLs (the QR code) and files under `documents/fonts/`, and refuses
every other URL (http, https, ftp, file elsewhere) with a fatal error, so a template that tries
to load anything else fails loudly instead of rendering without it.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

FONTS_DIR = Path(__file__).resolve().parent / "fonts"

#: The bundled Liberation Serif 2 (Times New Roman metrics, full Vietnamese coverage). Its family
#: name is our own so that a system-wide "Liberation Serif" (Debian's 1.x lacks Vietnamese
#: letters such as ơ, ư, ạ) can never be picked instead.
FONT_FAMILY = "DVC Liberation Serif"
FONT_FACES = [
    ("LiberationSerif-Regular.ttf", "normal", "normal"),
    ("LiberationSerif-Bold.ttf", "bold", "normal"),
    ("LiberationSerif-Italic.ttf", "normal", "italic"),
    ("LiberationSerif-BoldItalic.ttf", "bold", "italic"),
]
FONT_FACE_CSS = (
    "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{file}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for file, weight, style in FONT_FACES
    )
    + f'\nhtml {{ font-family: "{FONT_FAMILY}", serif; }}'
)


class SlipURLFetcher(URLFetcher):
    """Serves `data:` URLs and files under the allowed directories; refuses everything else."""

    def __init__(self, allowed_dirs: tuple[Path, ...] = (FONTS_DIR,)) -> None:
        # fail_on_errors: a refused or missing resource stops the rendering (see module doc).
        super().__init__(fail_on_errors=True, allowed_protocols=("data", "file"))
        self.allowed_dirs = tuple(path.resolve() for path in allowed_dirs)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise ValueError(f"Slips may not load remote resources: {url}")
        path = Path(unquote(urlsplit(url).path)).resolve()
        if not any(path.is_relative_to(allowed) for allowed in self.allowed_dirs):
            raise ValueError(f"Slips may only load the bundled files, not {path}")
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url=path.as_uri(), body=path.read_bytes(), headers={"Content-Type": media_type}
        )


def html_to_pdf(html: str) -> bytes:
    """Render a slip's HTML (already NFC-normalised) to PDF bytes."""
    fetcher = SlipURLFetcher()
    font_config = FontConfiguration()
    # Relative URLs in the font CSS resolve against the fonts directory.
    base_url = FONTS_DIR.as_uri() + "/"
    fonts = CSS(
        string=FONT_FACE_CSS, base_url=base_url, url_fetcher=fetcher, font_config=font_config
    )
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[fonts], font_config=font_config)
