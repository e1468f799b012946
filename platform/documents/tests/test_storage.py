"""A stored slip lands in its locality's own private folder, never in another's, and never in
the public media."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.conf import settings

from documents.registry import SlipError
from documents.services import render_slip, store_slip
from portal.private_files import private_storage

from .conftest import CODE, pdf_text, tu_ky_context


@pytest.fixture
def stored_names(tu_ky):
    names: list[str] = []
    yield names
    for name in names:
        folder = Path(private_storage().path(name)).parent
        private_storage().delete(name)
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def test_stored_slip_lands_under_the_locality_private_folder(tu_ky, chu_puh, stored_names):
    rendered = render_slip(form="receipt", context=tu_ky_context())
    prefix = f"ho-so/test-{uuid.uuid4().hex}"

    name = store_slip(rendered=rendered, path_prefix=prefix)
    stored_names.append(name)

    assert name == f"{prefix}/{CODE}-mau-01.pdf"
    on_disk = Path(settings.PRIVATE_FILES_ROOT) / tu_ky.schema_name / name
    assert on_disk.read_bytes() == rendered.content
    assert CODE in pdf_text(on_disk.read_bytes())
    assert not (Path(settings.PRIVATE_FILES_ROOT) / chu_puh.schema_name / name).exists()
    assert not (Path(settings.MEDIA_ROOT) / tu_ky.schema_name / name).exists()


def test_a_slip_once_stored_is_never_overwritten(tu_ky, stored_names):
    prefix = f"ho-so/test-{uuid.uuid4().hex}"
    first = render_slip(form="receipt", context=tu_ky_context())
    second = render_slip(form="receipt", context=tu_ky_context(officer_name="Vũ Thị Lan"))

    stored_names.append(store_slip(rendered=first, path_prefix=prefix))
    stored_names.append(store_slip(rendered=second, path_prefix=prefix))

    assert stored_names[0] != stored_names[1]
    with private_storage().open(stored_names[0]) as kept:
        assert kept.read() == first.content


@pytest.mark.parametrize("prefix", ["../../etc", "ho-so/../../c23942", "", "/"])
def test_a_path_out_of_the_locality_folder_is_refused(tu_ky, prefix):
    rendered = render_slip(form="refusal", context=tu_ky_context())
    with pytest.raises(SlipError, match="Đường dẫn lưu phiếu không hợp lệ"):
        store_slip(rendered=rendered, path_prefix=prefix)


def test_storing_outside_a_locality_is_refused(public_schema):
    rendered = render_slip(form="refusal", context=tu_ky_context())
    with pytest.raises(SlipError, match="đơn vị hành chính"):
        store_slip(rendered=rendered, path_prefix="ho-so/x")
