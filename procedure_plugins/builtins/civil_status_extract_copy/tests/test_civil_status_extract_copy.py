"""Copy of a civil-status extract (seed 004's example)."""

from procedure_plugins.registry import register
from procedure_plugins.schema import validate_answers
from procedure_plugins.templating import render_plugin_template
from workflows.tests.tables import BASE_TABLE
from workflows.workflow_graph import transition_table

from ..plugin import CivilStatusExtractCopy

GOOD = {
    "nguoi_yeu_cau": {
        "ho_ten": "Siu H'Nga",
        "so_dinh_danh": "064188001234",
        "noi_cu_tru": {"province": "52", "commune": "23942", "street": "Làng Ia Pia"},
        "dien_thoai": "+84905123456",
    },
    "quan_he": "ban_than",
    "loai_su_kien": "ket_hon",
    "nguoi_duoc_cap": {"ho_ten": "Siu H'Nga", "ngay_sinh": "02/02/1988"},
    "noi_dang_ky": "UBND xã Ia Hrú, huyện Chư Pưh",
    "so_ban_sao": 3,
}


def errors(answers):
    return {e.key: e.message for e in validate_answers(CivilStatusExtractCopy.schema, answers)}


def test_registered_and_valid():
    assert register.get("2.000635") is CivilStatusExtractCopy
    assert register.problems(CivilStatusExtractCopy) == []


def test_a_real_request_validates():
    assert errors(GOOD) == {}


def test_bad_answers_are_refused_at_the_field():
    found = errors({**GOOD, "so_ban_sao": 0, "loai_su_kien": "ly_hon", "quan_he": "uy_quyen"})
    assert found == {
        "so_ban_sao": "Giá trị nhỏ nhất là 1.",
        "loai_su_kien": "Vui lòng chọn một phương án trong danh sách.",
        "uy_quyen_so": "Vui lòng nhập thông tin này.",
    }
    assert "nguoi_yeu_cau.noi_cu_tru.commune" in errors(
        {
            **GOOD,
            "nguoi_yeu_cau": {
                **GOOD["nguoi_yeu_cau"],
                "noi_cu_tru": {"province": "31", "commune": "23942", "street": "x"},
            },
        }
    )


def test_purposes_are_a_multiple_choice():
    assert errors({**GOOD, "muc_dich": ["hoc_tap", "nha_dat"]}) == {}
    assert errors({**GOOD, "muc_dich": ["du_lich"]}) == {
        "muc_dich": "Vui lòng chọn một phương án trong danh sách."
    }


def test_fee_is_per_copy():
    assert CivilStatusExtractCopy.fee_for(GOOD) == 24_000
    assert CivilStatusExtractCopy.fee.describe().startswith("8.000 đồng/bản")


def test_authorisation_letter_only_when_authorised():
    assert [d.key for d in CivilStatusExtractCopy.documents_required_for(GOOD)] == []
    authorised = {**GOOD, "quan_he": "uy_quyen"}
    keys = [d.key for d in CivilStatusExtractCopy.documents_required_for(authorised)]
    assert keys == ["van_ban_uy_quyen"]


def test_transition_table_is_the_standard_lifecycle():
    assert transition_table(CivilStatusExtractCopy.workflow) == BASE_TABLE


def test_result_template_renders():
    html = render_plugin_template(
        CivilStatusExtractCopy, "civil_status_extract_copy/result.html", {"answers": GOOD}
    )
    assert "SIU H&#x27;NGA" in html or "SIU H'NGA" in html
