"""Checking what a citizen uploads: by content, never by name or by the browser's word.

`inspect_upload(upload=..., document=...)` returns what the file really is, or raises a
`ValidationError` whose message a citizen understands (Vietnamese, naming the file):

- a zero-byte file, or one larger than the document allows (`RequiredDocument.max_size_mb`);
- a file whose content is not one of the document's accepted types (PDF, JPEG, PNG by default),
  whatever its name or declared type says; the type is read from the leading bytes (the "magic
  numbers") and then confirmed by opening the file: pypdf must find at least one page, Pillow
  must verify the image (which also refuses decompression bombs);
- a name with path separators or control characters, or no name at all.

Django strips path separators and unprintable characters from uploaded file names before any
view sees them (`MultiPartParser.sanitize_file_name`), which would silently turn
`../../etc/passwd.pdf` into `passwd.pdf`. Views that accept files call
`read_post_keeping_raw_names(request)` first (inside a `csrf_exempt` view that re-applies
`csrf_protect`, the pattern Django documents for per-request upload handling), so such a name is
refused with a message instead of being quietly rewritten.
"""

from __future__ import annotations

import hashlib
import html
import io
import unicodedata
import warnings
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParser
from django.utils.translation import gettext as _

MAX_NAME_LENGTH = 200

#: Leading bytes of each accepted type. A PDF header may follow up to 1 KB of junk (the PDF
#: reference's own tolerance, which scanners rely on); images start at byte 0.
SIGNATURES: dict[str, tuple[bytes, int]] = {
    "application/pdf": (b"%PDF-", 1024),
    "image/jpeg": (b"\xff\xd8\xff", 0),
    "image/png": (b"\x89PNG\r\n\x1a\n", 0),
}
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
LABELS = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}


@dataclass(frozen=True)
class InspectedUpload:
    name: str  # the citizen's file name, NFC, checked
    content_type: str  # detected: "application/pdf", "image/jpeg", "image/png"
    size: int
    sha256: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def unsafe_name_reason(name: str) -> str | None:
    """Why a file name is refused, or None. Path separators and control characters never."""
    if "/" in name or "\\" in name:
        return _("Tên tệp “%(name)s” chứa dấu / hoặc \\. Hãy đổi tên tệp rồi tải lên lại.")
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in name):
        return _(
            "Tên tệp “%(name)s” chứa ký tự điều khiển không được phép. Hãy đổi tên tệp rồi tải "
            "lên lại."
        )
    return None


def check_name(name: str | None) -> str:
    if name is None or not name.strip() or name.strip() in (".", ".."):
        raise ValidationError(_("Tệp không có tên. Hãy đặt tên cho tệp rồi tải lên lại."))
    name = unicodedata.normalize("NFC", name.strip())
    reason = unsafe_name_reason(name)
    if reason:
        printable = "".join(c if c.isprintable() else "?" for c in name)
        raise ValidationError(reason % {"name": printable[:80]}, code="unsafe_name")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("Tên tệp dài quá %(max)s ký tự. Hãy đặt tên ngắn hơn.") % {"max": MAX_NAME_LENGTH}
        )
    return name


def _sniff(head: bytes) -> str | None:
    for content_type, (signature, window) in SIGNATURES.items():
        if window:
            if signature in head[: window + len(signature)]:
                return content_type
        elif head.startswith(signature):
            return content_type
    return None


def _confirm_pdf(data: bytes) -> str | None:
    """None when pypdf reads at least one page; else why not (in Vietnamese)."""
    from pypdf import PdfReader  # noqa: PLC0415 - heavy, only when a PDF is checked
    from pypdf.errors import PyPdfError  # noqa: PLC0415 - heavy, only when a PDF is checked

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return _(
                    "Tệp PDF có mật khẩu; cán bộ không mở được. Hãy nộp bản không đặt mật khẩu."
                )
            if len(reader.pages) < 1:
                return _("Tệp PDF không có trang nào.")
    except (PyPdfError, ValueError, TypeError, KeyError, OSError, RecursionError):
        return _("Tệp PDF bị hỏng, không đọc được.")
    return None


def _confirm_image(data: bytes, content_type: str) -> str | None:
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415 - heavy, only when an image is checked

    expected = {"image/jpeg": "JPEG", "image/png": "PNG"}[content_type]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != expected:
                    return _("Nội dung ảnh không khớp định dạng.")
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _("Ảnh có kích thước điểm ảnh quá lớn.")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return _("Tệp ảnh bị hỏng, không đọc được.")
    return None


def inspect_upload(*, upload: UploadedFile, document: Any) -> InspectedUpload:
    """What `upload` really is, for one `RequiredDocument`; `ValidationError` if refused."""
    name = check_name(upload.name)
    size = upload.size or 0
    accepted = tuple(document.accepted_types)
    accepted_text = ", ".join(LABELS.get(t, t) for t in accepted)
    if size <= 0:
        raise ValidationError(
            _("Tệp “%(name)s” rỗng (0 byte). Hãy chọn lại tệp đã quét hoặc chụp.") % {"name": name},
            code="empty",
        )
    limit = document.max_size_mb * 1024 * 1024
    if size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” có dung lượng %(size)s, vượt quá %(max)s MB cho phép.")
            % {"name": name, "size": _size_text(size), "max": document.max_size_mb},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if len(data) != size or len(data) > limit:
        raise ValidationError(_("Tệp “%(name)s” tải lên không trọn vẹn.") % {"name": name})
    content_type = _sniff(data[:2048])
    if content_type is None or content_type not in accepted:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không phải là %(types)s: nội dung tệp không đúng định dạng "
                "(đổi tên hay đuôi tệp không làm thay đổi nội dung)."
            )
            % {"name": name, "types": accepted_text},
            code="wrong_type",
        )
    problem = (
        _confirm_pdf(data)
        if content_type == "application/pdf"
        else _confirm_image(data, content_type)
    )
    if problem:
        raise ValidationError(
            _("Tệp “%(name)s”: %(problem)s") % {"name": name, "problem": problem},
            code="unreadable",
        )
    return InspectedUpload(
        name=name,
        content_type=content_type,
        size=size,
        sha256=hashlib.sha256(data).hexdigest(),
    )


# --- raw file names ------------------------------------------------------------------------------


class _RawNameRecordingParser(MultiPartParser):
    """Django's parser, noting every file name it had to rewrite to make it safe."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unsafe_names: list[str] = []

    def sanitize_file_name(self, file_name: str) -> str | None:
        raw = html.unescape(file_name)
        if unsafe_name_reason(raw):
            self.unsafe_names.append(raw)
        return super().sanitize_file_name(file_name)

    IE_sanitize = sanitize_file_name


def read_post_keeping_raw_names(request: HttpRequest) -> list[str]:
    """Parse a multipart POST now, returning the file names Django would have rewritten.

    Must run before anything reads `request.POST`/`request.FILES` (so in a `csrf_exempt` view
    that applies `csrf_protect` itself afterwards). If the body was already parsed, nothing can
    be recovered and an empty list is returned.
    """
    if request.method != "POST" or request.content_type != "multipart/form-data":
        return []
    if hasattr(request, "_files"):
        return []
    found: list[str] = []

    def parse_file_upload(meta: Any, post_data: Any) -> Any:
        parser = _RawNameRecordingParser(meta, post_data, request.upload_handlers, request.encoding)
        result = parser.parse()
        found.extend(parser.unsafe_names)
        return result

    request.parse_file_upload = parse_file_upload  # type: ignore[method-assign]
    request.POST  # noqa: B018 - parse now, with the recording parser
    return found


def unsafe_name_message(raw_names: list[str]) -> str:
    name = raw_names[0]
    printable = "".join(c if c.isprintable() else "?" for c in name)
    return (unsafe_name_reason(name) or "") % {"name": printable[:80]}
