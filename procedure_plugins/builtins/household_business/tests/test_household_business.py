"""Household-business registration: naming rule, members when a family founds it, local fee."""

from procedure_plugins.registry import register
from procedure_plugins.schema import validate_answers
from workflows.tests.tables import BASE_TABLE
from workflows.workflow_graph import transition_table

from ..plugin import HouseholdBusinessRegistration

GOOD = {
    "ten_ho_kinh_doanh": "Hộ kinh doanh Hoa Mai",
    "dia_diem": {"province": "31", "commune": "11074", "street": "Số 12 chợ Tứ Kỳ"},
    "dien_thoai": "0912345678",
    "nganh_nghe": "5610 - Nhà hàng và các dịch vụ ăn uống phục vụ lưu động",
    "von_kinh_doanh": 150_000_000,
    "so_lao_dong": 3,
    "chu_ho": {
        "ho_ten": "Vũ Thị Mai",
        "ngay_sinh": "08/08/1985",
        "gioi_tinh": "nu",
        "so_dinh_danh": "031185006789",
        "noi_cu_tru": {"province": "31", "commune": "11074", "street": "Thôn Bắc"},
    },
    "thanh_lap_boi": "ca_nhan",
}


def errors(answers):
    schema = HouseholdBusinessRegistration.schema
    return {e.key: e.message for e in validate_answers(schema, answers)}


def test_registered_and_valid():
    assert register.get("2.000720") is HouseholdBusinessRegistration
    assert register.problems(HouseholdBusinessRegistration) == []


def test_a_real_application_validates():
    assert errors(GOOD) == {}


def test_name_must_start_with_ho_kinh_doanh():
    found = errors({**GOOD, "ten_ho_kinh_doanh": "Quán Hoa Mai"})
    assert found == {
        "ten_ho_kinh_doanh": "Tên gồm hai thành tố: “Hộ kinh doanh” và tên riêng, ví dụ: "
        "Hộ kinh doanh Hoa Mai."
    }


def test_family_founders_must_be_listed():
    family = {**GOOD, "thanh_lap_boi": "thanh_vien_ho_gia_dinh"}
    assert errors(family) == {"thanh_vien": "Vui lòng khai ít nhất một mục."}
    members = [{"ho_ten": "Vũ Văn Tùng", "ngay_sinh": "01/01/1980", "so_dinh_danh": "031080001111"}]
    assert errors({**family, "thanh_vien": members}) == {}
    keys = [d.key for d in HouseholdBusinessRegistration.documents_required_for(family)]
    assert keys == ["bien_ban_hop", "van_ban_uy_quyen"]


def test_negative_capital_is_refused():
    assert errors({**GOOD, "von_kinh_doanh": -1}) == {"von_kinh_doanh": "Giá trị nhỏ nhất là 0."}


def test_three_working_days_and_a_fee_a_province_may_lower():
    assert str(HouseholdBusinessRegistration.processing_time) == "3 ngày làm việc"
    assert HouseholdBusinessRegistration.fee_for(GOOD) == 100_000
    assert HouseholdBusinessRegistration.fee_for(GOOD, amount=50_000) == 50_000


def test_transition_table_is_the_standard_lifecycle():
    assert transition_table(HouseholdBusinessRegistration.workflow) == BASE_TABLE
