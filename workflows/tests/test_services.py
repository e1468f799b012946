"""The dossier services: dates, pauses, slips (real PDFs read back), history, index, e-mails."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, InternalError, ProgrammingError, transaction

from workflows import clock, services
from workflows.errors import DossierChanged, TransitionNotAvailable
from workflows.models import Dossier, DossierEvent
from workflows.public_index.models import DossierIndexEntry

from .conftest import LAND_CHANGE
from .factories import make_dossier
from .helpers import (
    APPROVAL,
    AT_DESK,
    HOUSEHOLD_BUSINESS,
    answers_from_post,
    as_if_committed,
    at,
    household_business_post,
    pdf_text,
)

pytestmark = pytest.mark.usefixtures("dossier_media")


def read(document) -> str:
    with document.file.open("rb") as handle:
        return pdf_text(handle.read())


def test_supplement_pauses_the_clock_and_resubmission_resumes_it(tu_ky, offered, citizen, officers):
    """3 working days, received Monday 09:00 (due Thursday 17:00); paused Tuesday, back Friday:
    Tuesday counts as used, 2 days remain from Friday → due the following Tuesday 17:00."""
    answers = answers_from_post(HOUSEHOLD_BUSINESS, household_business_post())
    with clock.frozen_at(at(2026, 3, 2, 9, 0)):
        dossier = make_dossier(
            applicant=citizen, procedure_code=HOUSEHOLD_BUSINESS, answers=answers
        )
    assert dossier.appointment_at == at(2026, 3, 5, 17, 0)
    with clock.frozen_at(at(2026, 3, 3, 10, 0)):
        dossier = services.dossier_request_supplement(
            dossier=dossier, user=officers["receiving_officer"], reason="Thiếu biên bản họp"
        )
    assert dossier.appointment_at is None
    assert dossier.pauses.get().resumed_at is None
    with clock.frozen_at(at(2026, 3, 6, 9, 0)):
        dossier = services.dossier_resubmit(dossier=dossier, user=citizen, note="Đã bổ sung")
    assert dossier.state == "submitted"
    assert dossier.appointment_at == at(2026, 3, 10, 17, 0)
    assert dossier.pauses.get().resumed_at == at(2026, 3, 6, 9, 0)
    event = dossier.events.get(type="resubmitted")
    assert (event.from_state, event.to_state, event.note) == (
        "supplement_requested",
        "submitted",
        "Đã bổ sung",
    )


def test_resubmitting_answers_outside_the_schema_is_refused(tu_ky, offered, citizen, officers):
    dossier = make_dossier(applicant=citizen, procedure_code=HOUSEHOLD_BUSINESS, answers={"x": 1})
    dossier = services.dossier_request_supplement(
        dossier=dossier, user=officers["receiving_officer"], reason="Khai lại tờ khai"
    )
    with pytest.raises(ValidationError) as refused:
        services.dossier_resubmit(dossier=dossier, user=citizen)
    assert any("Tên hộ kinh doanh" in message for message in refused.value.messages)
    assert Dossier.objects.get(pk=dossier.pk).state == "supplement_requested"


def test_resume_versus_restart_after_a_supplement(tu_ky, offered, citizen, officers):
    from workflows.services.citizen import close_open_pause, recompute_appointment

    for restart, due in ((False, at(2026, 3, 10, 17, 0)), (True, at(2026, 3, 11, 17, 0))):
        with clock.frozen_at(at(2026, 3, 2, 9, 0)):
            dossier = make_dossier(
                applicant=citizen, procedure_code=HOUSEHOLD_BUSINESS, restart_clock=restart
            )
        with clock.frozen_at(at(2026, 3, 3, 10, 0)):
            dossier = services.dossier_request_supplement(
                dossier=dossier, user=officers["receiving_officer"], reason="Thiếu giấy tờ"
            )
        close_open_pause(dossier=dossier, at=at(2026, 3, 6, 9, 0))
        recompute_appointment(dossier=dossier)
        assert dossier.appointment_at == due, restart


def test_receiving_keeps_the_later_of_the_promised_and_the_counted_date(
    tu_ky, offered, citizen, officers
):
    with clock.frozen_at(at(2026, 3, 9, 10, 0)):
        dossier = make_dossier(applicant=citizen, procedure_code=HOUSEHOLD_BUSINESS)
    assert dossier.appointment_at == at(2026, 3, 12, 17, 0)
    # same day: the counted date is the same
    with clock.frozen_at(at(2026, 3, 9, 10, 30)), as_if_committed():
        received = services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
    assert received.appointment_at == at(2026, 3, 12, 17, 0)
    assert received.received_at == at(2026, 3, 9, 10, 30)
    (receipt,) = received.issued_documents.filter(kind="receipt")
    assert receipt.form_number == "01" and receipt.framework == "tt03-2025"
    text = read(receipt)
    assert "Trần Thị Bình" in text and "10 giờ 30 phút, ngày 09/03/2026" in text


def test_refusing_reception_issues_the_refusal_slip(tu_ky, offered, citizen, officers):
    dossier = make_dossier(applicant=citizen)
    with as_if_committed():
        dossier = services.dossier_refuse_reception(
            dossier=dossier,
            user=officers["receiving_officer"],
            reason="Sự kiện hộ tịch không đăng ký tại xã Tứ Kỳ.",
        )
    assert dossier.state == "refused"
    slip = dossier.issued_documents.get(kind="refusal")
    text = read(slip)
    assert "TỪ CHỐI" in text.upper()
    assert "Sự kiện hộ tịch không đăng ký tại xã Tứ Kỳ." in text
    assert dossier.code in text
    event = dossier.events.get(type="reception_refused")
    assert (event.from_state, event.to_state, event.actor_name) == (
        "submitted",
        "refused",
        "Trần Thị Bình",
    )
    assert list(event.issued_documents.all()) == [slip]


def test_a_late_dossier_gets_an_apology_with_a_new_date_and_stays_late(
    tu_ky, offered, citizen, officers, django_capture_on_commit_callbacks
):
    with clock.frozen_at(at(2026, 3, 9, 9, 0)):
        dossier = make_dossier(applicant=citizen, procedure_code=HOUSEHOLD_BUSINESS)
        dossier = services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
        dossier = services.dossier_forward(dossier=dossier, user=officers["receiving_officer"])
    with pytest.raises(ValidationError):  # a new date must be later than the current one
        services.dossier_apologise(
            dossier=dossier,
            user=officers["specialist"],
            new_appointment_at=at(2026, 3, 11, 17, 0),
            reason="Cần xác minh",
        )
    with clock.frozen_at(at(2026, 3, 12, 16, 0)), django_capture_on_commit_callbacks(execute=True):
        dossier = services.dossier_apologise(
            dossier=dossier,
            user=officers["specialist"],
            new_appointment_at=at(2026, 3, 17, 17, 0),
            reason="Cần xác minh thông tin địa điểm kinh doanh.",
        )
    assert dossier.extended_appointment_at == at(2026, 3, 17, 17, 0)
    apology = dossier.issued_documents.get(kind="apology")
    text = read(apology)
    assert "Cần xác minh thông tin địa điểm kinh doanh." in text
    assert "17/03/2026" in text
    assert "xin lỗi" in mail.outbox[-1].subject.lower()
    with clock.frozen_at(at(2026, 3, 16, 9, 0)):
        dossier = services.dossier_submit_for_approval(dossier=dossier, user=officers["specialist"])
        dossier = services.dossier_approve(dossier=dossier, user=officers["leader"], **APPROVAL)
    assert dossier.timeliness == "late"  # against the original 12/03 appointment


def test_the_control_slip_lists_each_hand_over(tu_ky, offered, citizen, officers):
    # Every slip is rendered at the end: each prints what it said when it was issued.
    with as_if_committed():
        with clock.frozen_at(at(2026, 3, 9, 9, 0)):
            dossier = make_dossier(applicant=citizen, procedure_code=HOUSEHOLD_BUSINESS)
            dossier = services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
            dossier = services.dossier_forward(dossier=dossier, user=officers["receiving_officer"])
        with clock.frozen_at(at(2026, 3, 10, 9, 0)):
            dossier = services.dossier_hand_over(
                dossier=dossier, user=officers["specialist"], unit="Công an xã Tứ Kỳ"
            )
            dossier = services.dossier_take_back(dossier=dossier, user=officers["specialist"])
            dossier = services.dossier_submit_for_approval(
                dossier=dossier, user=officers["specialist"]
            )
            dossier = services.dossier_send_back(
                dossier=dossier, user=officers["leader"], reason="Bổ sung ngành nghề"
            )
            dossier = services.dossier_submit_for_approval(
                dossier=dossier, user=officers["specialist"]
            )
            dossier = services.dossier_approve(dossier=dossier, user=officers["leader"], **APPROVAL)
            dossier = services.dossier_return_result(
                dossier=dossier, user=officers["returning_officer"], **AT_DESK
            )
    assert dossier.timeliness == "early"
    first, final = dossier.issued_documents.filter(kind="control_slip").order_by("pk")
    assert final.form_number == "06"  # numbered 06 by Circular 03/2025 (05 under 01/2018)
    text = read(final)
    assert "PHIẾU KIỂM SOÁT" in text.upper()
    assert "Công an xã Tứ Kỳ" in text
    assert "Vũ Thị Lan" in text and "Lê Văn Cường" in text
    assert "Công an xã Tứ Kỳ" not in read(first)  # the first slip, at forwarding, had one row
    assert [e.type for e in dossier.events.order_by("at", "pk")] == [
        "submitted",
        "received",
        "forwarded",
        "handed_over",
        "taken_back",
        "submitted_for_approval",
        "sent_back",
        "submitted_for_approval",
        "approved",
        "result_returned",
    ]


def test_permissions_and_stale_states_are_refused(tu_ky, offered, citizen, officers):
    dossier = make_dossier(applicant=citizen)
    with pytest.raises(PermissionDenied):
        services.dossier_receive(dossier=dossier, user=officers["leader"])
    with pytest.raises(PermissionDenied):
        services.dossier_receive(dossier=dossier, user=citizen)
    with pytest.raises(TransitionNotAvailable):
        services.dossier_approve(dossier=dossier, user=officers["leader"])
    with pytest.raises(DossierChanged):
        services.dossier_receive(
            dossier=dossier, user=officers["receiving_officer"], expected_state="received"
        )
    with pytest.raises(ValidationError):
        services.dossier_request_supplement(
            dossier=dossier, user=officers["receiving_officer"], reason="  "
        )
    assert Dossier.objects.get(pk=dossier.pk).state == "submitted"


def test_history_is_append_only(tu_ky, offered, citizen):
    dossier = make_dossier(applicant=citizen)
    event = dossier.events.get()
    event.note = "sửa lịch sử"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises((InternalError, IntegrityError, ProgrammingError)), transaction.atomic():
        DossierEvent.objects.filter(pk=event.pk).update(note="sửa lịch sử")
    assert DossierEvent.objects.get(pk=event.pk).note == ""


def test_drafts_are_indexed_publicly_and_discarded_with_their_files(
    tu_ky, offered, citizen, demo_localities
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .helpers import pdf_bytes

    draft = services.draft_create(user=citizen, procedure_code=LAND_CHANGE)
    entry = DossierIndexEntry.objects.get(reference=draft.reference)
    assert entry.locality == demo_localities["tu_ky"] and entry.code == ""
    attachment = services.attachment_add(
        dossier=draft,
        user=citizen,
        document_key="giay_chung_nhan",
        upload=SimpleUploadedFile("gcn.pdf", pdf_bytes()),
    )
    path = attachment.file.path
    with django_capture(execute=True):
        services.draft_discard(dossier=draft, user=citizen)
    assert not Dossier.objects.filter(pk=draft.pk).exists()
    assert not DossierIndexEntry.objects.filter(reference=draft.reference).exists()
    import os

    assert not os.path.exists(path)


def django_capture(execute: bool):
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=execute)
