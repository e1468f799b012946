"""Every dossier change reaches the national portal's stand-in as "sync the dossier" and "update
progress" with the national status code, the channel and dates on Vietnam's clock; a 500 is
retried, an answer other than "00" is recorded for staff; off by default."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from outbox.choices import Channel, MessageState
from outbox.models import Message
from workflows import clock, services
from workflows.tests.factories import make_dossier
from workflows.tests.helpers import at

pytestmark = pytest.mark.django_db


def test_off_by_default_nothing_is_written_for_the_national_portal(
    tu_ky, citizen, officers, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert settings.OUTBOX_NATIONAL["url"] == ""
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(applicant=citizen)
        services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
    assert not Message.objects.filter(channel=Channel.NATIONAL).exists()


def test_a_reception_is_synced_with_status_channel_and_local_dates(
    tu_ky, citizen, officers, national_portal, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    national_portal.answers = [500]  # the first call fails, then the portal recovers
    with clock.frozen_at(at(2026, 3, 9, 9, 30)), django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(applicant=citizen, intake="counter")
        dossier = services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
    failed = Message.objects.get(channel=Channel.NATIONAL, state=MessageState.FAILED)
    assert "HTTP 500" in failed.last_error
    call_command("outbox_sweep", stdout=open("/dev/null", "w"))  # noqa: SIM115
    rows = Message.objects.filter(channel=Channel.NATIONAL, dossier=dossier)
    assert len(rows) == 4  # two calls for the submission (make_dossier), two for the reception
    # The failed call was the submission's sync: the reception's newer record left before it.
    assert rows.get(pk=failed.pk).state == MessageState.SUPERSEDED
    assert {row.state for row in rows.exclude(pk=failed.pk)} == {MessageState.SENT}
    calls = _calls_for(national_portal, dossier, "received")
    sync, progress = calls["DongBoHoSoMC"]["json"], calls["CapNhatTienDoHoSoMC"]["json"]
    assert sync["MaHoSo"] == dossier.code and sync["MaTTHC"] == dossier.procedure_code
    assert sync["TrangThaiHoSo"] == 2  # Được tiếp nhận
    assert sync["KenhThucHien"] == 1  # received at the counter: in person
    assert sync["NgayTiepNhan"] == "20260309093000"  # 09:30 in Hà Nội, not UTC
    assert sync["NgayHenTra"] == dossier.due_at.astimezone(at(2026, 1, 1).tzinfo).strftime(
        "%Y%m%d%H%M%S"
    )
    assert sync["ChuHoSo"] == "Nguyễn Văn An" and sync["DonViXuLy"] == "Xã Tứ Kỳ"
    assert progress["NguoiXuLy"] == "Trần Thị Bình" and progress["TrangThai"] == 2
    assert progress["ThoiDiemXuLy"] == "20260309093000"
    headers = calls["DongBoHoSoMC"]["headers"]
    assert headers["Authorization"] == "Bearer ma-truy-cap"
    assert headers["X-Idempotency-Key"].startswith("national:sync:")


def test_an_answer_other_than_00_is_recorded_for_staff_and_not_retried(
    tu_ky, citizen, officers, national_portal, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(applicant=citizen)
    national_portal.answers = []
    with django_capture_on_commit_callbacks(execute=True):
        national_portal_refuses(national_portal)
        services.dossier_refuse_reception(
            dossier=dossier, user=officers["receiving_officer"], reason="Không thuộc thẩm quyền."
        )
    event = dossier.events.get(type="reception_refused")
    rows = Message.objects.filter(channel=Channel.NATIONAL, key__endswith=f":{event.pk}")
    assert rows.count() == 2
    for row in rows:
        assert row.state == MessageState.GIVEN_UP and row.attempts == 1
        assert "error_code 01" in row.last_error
    sync = _calls_for(national_portal, dossier, "reception_refused")["DongBoHoSoMC"]
    assert sync["json"]["TrangThaiHoSo"] == 3  # Không được tiếp nhận


def _calls_for(portal, dossier, event_type: str) -> dict[str, dict]:
    """The calls the stand-in received for one history entry, by service path."""
    event = dossier.events.get(type=event_type)
    return {
        request["path"].rsplit("/", 1)[1]: request
        for request in portal.requests
        if request["headers"]["X-Idempotency-Key"].endswith(f"{dossier.reference}:{event.pk}")
    }


def national_portal_refuses(portal) -> None:
    """The stand-in answers 200 with error_code 01 from now on."""
    portal.body = b'{"error_code": "01", "message": "Ma TTHC khong ton tai"}'


def test_an_older_sync_retried_after_a_newer_one_left_is_not_sent(
    tu_ky, citizen, officers, national_portal, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    national_portal.answers = [500]  # the submission's sync fails…
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(applicant=citizen)
        # …and the reception's sync (status 2) leaves before it is retried.
        dossier = services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
    call_command("outbox_sweep", stdout=open("/dev/null", "w"))  # noqa: SIM115
    submitted = dossier.events.get(type="submitted")
    old_sync = Message.objects.get(key=f"national:sync:{dossier.reference}:{submitted.pk}")
    assert old_sync.state == MessageState.SUPERSEDED
    statuses = [
        request["json"]["TrangThaiHoSo"]
        for request in national_portal.requests
        if request["path"].endswith("DongBoHoSoMC")
    ]
    assert statuses == [1, 2]  # the failed first attempt, then only the newer record
    old_progress = Message.objects.get(key=f"national:progress:{dossier.reference}:{submitted.pk}")
    assert old_progress.state == MessageState.SENT  # progress rows are history: all of them leave


def test_reconcile_finds_a_dossier_the_portal_is_behind_on_and_syncs_it_once(
    tu_ky, citizen, officers, national_portal, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(applicant=citizen)  # the submission's record is accepted
    with django_capture_on_commit_callbacks(execute=True):
        national_portal_refuses(national_portal)  # the reception's record is refused, given up
        dossier = services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
    national_portal.body = b'{"error_code": "00"}'  # the portal is fixed
    listed = io.StringIO()
    call_command("national_reconcile", "--dry-run", "--locality", tu_ky.schema_name, stdout=listed)
    assert f"{dossier.code}: national portal holds 1, status is 2" in listed.getvalue()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("national_reconcile", "--locality", tu_ky.schema_name, stdout=io.StringIO())
    last = [r for r in national_portal.requests if r["path"].endswith("DongBoHoSoMC")][-1]
    assert last["json"]["MaHoSo"] == dossier.code and last["json"]["TrangThaiHoSo"] == 2
    again = io.StringIO()
    call_command("national_reconcile", "--locality", tu_ky.schema_name, stdout=again)
    assert "0 dossier(s)" in again.getvalue()
