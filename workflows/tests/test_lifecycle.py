"""The standard one-stop-desk lifecycle of the base Dossier (workflows/workflow.py)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django_fsm import ConcurrentTransition, TransitionNotAllowed, can_proceed, has_transition_perm

from workflows.models import Dossier
from workflows.states import DossierState
from workflows.workflow_graph import graph_problems, transition_table, transitions_of

from .tables import BASE_TABLE

#: Who runs each transition, the label they see and the form it needs.
BASE_ACTORS = {
    "approve": ("HasRole(leader)", "Phê duyệt, ký kết quả", "ApprovalForm"),
    "forward_for_processing": ("HasRole(receiving_officer)", "Chuyển xử lý", "NoteForm"),
    "hand_over": ("HasRole(specialist)", "Chuyển liên thông", "HandOverForm"),
    "receive": ("HasRole(receiving_officer)", "Tiếp nhận hồ sơ", ""),
    "refuse": ("HasRole(leader)", "Từ chối giải quyết", "ReasonForm"),
    "refuse_reception": ("HasRole(receiving_officer)", "Từ chối tiếp nhận", "ReasonForm"),
    "request_supplement": (
        "HasRole(receiving_officer)",
        "Yêu cầu bổ sung hồ sơ",
        "SupplementRequestForm",
    ),
    "resubmit": ("IsApplicant()", "Nộp bổ sung hồ sơ", ""),
    "return_result": ("HasRole(returning_officer)", "Trả kết quả", "ReturnResultForm"),
    "send_back": ("HasRole(leader)", "Trả lại chuyên viên", "ReasonForm"),
    "stop_processing": ("HasRole(leader)", "Dừng giải quyết hồ sơ", "StopForm"),
    "submit": ("IsApplicant()", "Nộp hồ sơ", ""),
    "submit_for_approval": ("HasRole(specialist)", "Trình lãnh đạo phê duyệt", "NoteForm"),
    "take_back": ("HasRole(specialist)", "Nhận lại hồ sơ liên thông", "NoteForm"),
    "transfer_to_competent_unit": (
        "HasRole(receiving_officer)",
        "Chuyển đơn vị có thẩm quyền",
        "",
    ),
    "withdraw": ("IsApplicant()", "Rút hồ sơ", "WithdrawForm"),
}


def test_full_transition_table():
    assert transition_table(Dossier) == BASE_TABLE


def test_who_sees_what_and_which_form():
    actors = {row.name: (row.permission, row.label, row.form) for row in transitions_of(Dossier)}
    assert actors == BASE_ACTORS


def test_the_lifecycle_is_well_formed():
    assert graph_problems(Dossier) == []
    assert Dossier.end_states() == {"returned", "withdrawn", "refused", "stopped"}
    assert Dossier.state_labels()["supplement_requested"] == "Chờ công dân bổ sung hồ sơ"


@pytest.fixture
def citizen(db):
    from identity.tests.factories import make_user

    return make_user()


@pytest.fixture
def officer_of(db):
    """An account holding `role` in one locality's schema only."""
    from django_tenants.utils import schema_context

    from identity.tests.factories import make_user
    from staff.models import GroupMembership
    from staff.roles import role_group

    def make(locality, role):
        user = make_user()
        with schema_context(locality.schema_name):
            GroupMembership.objects.create(user=user, group=role_group(role))
        return user

    return make


def dossier(applicant, **fields) -> Dossier:
    fields.setdefault("answers", {"ho_ten": "Nguyễn Văn An"})
    return Dossier.objects.create(
        procedure_code="1.001193", plugin_version=1, applicant=applicant, **fields
    )


def test_walk_the_happy_path(tu_ky, citizen):
    item = dossier(citizen)
    for step in (
        "submit",
        "receive",
        "forward_for_processing",
        "hand_over",
        "take_back",
        "submit_for_approval",
        "send_back",
        "submit_for_approval",
        "approve",
        "return_result",
    ):
        getattr(item, step)()
        item.save()
    item.refresh_from_db()
    assert item.state == DossierState.RETURNED
    assert item.is_finished
    assert item.get_state_label() == "Đã trả kết quả"


def test_supplement_round_trip_and_refusal(tu_ky, citizen):
    item = dossier(citizen, state=DossierState.SUBMITTED)
    item.request_supplement()
    item.resubmit()
    item.refuse_reception()
    assert item.state == DossierState.REFUSED
    with pytest.raises(TransitionNotAllowed):
        item.withdraw()


def test_a_blank_dossier_cannot_be_submitted(tu_ky, citizen):
    item = dossier(citizen, answers={})
    assert not can_proceed(item.submit)
    with pytest.raises(TransitionNotAllowed):
        item.submit()


def test_state_cannot_be_set_by_hand(tu_ky, citizen):
    item = dossier(citizen)
    with pytest.raises(AttributeError, match="Direct state modification is not allowed"):
        item.state = DossierState.RETURNED


def test_permissions_follow_the_role_in_this_locality_only(
    tu_ky, chu_puh, citizen, officer_of, use_locality
):
    officer = officer_of(tu_ky, "receiving_officer")
    leader_elsewhere = officer_of(chu_puh, "leader")
    stranger = officer_of(chu_puh, "receiving_officer")
    item = dossier(citizen, state=DossierState.SUBMITTED)
    assert has_transition_perm(item.receive, officer)
    assert not has_transition_perm(item.receive, citizen)
    # An officer of Chư Pưh holds nothing in Tứ Kỳ.
    assert not has_transition_perm(item.receive, stranger)
    assert has_transition_perm(item.withdraw, citizen)
    assert not has_transition_perm(item.withdraw, officer)
    item.receive()
    item.forward_for_processing()
    item.submit_for_approval()
    assert not has_transition_perm(item.approve, leader_elsewhere)
    # In Chư Pưh it is the other way round.
    use_locality(chu_puh)
    there = dossier(citizen, state=DossierState.SUBMITTED)
    assert has_transition_perm(there.receive, stranger)
    assert not has_transition_perm(there.receive, officer)
    labels = [t.custom["label"] for t in there.get_available_user_state_transitions(stranger)]
    assert sorted(str(label) for label in labels) == [
        "Tiếp nhận hồ sơ",
        "Từ chối tiếp nhận",
        "Yêu cầu bổ sung hồ sơ",
    ]


def test_two_officers_at_once_exactly_one_wins(tu_ky, citizen):
    item = dossier(citizen, state=DossierState.SUBMITTED)
    first = Dossier.objects.get(pk=item.pk)
    second = Dossier.objects.get(pk=item.pk)
    first.receive()
    first.save()
    second.request_supplement()
    # Service functions run in a transaction; the loser's changes roll back with it.
    with pytest.raises(ConcurrentTransition), transaction.atomic():
        second.save()
    item.refresh_from_db()
    assert item.state == DossierState.RECEIVED


def test_dossier_opens_as_its_plugins_workflow(tu_ky, citizen):
    from procedure_plugins.builtins.birth_registration.workflow import BirthRegistrationDossier

    item = dossier(citizen)
    workflow = item.as_workflow()
    assert type(workflow) is BirthRegistrationDossier
    assert workflow.pk == item.pk and workflow.state == item.state
    workflow.submit()
    workflow.save()
    assert Dossier.objects.get(pk=item.pk).state == DossierState.SUBMITTED
