"""Uploads are judged by their bytes: type, structure, size, and a name without tricks."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from procedure_plugins.contract import RequiredDocument
from workflows.uploads import check_name, inspect_upload

from .helpers import image_bytes, pdf_bytes

DOCUMENT = RequiredDocument(key="giay", name="Giấy chứng sinh", max_size_mb=1)


def inspect(name: str, content: bytes, document=DOCUMENT):
    return inspect_upload(upload=SimpleUploadedFile(name, content), document=document)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (pdf_bytes(), "application/pdf"),
        (b"\xef\xbb\xbf\r\n" + pdf_bytes(), "application/pdf"),  # junk before the header
        (image_bytes("JPEG"), "image/jpeg"),
        (image_bytes("PNG"), "image/png"),
    ],
)
def test_accepted_types_are_detected_from_the_content(content, expected):
    inspected = inspect("tep-bat-ky.bin", content)
    assert inspected.content_type == expected
    assert inspected.size == len(content) and len(inspected.sha256) == 64


def test_a_document_accepting_only_pdf_refuses_a_photo():
    only_pdf = RequiredDocument(key="don", name="Đơn", accepted_types=("application/pdf",))
    with pytest.raises(ValidationError, match="không phải là PDF"):
        inspect("don.pdf", image_bytes("PNG"), only_pdf)


def test_an_encrypted_pdf_is_refused():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password="bi-mat", owner_password="bi-mat")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ValidationError, match="có mật khẩu"):
        inspect("khoa.pdf", buffer.getvalue())


def test_a_decompression_bomb_is_refused():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, format="PNG")  # 100 Mpx, a few KB
    with pytest.raises(ValidationError, match="quá lớn"):
        inspect("bom.png", buffer.getvalue())


def test_size_limits_are_the_documents():
    with pytest.raises(ValidationError, match="vượt quá 1 MB"):
        inspect("lon.pdf", pdf_bytes() + b"0" * (1024 * 1024))


@pytest.mark.parametrize(
    "name", ["a/b.pdf", "..\\b.pdf", "b\x00.pdf", "b\n.pdf", "b\u202e.pdf", "", "..", "  "]
)
def test_unsafe_names_are_refused(name):
    with pytest.raises(ValidationError):
        check_name(name)


def test_names_are_kept_readable_and_composed():
    decomposed = "Giấy chứng sinh.pdf".encode().decode("utf-8")
    import unicodedata

    assert check_name(unicodedata.normalize("NFD", decomposed)) == unicodedata.normalize(
        "NFC", decomposed
    )
