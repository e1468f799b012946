"""Birth registration: the form accepts a real declaration and refuses bad ones."""

import pytest

from procedure_plugins.registry import register
from procedure_plugins.schema import validate_answers
from procedure_plugins.templating import render_plugin_template
from workflows.tests.tables import BASE_TABLE
from workflows.workflow_graph import transition_table

from ..plugin import BirthRegistration

ADDRESS = {"province": "31", "commune": "11074", "street": "Thôn Đông, xã Tứ Kỳ"}
MOTHER = {
    "ho_ten": "Phạm Thị Hoa",
    "ngay_sinh": "12/03/1995",
    "dan_toc": "Kinh",
    "quoc_tich": "Việt Nam",
    "so_dinh_danh": "031195004321",
    "noi_cu_tru": ADDRESS,
}
GOOD = {
    "nguoi_yeu_cau": {
        "ho_ten": "Phạm Thị Hoa",
        "so_dinh_danh": "031195004321",
        "quan_he": "cha_me",
        "dien_thoai": "0912345678",
    },
    "tre": [
        {
            "ho_ten": "Nguyễn Minh An",
            "ngay_sinh": "01/10/2025",
            "gioi_tinh": "nam",
            "dan_toc": "Kinh",
            "quoc_tich": "Việt Nam",
            "noi_sinh": "Trung tâm Y tế huyện Tứ Kỳ",
            "que_quan": "Xã Tứ Kỳ, thành phố Hải Phòng",
        }
    ],
    "me": MOTHER,
    "xac_dinh_cha": False,
    "cha_me_da_dang_ky_ket_hon": False,
    "mang_thai_ho": False,
    "so_ban_sao": 2,
}


def errors(answers):
    return {e.key: e.message for e in validate_answers(BirthRegistration.schema, answers)}


def test_registered_under_its_national_code_and_valid():
    assert register.get("1.001193") is BirthRegistration
    assert register.problems(BirthRegistration) == []


def test_a_real_declaration_validates():
    assert errors(GOOD) == {}


def test_twins_are_declared_in_one_form():
    twins = {**GOOD, "tre": [GOOD["tre"][0], {**GOOD["tre"][0], "ho_ten": "Nguyễn Minh Anh"}]}
    assert errors(twins) == {}


def test_father_is_required_once_known():
    found = errors({**GOOD, "xac_dinh_cha": True})
    assert found == {"cha": "Vui lòng nhập thông tin này."}
    father = {**MOTHER, "ho_ten": "Nguyễn Văn Bình", "so_dinh_danh": "031093001111"}
    assert errors({**GOOD, "xac_dinh_cha": True, "cha": father}) == {}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"tre": [{**GOOD["tre"][0], "ngay_sinh": "01/10/2099"}]}, "tre.0.ngay_sinh", "chưa tới"),
        ({"tre": [{**GOOD["tre"][0], "gioi_tinh": "x"}]}, "tre.0.gioi_tinh", "trong danh sách"),
        ({"tre": []}, "tre", "ít nhất 1 mục"),
        ({"so_ban_sao": 11}, "so_ban_sao", "lớn nhất là 10"),
        ({"me": {**MOTHER, "so_dinh_danh": "0311950043"}}, "me.so_dinh_danh", "12 chữ số"),
    ],
)
def test_bad_answers_are_refused_at_the_field(change, field, message):
    found = errors({**GOOD, **change})
    assert message in found[field]


def test_transition_table_is_the_standard_lifecycle():
    assert transition_table(BirthRegistration.workflow) == BASE_TABLE


def test_fee_free_registration_and_paid_copies():
    assert BirthRegistration.fee_for({**GOOD, "so_ban_sao": 0}) == 0
    assert BirthRegistration.fee_for(GOOD) == 16_000


def test_documents_depend_on_the_answers():
    keys = [d.key for d in BirthRegistration.documents_required_for(GOOD)]
    assert keys == ["giay_chung_sinh"]
    married_surrogacy = {**GOOD, "cha_me_da_dang_ky_ket_hon": True, "mang_thai_ho": True}
    keys = [d.key for d in BirthRegistration.documents_required_for(married_surrogacy)]
    assert keys == ["giay_chung_sinh", "van_ban_mang_thai_ho", "giay_chung_nhan_ket_hon"]


def test_result_template_renders_the_answers():
    html = render_plugin_template(
        BirthRegistration, BirthRegistration.result_templates["giay_khai_sinh"], {"answers": GOOD}
    )
    assert "NGUYỄN MINH AN" in html and "Phạm Thị Hoa" in html and "Giấy khai sinh" in html
