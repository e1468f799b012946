"""Private files: dossier attachments, issued slips and results, never behind a public URL.

They hold personal data (the receipt carries name, ID number, address, phone and e-mail), so
they live outside MEDIA_ROOT, in the `private` storage of `STORAGES`:
`PRIVATE_FILES_ROOT/<locality schema>/ho-so/<dossier reference>/...` (one folder per locality,
like the public media). The storage has no URL (`url()` raises): a file reaches a browser only
through a view that has checked who is asking, which hands it over with `serve_private_file`:

- `PRIVATE_FILES_SERVE = "django"` (default): Django streams it (`FileResponse`);
- `"x-accel-redirect"`: an empty response with `X-Accel-Redirect: <PRIVATE_FILES_INTERNAL_URL>
  <schema>/<name>`; nginx serves the file from an `internal` location (README, "Private files");
- `"x-sendfile"`: `X-Sendfile: <absolute path>` for Apache's mod_xsendfile or lighttpd.

Public media (CMS images and documents) stay in MEDIA_ROOT; in development `serve_public_media`
serves a locality's own folder on its own host, and never a dossier folder.
"""

from __future__ import annotations

import os
import posixpath
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.static import serve

SERVE_MODES = ("django", "x-accel-redirect", "x-sendfile")
#: Folder of every locality's dossier files, relative to its schema folder.
DOSSIER_FOLDER = "ho-so"


class PrivateTenantStorage(FileSystemStorage):
    """The current locality's private folder, `PRIVATE_FILES_ROOT/<schema>/`; no URL.

    Like django-tenants' TenantFileSystemStorage, the location is read at every use (the
    connection's schema changes between requests), never cached.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("base_url", None)
        super().__init__(**kwargs)

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return os.path.join(str(settings.PRIVATE_FILES_ROOT), connection.schema_name)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError(
            "Private files have no public URL: serve them from a view that checks access "
            "(portal.private_files.serve_private_file)."
        )


def private_storage() -> PrivateTenantStorage:
    """The `private` storage (a callable, so FileFields resolve it from settings at run time)."""
    return storages["private"]


def serve_mode() -> str:
    mode = getattr(settings, "PRIVATE_FILES_SERVE", "django")
    if mode not in SERVE_MODES:
        raise ImproperlyConfigured(
            f"PRIVATE_FILES_SERVE must be one of {', '.join(SERVE_MODES)}, not {mode!r}"
        )
    return mode


def serve_private_file(
    file: Any, *, content_type: str, filename: str, as_attachment: bool = False
) -> HttpResponse:
    """Hand a private file to the browser, after the calling view has checked access."""
    mode = serve_mode()
    if mode == "django":
        return FileResponse(
            file.open("rb"),
            content_type=content_type,
            as_attachment=as_attachment,
            filename=filename,
        )
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    if mode == "x-accel-redirect":
        internal = settings.PRIVATE_FILES_INTERNAL_URL.rstrip("/")
        response["X-Accel-Redirect"] = quote(f"{internal}/{connection.schema_name}/{file.name}")
    else:
        response["X-Sendfile"] = file.path
    return response


def serve_public_media(request: HttpRequest, path: str) -> HttpResponse:
    """Development: the current locality's public media (CMS images, documents), on its host.

    Another locality's folder and any dossier folder answer 404, whatever is on disk: dossier
    files are private (PRIVATE_FILES_ROOT) and a stray copy left under MEDIA_ROOT must not leak.
    """
    normalised = posixpath.normpath(path).lstrip("/")
    schema, _, rest = normalised.partition("/")
    first = rest.split("/", 1)[0]
    if schema != connection.schema_name or not rest or first in (DOSSIER_FOLDER, "..", ""):
        raise Http404("Không tìm thấy tệp.")
    return serve(request, normalised, document_root=str(settings.MEDIA_ROOT))
