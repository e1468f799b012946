"""Land-change registration: its form, and the field inspection its workflow adds."""

import pytest
from django_fsm import TransitionNotAllowed, can_proceed

from procedure_plugins.registry import register
from procedure_plugins.schema import validate_answers
from workflows.models import Dossier
from workflows.tests.tables import BASE_TABLE
from workflows.workflow_graph import graph_problems, transition_table, transitions_of

from ..plugin import LandChangeRegistration
from ..workflow import LandChangeDossier

#: What the proxy adds to the standard lifecycle.
FIELD_INSPECTION_ROWS = [
    ("field_inspection", "record_field_inspection", "in_processing"),
    ("field_inspection", "refuse", "refused"),
    ("field_inspection", "stop_processing", "stopped"),
    ("field_inspection", "withdraw", "withdrawn"),
    ("in_processing", "schedule_field_inspection", "field_inspection"),
]

PARCEL = {
    "so_thua": "125",
    "to_ban_do": "07",
    "dia_chi": {"province": "31", "commune": "11074", "street": "Cánh đồng Đông"},
    "dien_tich": 120.5,
    "so_giay_chung_nhan": "CS 123456",
}
GOOD = {
    "nguoi_su_dung": {
        "loai": "ca_nhan",
        "ho_ten": "Hoàng Văn Đức",
        "so_dinh_danh": "031075002222",
        "dia_chi": {"province": "31", "commune": "11074", "street": "Thôn Nam"},
        "dien_thoai": "0904111222",
    },
    "thua_dat": PARCEL,
    "loai_bien_dong": "thay_doi_dien_tich",
    "noi_dung": "Diện tích 120,5 m² → 112 m² do sạt lở bờ sông.",
    "de_nghi_cap_moi": False,
}


def errors(answers):
    return {e.key: e.message for e in validate_answers(LandChangeRegistration.schema, answers)}


def test_registered_and_valid():
    assert register.get("1.004227") is LandChangeRegistration
    assert register.problems(LandChangeRegistration) == []
    assert graph_problems(LandChangeDossier) == []


def test_a_real_application_validates():
    assert errors(GOOD) == {}


def test_a_transfer_needs_the_receiving_party_and_the_contract():
    transfer = {**GOOD, "loai_bien_dong": "tang_cho"}
    assert errors(transfer) == {"ben_nhan": "Vui lòng nhập thông tin này."}
    keys = [d.key for d in LandChangeRegistration.documents_required_for(transfer)]
    assert keys == ["giay_chung_nhan", "hop_dong_chuyen_quyen"]


def test_an_organisation_gives_its_business_code_instead_of_an_id_number():
    organisation = {
        **GOOD,
        "nguoi_su_dung": {**GOOD["nguoi_su_dung"], "loai": "to_chuc", "so_dinh_danh": None},
    }
    del organisation["nguoi_su_dung"]["so_dinh_danh"]
    assert errors(organisation) == {
        "nguoi_su_dung.ma_so_doanh_nghiep": "Vui lòng nhập thông tin này."
    }


def test_bad_area_is_refused():
    found = errors({**GOOD, "thua_dat": {**PARCEL, "dien_tich": 0}})
    assert found == {"thua_dat.dien_tich": "Giá trị nhỏ nhất là 0.1."}


def test_full_transition_table_adds_the_field_inspection():
    assert transition_table(LandChangeDossier) == sorted(BASE_TABLE + FIELD_INSPECTION_ROWS)
    labels = {row.name: row.label for row in transitions_of(LandChangeDossier)}
    assert labels["schedule_field_inspection"] == "Kiểm tra, đo đạc thực địa"
    assert LandChangeDossier.state_labels()["field_inspection"] == "Đang kiểm tra, đo đạc thực địa"


def test_ten_working_days_overridable_up_to_twenty():
    assert str(LandChangeRegistration.processing_time) == "10 ngày làm việc"
    assert LandChangeRegistration.processing_time_limits == (3, 20)


@pytest.fixture
def land_dossier(tu_ky):
    from identity.tests.factories import make_user

    def make(answers):
        dossier = Dossier.objects.create(
            procedure_code="1.004227",
            plugin_version=1,
            applicant=make_user(),
            answers=answers,
            state="in_processing",
        )
        return dossier.as_workflow()

    return make


def test_change_on_the_ground_waits_for_the_inspection(land_dossier):
    dossier = land_dossier(GOOD)
    assert isinstance(dossier, LandChangeDossier)
    assert not can_proceed(dossier.submit_for_approval)
    with pytest.raises(TransitionNotAllowed):
        dossier.submit_for_approval()
    dossier.schedule_field_inspection()
    dossier.save()
    assert Dossier.objects.get(pk=dossier.pk).state == "field_inspection"
    dossier.record_field_inspection(findings="Đo lại: 112,0 m², mốc giới phía Đông sạt lở.")
    dossier.submit_for_approval()
    dossier.save()
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.state == "awaiting_approval"
    assert stored.workflow_data["field_inspection"]["findings"].startswith("Đo lại")


def test_a_transfer_goes_to_approval_without_inspection(land_dossier):
    dossier = land_dossier({**GOOD, "loai_bien_dong": "chuyen_nhuong"})
    assert not can_proceed(dossier.schedule_field_inspection)
    dossier.submit_for_approval()
    assert dossier.state == "awaiting_approval"


def test_citizen_may_withdraw_during_the_inspection(land_dossier):
    dossier = land_dossier(GOOD)
    dossier.schedule_field_inspection()
    dossier.withdraw()
    assert dossier.state == "withdrawn"
