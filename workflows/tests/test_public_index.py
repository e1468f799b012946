"""The national dossier index: one row per dossier, refreshed in the transaction of every change,
with the national status code and a keyed hash of the ID number (never the number); rebuilt
from the locality schemas by `manage.py rebuild_dossier_index`."""

from __future__ import annotations

import datetime
import io
import uuid

import pytest
from django.core.management import call_command
from django.db import transaction

from procedure_plugins.registry import register
from workflows import clock, services
from workflows.calendar import VIETNAM_TZ
from workflows.choices import Intake
from workflows.models import Dossier
from workflows.national_status import (
    BASE_STATUS,
    Channel,
    NationalStatus,
    channel_of,
    national_status,
)
from workflows.public_index.models import DossierIndexEntry
from workflows.public_index.services import id_number_hash
from workflows.states import DossierState

from .conftest import LAND_CHANGE
from .factories import make_dossier
from .helpers import APPROVAL, AT_DESK

pytestmark = pytest.mark.usefixtures("dossier_media")


def entry_of(dossier) -> DossierIndexEntry:
    return DossierIndexEntry.objects.get(reference=dossier.reference)


def test_every_base_state_but_the_draft_has_one_national_status_code():
    assert set(BASE_STATUS) == set(DossierState.values) - {DossierState.DRAFT}
    assert national_status(state="draft", received_at=None) is None
    assert national_status(state="refused", received_at=None) == NationalStatus.NOT_RECEIVED
    moment = datetime.datetime(2026, 7, 10, tzinfo=VIETNAM_TZ)
    assert national_status(state="refused", received_at=moment) == NationalStatus.STOPPED
    land = register.get(LAND_CHANGE)
    assert national_status(
        state="field_inspection", received_at=moment, plugin_codes=land.national_status_codes
    ) == (NationalStatus.PROCESSING)


def test_each_intake_is_reported_with_its_national_channel_code():
    assert {intake: channel_of(Dossier(intake=intake)) for intake in Intake.values} == {
        "portal": Channel.ONLINE,
        "national_portal": Channel.ONLINE,
        "counter": Channel.IN_PERSON,
        "post": Channel.POST,
    }


def test_each_change_refreshes_the_row_in_the_same_transaction(tu_ky, offered, citizen, officers):
    with clock.frozen_at(datetime.datetime(2026, 7, 13, 9, 0, tzinfo=VIETNAM_TZ)):
        dossier = make_dossier(applicant=citizen)
    entry = entry_of(dossier)
    assert (entry.state, entry.national_status, entry.state_label) == (
        "submitted",
        NationalStatus.NEW,
        "Mới nộp, chờ tiếp nhận",
    )
    assert entry.channel == 2 and entry.code == dossier.code.upper()
    assert entry.applicant_id_hash == id_number_hash(citizen.id_number)
    assert len(entry.applicant_id_hash) == 64
    row = DossierIndexEntry.objects.filter(pk=entry.pk).values().get()
    assert not any(citizen.id_number in str(value) for value in row.values())

    steps = [
        (services.dossier_receive, "receiving_officer", {}, "received", 2),
        (services.dossier_forward, "receiving_officer", {}, "in_processing", 4),
        (services.dossier_submit_for_approval, "specialist", {}, "awaiting_approval", 4),
        (services.dossier_approve, "leader", APPROVAL, "result_ready", 9),
        (services.dossier_return_result, "returning_officer", AT_DESK, "returned", 10),
    ]
    for service, role, extra, state, code in steps:
        dossier = service(dossier=dossier, user=officers[role], **extra)
        entry = entry_of(dossier)
        assert (entry.state, entry.national_status) == (state, code)
    assert entry.received_at == dossier.received_at and entry.finished_at == dossier.finished_at
    assert entry.returned_at == dossier.returned_at and entry.timeliness == dossier.timeliness

    # A change that rolls back leaves the row as it was.
    other = make_dossier(applicant=citizen)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.dossier_receive(dossier=other, user=officers["receiving_officer"])
        raise RuntimeError("the request failed after the service")
    assert entry_of(other).state == "submitted" and entry_of(other).received_at is None


def test_the_rebuild_reports_and_repairs_a_broken_a_missing_and_an_orphan_row(
    tu_ky, offered, citizen, officers
):
    broken = make_dossier(applicant=citizen)
    broken = services.dossier_receive(dossier=broken, user=officers["receiving_officer"])
    missing = make_dossier(applicant=citizen)
    DossierIndexEntry.objects.filter(reference=broken.reference).update(
        state="submitted", national_status=1, applicant_id_hash="0" * 64
    )
    DossierIndexEntry.objects.filter(reference=missing.reference).delete()
    orphan = DossierIndexEntry.objects.create(
        locality=tu_ky,
        reference=uuid.uuid4(),
        applicant=citizen,
        code="11074-200101-0001",
        procedure_code="2.000635",
        created_at=clock.now(),
        state="submitted",
        indexed_at=clock.now() - datetime.timedelta(days=1),
    )

    out = io.StringIO()
    call_command(
        "rebuild_dossier_index", "--schema", tu_ky.schema_name, "--batch-size", "2", stdout=out
    )
    text = out.getvalue()
    code = broken.code.upper()
    assert f"{tu_ky.schema_name} {code}: sai state, national_status, applicant_id_hash" in text
    assert f"{tu_ky.schema_name} {missing.code.upper()}: thiếu dòng chỉ mục" in text
    assert f"{tu_ky.schema_name} 11074-200101-0001: dòng chỉ mục thừa (hồ sơ không còn)" in text
    assert "1 dòng thiếu, 1 dòng sai, 1 dòng thừa (đã sửa)." in text

    entry = entry_of(broken)
    assert (entry.state, entry.national_status) == ("received", NationalStatus.RECEIVED)
    assert entry.applicant_id_hash == id_number_hash(citizen.id_number)
    assert entry_of(missing).state == "submitted"
    assert not DossierIndexEntry.objects.filter(pk=orphan.pk).exists()

    out = io.StringIO()
    call_command("rebuild_dossier_index", "--schema", tu_ky.schema_name, stdout=out)
    assert "0 dòng thiếu, 0 dòng sai, 0 dòng thừa." in out.getvalue()


def test_a_dry_run_reports_without_repairing(tu_ky, offered, citizen):
    dossier = make_dossier(applicant=citizen)
    DossierIndexEntry.objects.filter(reference=dossier.reference).update(state_label="?")
    out = io.StringIO()
    call_command("rebuild_dossier_index", "--schema", tu_ky.schema_name, "--dry-run", stdout=out)
    assert f"{dossier.code.upper()}: sai state_label" in out.getvalue()
    assert "(chưa sửa: --dry-run)" in out.getvalue()
    assert entry_of(dossier).state_label == "?"


def test_the_row_carries_what_statistics_read(tu_ky, offered, citizen, officers):
    """Two supplement requests (Decision 766 counts the dossier late whatever its dates), the
    time the clock stood still, the end, the electronic result, the fee and the rating."""
    desk = officers["receiving_officer"]
    with clock.frozen_at(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=VIETNAM_TZ)):
        dossier = make_dossier(applicant=citizen, fee=8000)
    for day in (2, 3):
        with clock.frozen_at(datetime.datetime(2026, 3, day, 10, 0, tzinfo=VIETNAM_TZ)) as paused:
            dossier = services.dossier_request_supplement(
                dossier=dossier, user=desk, reason="Thiếu", acknowledge_late=day == 3
            )
        assert entry_of(dossier).paused_since == paused
        with clock.frozen_at(datetime.datetime(2026, 3, day + 1, 9, 0, tzinfo=VIETNAM_TZ)):
            dossier = services.dossier_resubmit(dossier=dossier, user=citizen)
    entry = entry_of(dossier)
    assert (entry.supplement_rounds, entry.paused_since, entry.ended_at) == (2, None, None)
    assert entry.paused_seconds == 2 * 23 * 3600
    for service, role, fields in (
        (services.dossier_receive, "receiving_officer", {}),
        (services.dossier_forward, "receiving_officer", {}),
        (services.dossier_submit_for_approval, "specialist", {}),
        (services.dossier_approve, "leader", APPROVAL),
        (services.dossier_return_result, "returning_officer", AT_DESK),
    ):
        dossier = service(dossier=dossier, user=officers[role], **fields)
    entry = entry_of(dossier)
    assert entry.ended_at == dossier.finished_at and entry.electronic_result
    assert entry.fee == 8000 and entry.rating is None and not entry.paid_online
    services.dossier_rate(dossier=dossier, user=citizen, score=1)
    assert entry_of(dossier).rating == 1

    with clock.frozen_at(datetime.datetime(2026, 3, 9, 8, 0, tzinfo=VIETNAM_TZ)):
        other = make_dossier(applicant=citizen)
    with clock.frozen_at(datetime.datetime(2026, 3, 9, 11, 0, tzinfo=VIETNAM_TZ)) as withdrawn:
        other = services.dossier_withdraw(dossier=other, user=citizen, reason="Không cần nữa")
    entry = entry_of(other)
    assert (entry.ended_at, entry.electronic_result, entry.supplement_rounds) == (
        withdrawn,
        False,
        0,
    )
