"""Certifying copies: the fee is computed from the form, page by page."""

import pytest

from procedure_plugins.registry import register
from procedure_plugins.schema import validate_answers
from workflows.tests.tables import BASE_TABLE
from workflows.workflow_graph import transition_table

from ..plugin import CertifiedCopy, certification_fee, fee_per_copy

GOOD = {
    "loai_nguoi_yeu_cau": "ca_nhan",
    "ho_ten": "Đỗ Quang Huy",
    "so_dinh_danh": "031200009876",
    "dien_thoai": "0388123456",
    "giay_to": [
        {"ten_giay_to": "Bằng tốt nghiệp THPT", "so_trang": 1, "so_ban": 3},
        {"ten_giay_to": "Học bạ THPT", "so_trang": 12, "so_ban": 2},
    ],
}


def errors(answers):
    return {e.key: e.message for e in validate_answers(CertifiedCopy.schema, answers)}


def test_registered_valid_and_open_to_organisations():
    assert register.get("2.000815") is CertifiedCopy
    assert register.problems(CertifiedCopy) == []
    assert "to-chuc" in CertifiedCopy.applicant_types


def test_a_real_request_validates():
    assert errors(GOOD) == {}


def test_organisation_must_name_itself():
    found = errors({**GOOD, "loai_nguoi_yeu_cau": "to_chuc"})
    assert found == {"ten_to_chuc": "Vui lòng nhập thông tin này."}


def test_bad_rows_are_refused_in_their_row():
    bad = {**GOOD, "giay_to": [GOOD["giay_to"][0], {"ten_giay_to": "", "so_trang": 0}]}
    found = errors(bad)
    assert found["giay_to.1.so_trang"] == "Giá trị nhỏ nhất là 1."
    assert found["giay_to.1.so_ban"] == "Vui lòng nhập thông tin này."


@pytest.mark.parametrize(
    ("pages", "fee"), [(1, 2_000), (2, 4_000), (3, 5_000), (12, 14_000), (500, 200_000)]
)
def test_fee_per_copy_follows_circular_226_2016(pages, fee):
    assert fee_per_copy(pages) == fee


def test_fee_of_the_whole_request():
    # 3 copies of a 1-page diploma (3 × 2.000) + 2 copies of a 12-page record (2 × 14.000).
    assert certification_fee(GOOD) == 34_000
    assert CertifiedCopy.fee_for(GOOD) == 34_000
    assert CertifiedCopy.fee_for({}) == 0


def test_transition_table_is_the_standard_lifecycle():
    assert transition_table(CertifiedCopy.workflow) == BASE_TABLE
