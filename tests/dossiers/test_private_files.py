"""Dossier files (uploads, every kind of issued slip, results) are never behind a public URL:
`/media/<schema>/ho-so/…` answers 404 to anyone on any host, with `make run`'s URLs (DEBUG on);
the applicant and the locality's officers download them through the dossier pages, byte for
byte; another locality's officer gets 404. The front-server hand-offs (X-Accel-Redirect,
X-Sendfile) and the move of files stored the old way (`dossier_files_make_private`) too."""

from __future__ import annotations

import importlib
import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import clear_url_caches

from workflows import clock, services
from workflows.models import Attachment, Dossier, IssuedDocument
from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    EXTRACT_COPY,
    as_if_committed,
    at,
    birth_registration_post,
    extract_copy_post,
    pdf_bytes,
    text_of,
)

from .journey import upload, walk

pytestmark = pytest.mark.slow

ALL_KINDS = {"receipt", "supplement_request", "refusal", "apology", "control_slip", "result"}


@pytest.fixture
def make_run_urls(settings):
    """The URLs as `make run` builds them (DEBUG on), restored afterwards."""
    import portal.urls
    import portal.urls_public

    def load(debug: bool) -> None:
        settings.DEBUG = debug
        importlib.reload(portal.urls)
        importlib.reload(portal.urls_public)
        clear_url_caches()

    load(True)
    yield
    load(False)


@pytest.fixture
def chu_puh_officer(db, demo_localities):
    from identity.tests.factories import make_user
    from staff.roles import Role, role_group

    connection.set_tenant(demo_localities["chu_puh"])
    try:
        user = make_user(full_name="Đinh Văn Hải")
        user.groups.add(role_group(Role.RECEIVING_OFFICER))
    finally:
        connection.set_schema_to_public()
    return user


def in_tu_ky(demo_localities, work):
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        with as_if_committed():
            return work()
    finally:
        connection.set_schema_to_public()


@pytest.fixture
def dossiers_with_every_file(offered, citizen, officers, client_for, demo_localities):
    """Two Tứ Kỳ dossiers holding an upload of each round and every kind of issued PDF: one
    taken to its electronic result (receipt, supplement request, control slips, apology,
    result), one refused at reception (refusal)."""
    client = client_for("tu_ky", citizen)
    desk = officers["receiving_officer"]
    with clock.frozen_at(at(2026, 6, 15, 9, 0)):
        first, response = walk(
            client,
            BIRTH_REGISTRATION,
            birth_registration_post(),
            {"giay_chung_sinh": [("chung-sinh.pdf", pdf_bytes())]},
            delivery={"method": "online"},
        )
        assert response.status_code == 302
        second, response = walk(client, EXTRACT_COPY, extract_copy_post(), {})
        assert response.status_code == 302
    assert client.get(f"/ho-so/{first}/bien-nhan.pdf").status_code == 200

    def load(reference):
        return Dossier.objects.get(reference=reference)

    with clock.frozen_at(at(2026, 6, 15, 10, 0)):
        in_tu_ky(
            demo_localities,
            lambda: services.dossier_request_supplement(
                dossier=load(first), user=desk, reason="Bản chụp bị mờ"
            ),
        )
    with clock.frozen_at(at(2026, 6, 15, 11, 0)):
        response = upload(client, first, "giay_chung_sinh", [("chung-sinh-ro.pdf", pdf_bytes(2))])
        assert response.status_code == 302
        assert client.post(f"/ho-so/{first}/kiem-tra/", {"note": "Đã bổ sung"}).status_code == 302

    def process():
        services.dossier_receive(dossier=load(first), user=desk)
        services.dossier_forward(dossier=load(first), user=desk)
        services.dossier_apologise(
            dossier=load(first),
            user=desk,
            new_appointment_at=at(2026, 6, 22, 17, 0),
            reason="Cần xác minh thêm",
        )
        services.dossier_submit_for_approval(dossier=load(first), user=officers["specialist"])
        services.dossier_approve(dossier=load(first), user=officers["leader"], note="Đồng ý")
        services.dossier_return_result(dossier=load(first), user=officers["returning_officer"])
        services.dossier_refuse_reception(
            dossier=load(second), user=desk, reason="Không thuộc thẩm quyền"
        )

    with clock.frozen_at(at(2026, 6, 16, 9, 0)):
        in_tu_ky(demo_localities, process)

    def files():
        rows = [
            (f"/ho-so/{a.dossier.reference}/tep/{a.pk}/", a.file.name, a.file.read(), "upload")
            for a in Attachment.objects.filter(dossier__reference__in=[first, second])
        ]
        rows += [
            (
                f"/ho-so/{d.dossier.reference}/giay-to-phat-hanh/{d.pk}/",
                d.file.name,
                d.file.read(),
                d.kind,
            )
            for d in IssuedDocument.objects.filter(dossier__reference__in=[first, second])
        ]
        return rows

    stored = in_tu_ky(demo_localities, files)
    assert {kind for *_rest, kind in stored} == ALL_KINDS | {"upload"}
    assert sum(kind == "upload" for *_rest, kind in stored) == 2
    return stored


def test_no_dossier_file_is_served_under_the_public_media_url(
    dossiers_with_every_file,
    make_run_urls,
    citizen,
    officers,
    chu_puh_officer,
    client_for,
    demo_localities,
):
    schema = demo_localities["tu_ky"].schema_name
    visitors = {
        "anyone on Tứ Kỳ": client_for("tu_ky"),
        "the applicant on Tứ Kỳ": client_for("tu_ky", citizen),
        "Tứ Kỳ's officer": client_for("tu_ky", officers["receiving_officer"]),
        "anyone on Chư Pưh": client_for("chu_puh"),
        "the applicant on Chư Pưh": client_for("chu_puh", citizen),
        "anyone on the national root": client_for("national"),
    }
    for _page, name, content, kind in dossiers_with_every_file:
        # Personal data is not in the public media folder at all...
        assert not (Path(settings.MEDIA_ROOT) / schema / name).exists(), kind
        assert (Path(settings.PRIVATE_FILES_ROOT) / schema / name).read_bytes() == content
        # ...and its public path answers 404 to everyone, everywhere.
        for who, client in visitors.items():
            response = client.get(f"/media/{schema}/{name}")
            assert response.status_code == 404, (kind, who)


def test_applicant_and_officer_download_every_file_through_the_dossier_pages(
    dossiers_with_every_file, citizen, officers, chu_puh_officer, client_for
):
    owner = client_for("tu_ky", citizen)
    officer = client_for("tu_ky", officers["receiving_officer"])
    for page, _name, content, kind in dossiers_with_every_file:
        for who, client in (("applicant", owner), ("officer", officer)):
            response = client.get(page)
            assert response.status_code == 200, (kind, who)
            assert b"".join(response.streaming_content) == content, (kind, who)
        # Chư Pưh's officer: no such dossier on their host, no role on Tứ Kỳ's.
        assert client_for("chu_puh", chu_puh_officer).get(page).status_code == 404, kind
        assert client_for("tu_ky", chu_puh_officer).get(page).status_code == 404, kind
        assert client_for("tu_ky").get(page).status_code == 302, kind  # to the login page


@pytest.mark.parametrize("mode", ["x-accel-redirect", "x-sendfile"])
def test_the_front_server_hand_off_names_the_private_file_only(
    mode, dossiers_with_every_file, citizen, client_for, demo_localities, settings
):
    settings.PRIVATE_FILES_SERVE = mode
    schema = demo_localities["tu_ky"].schema_name
    owner = client_for("tu_ky", citizen)
    for page, name, content, kind in dossiers_with_every_file:
        response = owner.get(page)
        assert response.status_code == 200, kind
        assert response.content == b"", kind  # the front server sends the bytes
        assert response["Content-Disposition"].startswith("inline; filename"), kind
        if mode == "x-accel-redirect":
            assert response["X-Accel-Redirect"] == f"/_private/{schema}/{name}", kind
        else:
            assert Path(response["X-Sendfile"]).read_bytes() == content, kind
            assert not response["X-Sendfile"].startswith(str(settings.MEDIA_ROOT)), kind
    assert client_for("tu_ky").get(page).status_code == 302  # still behind the checks


def test_cms_media_stay_public_on_their_own_locality(make_run_urls, client_for, demo_localities):
    schema = demo_localities["tu_ky"].schema_name
    image = Path(settings.MEDIA_ROOT) / schema / "original_images" / "cho-tu-ky.png"
    image.parent.mkdir(parents=True, exist_ok=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n tu ky")
    here = client_for("tu_ky").get(f"/media/{schema}/original_images/cho-tu-ky.png")
    assert here.status_code == 200
    assert b"".join(here.streaming_content) == image.read_bytes()
    there = client_for("chu_puh").get(f"/media/{schema}/original_images/cho-tu-ky.png")
    assert there.status_code == 404
    escape = client_for("tu_ky").get(f"/media/{schema}/../{schema}/ho-so/x.pdf")
    assert escape.status_code == 404


def make_private(*args) -> str:
    out = io.StringIO()
    call_command("dossier_files_make_private", *args, stdout=out)
    return out.getvalue()


def test_files_stored_the_old_way_are_moved_to_the_private_storage(
    dossiers_with_every_file, make_run_urls, citizen, client_for, demo_localities
):
    """Before this change every dossier file sat under MEDIA_ROOT/<schema>/ho-so/."""
    schema = demo_localities["tu_ky"].schema_name
    public_root = Path(settings.MEDIA_ROOT) / schema
    private_root = Path(settings.PRIVATE_FILES_ROOT) / schema
    for _page, name, _content, _kind in dossiers_with_every_file:
        (public_root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(private_root / name, public_root / name)
    anyone = client_for("tu_ky")
    _page, name, _content, _kind = dossiers_with_every_file[0]
    assert anyone.get(f"/media/{schema}/{name}").status_code == 404  # even left there

    report = make_private("--dry-run")
    assert f"{schema}/{name}" in report
    assert f"would move to the private storage: {len(dossiers_with_every_file)}." in report
    assert (public_root / name).is_file()

    report = make_private("--locality", schema)
    assert f"moved to the private storage: {len(dossiers_with_every_file)}." in report
    assert not (public_root / "ho-so").exists()
    owner = client_for("tu_ky", citizen)
    for page, name, content, kind in dossiers_with_every_file:
        assert (private_root / name).read_bytes() == content, kind
        response = owner.get(page)
        assert b"".join(response.streaming_content) == content, kind
    assert "moved to the private storage: 0." in make_private()
    page = text_of(owner.get(f"/ho-so/{dossiers_with_every_file[0][0].split('/')[2]}/"))
    assert "Đã trả kết quả" in page


def test_moving_never_overwrites_a_different_private_file(db, demo_localities):
    schema = demo_localities["tu_ky"].schema_name
    public = Path(settings.MEDIA_ROOT) / schema / "ho-so" / "a1" / "phat-hanh"
    private = Path(settings.PRIVATE_FILES_ROOT) / schema / "ho-so" / "a1" / "phat-hanh"
    for folder in (public, private):
        folder.mkdir(parents=True)
    (public / "same.pdf").write_bytes(b"%PDF-1.7 same")
    (private / "same.pdf").write_bytes(b"%PDF-1.7 same")
    (public / "other.pdf").write_bytes(b"%PDF-1.7 public copy")
    (private / "other.pdf").write_bytes(b"%PDF-1.7 private copy")
    out, err = io.StringIO(), io.StringIO()
    call_command("dossier_files_make_private", "--locality", schema, stdout=out, stderr=err)
    assert f"{schema}/ho-so/a1/phat-hanh/other.pdf: a different private file exists" in (
        err.getvalue()
    )
    assert "moved to the private storage: 1." in out.getvalue()
    assert "Left in place (a different private file exists): 1." in out.getvalue()
    assert not (public / "same.pdf").exists()  # the private copy was already the same
    assert (public / "other.pdf").read_bytes() == b"%PDF-1.7 public copy"
    assert (private / "other.pdf").read_bytes() == b"%PDF-1.7 private copy"
