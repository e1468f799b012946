"""The workflow engine: what each person may do, the form each action needs, and transitions a
plugin adds (land change's field inspection) run through the same generic entry point."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from workflows import clock, engine
from workflows.calendar import VIETNAM_TZ
from workflows.errors import DossierChanged, TransitionNotAvailable
from workflows.workflow_forms import ReasonForm

from .conftest import LAND_CHANGE
from .factories import make_dossier

pytestmark = pytest.mark.usefixtures("dossier_media")

LAND_ANSWERS = {"loai_bien_dong": "thay_doi_dien_tich"}


def names(options) -> list[str]:
    return sorted(option.name for option in options)


def test_available_transitions_depend_on_the_role_here(tu_ky, offered, citizen, officers):
    dossier = make_dossier(applicant=citizen)
    assert names(
        engine.available_transitions(dossier=dossier, user=officers["receiving_officer"])
    ) == [
        "receive",
        "refuse_reception",
        "request_supplement",
    ]
    assert engine.available_transitions(dossier=dossier, user=officers["specialist"]) == []
    assert names(engine.available_transitions(dossier=dossier, user=citizen)) == ["withdraw"]
    assert engine.available_transitions(dossier=dossier, user=citizen, actor="officer") == []


def test_the_form_a_transition_needs(tu_ky, offered, citizen, officers):
    dossier = make_dossier(applicant=citizen)
    assert isinstance(engine.transition_form(dossier=dossier, name="refuse_reception"), ReasonForm)
    assert engine.transition_form(dossier=dossier, name="receive") is None
    with pytest.raises(ValidationError) as invalid:
        engine.dossier_transition(
            dossier=dossier, user=officers["receiving_officer"], name="refuse_reception", data={}
        )
    assert invalid.value.message_dict == {"reason": ["Vui lòng ghi rõ lý do."]}
    with pytest.raises(TransitionNotAvailable):
        engine.transition_form(dossier=dossier, name="approve")
    with pytest.raises(TransitionNotAvailable):
        engine.dossier_transition(dossier=dossier, user=citizen, name="delete", data={})


def test_standard_transitions_go_through_their_service(tu_ky, offered, citizen, officers):
    # During working hours: the clock runs, so the supplement request pauses it (a request
    # before the clock starts pauses nothing, whatever time the suite runs at).
    with clock.frozen_at(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=VIETNAM_TZ)):
        dossier = make_dossier(applicant=citizen)
        dossier = engine.dossier_transition(
            dossier=dossier,
            user=officers["receiving_officer"],
            name="request_supplement",
            data={"reason": "Thiếu văn bản ủy quyền"},
            expected_state="submitted",
        )
    assert dossier.state == "supplement_requested"
    assert dossier.pauses.count() == 1  # what the service adds beyond the FSM
    assert dossier.issued_documents.filter(kind="supplement_request").count() == 1
    with pytest.raises(DossierChanged):
        engine.dossier_transition(
            dossier=dossier,
            user=officers["receiving_officer"],
            name="refuse_reception",
            data={"reason": "x"},
            expected_state="submitted",
        )


def test_a_plugin_transition_runs_through_the_generic_engine(tu_ky, offered, citizen, officers):
    dossier = make_dossier(
        applicant=citizen, procedure_code=LAND_CHANGE, state="in_processing", answers=LAND_ANSWERS
    )
    specialist = officers["specialist"]
    available = names(engine.available_transitions(dossier=dossier, user=specialist))
    assert "schedule_field_inspection" in available
    assert "submit_for_approval" not in available  # not before the inspection's findings
    with pytest.raises(PermissionDenied):
        engine.dossier_transition(
            dossier=dossier,
            user=officers["receiving_officer"],
            name="schedule_field_inspection",
            data={"scheduled_for": "20/07/2026"},
        )
    with pytest.raises(ValidationError) as invalid:
        engine.dossier_transition(
            dossier=dossier, user=specialist, name="schedule_field_inspection", data={}
        )
    assert "Vui lòng nhập ngày kiểm tra." in invalid.value.message_dict["scheduled_for"]

    dossier = engine.dossier_transition(
        dossier=dossier,
        user=specialist,
        name="schedule_field_inspection",
        data={"scheduled_for": "20/07/2026", "note": "Đo lại cạnh phía đông"},
        expected_state="in_processing",
    )
    assert dossier.state == "field_inspection"
    assert dossier.get_state_label() == "Đang kiểm tra, đo đạc thực địa"
    dossier = engine.dossier_transition(
        dossier=dossier,
        user=specialist,
        name="record_field_inspection",
        data={"findings": "Diện tích thực tế 152,3 m²"},
    )
    assert dossier.state == "in_processing"
    assert dossier.workflow_data["field_inspection"]["findings"] == "Diện tích thực tế 152,3 m²"
    assert "submit_for_approval" in names(
        engine.available_transitions(dossier=dossier, user=specialist)
    )
    scheduled, recorded = dossier.events.filter(type="transition").order_by("pk")
    assert (scheduled.transition, scheduled.from_state, scheduled.to_state) == (
        "schedule_field_inspection",
        "in_processing",
        "field_inspection",
    )
    assert scheduled.data["label"] == "Kiểm tra, đo đạc thực địa"
    assert scheduled.data["scheduled_for"] == "2026-07-20"
    assert scheduled.note == "Đo lại cạnh phía đông"
    assert recorded.actor_name == "Phạm Thị Dung"
