"""Helpers for tests of the dossier feature (workflows/tests and tests/dossiers): real files,
form data of the built-in procedures, the journey through HTTP. Not imported by the portal."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

LOGIN = "/tai-khoan/dang-nhap/"


def at(*args: int) -> datetime.datetime:
    """A moment on Vietnam's clock: `at(2026, 2, 13, 9, 0)` is 09:00 on 13/02/2026 there."""
    from workflows.calendar import VIETNAM_TZ

    return datetime.datetime(*args, tzinfo=VIETNAM_TZ)


# -- what the officers type ----------------------------------------------------------------------

#: The leader's opinion an approval needs.
APPROVAL = {"note": "Đồng ý, trình ký."}
#: A result handed over at the desk: who collected it, originals compared.
AT_DESK = {
    "collector_name": "Nguyễn Văn An",
    "collector_id_number": "031090001234",
    "originals_compared": True,
}


# -- real files -----------------------------------------------------------------------------------


def pdf_bytes(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=kind)
    return buffer.getvalue()


def multipart_body(
    fields: dict[str, str], files: list[tuple[str, str, bytes]]
) -> tuple[bytes, str]:
    """A multipart/form-data body with file names exactly as given (the test client would
    strip directories from them, as browsers do; an attacker's client does not)."""
    boundary = "----dossier-test-boundary"
    lines: list[bytes] = []
    for name, value in fields.items():
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"'.encode(),
            b"",
            value.encode(),
        ]
    for field, filename, content in files:
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{field}"; filename="{filename}"'.encode(),
            b"Content-Type: application/pdf",
            b"",
            content,
        ]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"


# -- work done after commit -----------------------------------------------------------------------


@contextmanager
def as_if_committed(locality: Any = None) -> Iterator[None]:
    """Run the on_commit callbacks (slip renders, e-mails) registered in the block when it ends,
    as the commit of the block's transactions would: the test's own transaction never commits.
    They run in `locality`'s schema if given (where a request's commit runs them) and are then
    forgotten, so an enclosing `django_capture_on_commit_callbacks` does not run them twice."""
    from django.db import connection
    from django_tenants.utils import tenant_context

    start = len(connection.run_on_commit)
    yield
    while len(connection.run_on_commit) > start:  # a callback may register more
        callbacks = connection.run_on_commit[start:]
        del connection.run_on_commit[start:]
        for _savepoints, callback, _robust in callbacks:
            if locality is None:
                callback()
            else:
                with tenant_context(locality):
                    callback()


# -- media written by a test ----------------------------------------------------------------------


@contextmanager
def temporary_media_root(settings: Any) -> Iterator[Path]:
    """Dossier files go to a fresh PRIVATE_FILES_ROOT (still one folder per locality schema),
    and public media to a fresh MEDIA_ROOT beside it, for the test, removed afterwards. Parallel
    test sessions share `var/`: a test must never write there, nor clean up there what another
    session may be writing. Yields the private root (where dossier files land).

    TenantFileSystemStorage caches its root per process: forgotten on both sides of the test.
    """
    path = Path(tempfile.mkdtemp(prefix="dossier-files-"))
    settings.MEDIA_ROOT = str(path / "media")
    settings.PRIVATE_FILES_ROOT = str(path / "private")
    _forget_media_root()
    try:
        yield path / "private"
    finally:
        _forget_media_root()
        shutil.rmtree(path, ignore_errors=True)


def _forget_media_root() -> None:
    from django.core.files.storage import default_storage
    from django.utils.functional import empty

    if default_storage._wrapped is empty:
        default_storage._setup()
    default_storage._wrapped.__dict__.pop("relative_media_root", None)


# -- answers of the built-in procedures, as the HTML form posts them ------------------------------

BIRTH_REGISTRATION = "1.001193"
EXTRACT_COPY = "2.000635"
HOUSEHOLD_BUSINESS = "2.000720"


def birth_registration_post(**overrides: str) -> dict[str, str]:
    data = {
        "nguoi_yeu_cau.ho_ten": "Nguyễn Văn An",
        "nguoi_yeu_cau.so_dinh_danh": "031090001234",
        "nguoi_yeu_cau.quan_he": "cha_me",
        "nguoi_yeu_cau.dien_thoai": "0912345678",
        "nguoi_yeu_cau.email": "an@example.com",
        "tre.__rows": "1",
        "tre.0.ho_ten": "Nguyễn Minh Khang",
        "tre.0.ngay_sinh": "01/02/2026",
        "tre.0.gioi_tinh": "nam",
        "tre.0.dan_toc": "Kinh",
        "tre.0.quoc_tich": "Việt Nam",
        "tre.0.noi_sinh": "Bệnh viện Đa khoa Tứ Kỳ",
        "tre.0.que_quan": "Tứ Kỳ, Hải Phòng",
        "me.ho_ten": "Trần Thị Hoa",
        "me.ngay_sinh": "15/08/1995",
        "me.dan_toc": "Kinh",
        "me.quoc_tich": "Việt Nam",
        "me.noi_cu_tru.province": "31",
        "me.noi_cu_tru.commune": "11074",
        "me.noi_cu_tru.street": "Thôn Đông",
        "xac_dinh_cha": "false",
        "cha_me_da_dang_ky_ket_hon": "false",
        "mang_thai_ho": "false",
        "so_ban_sao": "1",
    }
    data.update(overrides)
    return data


def extract_copy_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "nguoi_yeu_cau.ho_ten": "Nguyễn Văn An",
        "nguoi_yeu_cau.so_dinh_danh": "031090001234",
        "nguoi_yeu_cau.noi_cu_tru.province": "31",
        "nguoi_yeu_cau.noi_cu_tru.commune": "11074",
        "nguoi_yeu_cau.noi_cu_tru.street": "Thôn Đông",
        "nguoi_yeu_cau.dien_thoai": "0912345678",
        "quan_he": "ban_than",
        "loai_su_kien": "khai_sinh",
        "nguoi_duoc_cap.ho_ten": "Nguyễn Văn An",
        "nguoi_duoc_cap.ngay_sinh": "09/05/1990",
        "noi_dang_ky": "UBND xã Tứ Kỳ",
        "so_ban_sao": "2",
        "muc_dich": ["hoc_tap"],
    }
    data.update(overrides)
    return data


# -- reading pages --------------------------------------------------------------------------------

REFERENCE_RE = re.compile(r"/ho-so/([0-9a-f-]{36})/")


def reference_from(url: str) -> str:
    match = REFERENCE_RE.search(url)
    assert match, f"no dossier reference in {url!r}"
    return match.group(1)


def text_of(response: Any) -> str:
    """The page's visible text, tags removed and whitespace collapsed (what a reader sees)."""
    import html

    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def household_business_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "ten_ho_kinh_doanh": "Hộ kinh doanh Hoa Mai",
        "dia_diem.province": "31",
        "dia_diem.commune": "11074",
        "dia_diem.street": "Chợ Tứ Kỳ, ki-ốt 12",
        "dien_thoai": "0912345678",
        "email": "an@example.com",
        "nganh_nghe": "5610 - Nhà hàng và các dịch vụ ăn uống phục vụ lưu động",
        "von_kinh_doanh": "50000000",
        "so_lao_dong": "2",
        "chu_ho.ho_ten": "Nguyễn Văn An",
        "chu_ho.ngay_sinh": "09/05/1990",
        "chu_ho.gioi_tinh": "nam",
        "chu_ho.so_dinh_danh": "031090001234",
        "chu_ho.noi_cu_tru.province": "31",
        "chu_ho.noi_cu_tru.commune": "11074",
        "chu_ho.noi_cu_tru.street": "Thôn Đông",
        "thanh_lap_boi": "ca_nhan",
    }
    data.update(overrides)
    return data


def answers_from_post(code: str, data: dict[str, Any]) -> dict[str, Any]:
    """What the form pages store for `data` (the HTML form's names) of procedure `code`."""
    from django.http import QueryDict

    from procedure_plugins.registry import register
    from procedure_plugins.schema import SchemaForm

    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    form = SchemaForm(register.get(code).schema, data=query)
    assert form.is_valid(), form.errors
    return form.answers
