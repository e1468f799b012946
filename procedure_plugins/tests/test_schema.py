"""Form schemas as data: validation with Vietnamese messages at the field, reading a POST."""

from __future__ import annotations

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from procedure_plugins.schema import SchemaForm, initial_answers, schema_problems, validate_answers
from procedure_plugins.schema.fields import (
    address,
    choice,
    date,
    email,
    form,
    group,
    id_number,
    long_text,
    multiple_choice,
    number,
    phone,
    repeat,
    text,
    when,
    yes_no,
)

SCHEMA = form(
    "Đơn thử mọi loại trường",
    {
        "ho_ten": text("Họ và tên", max_length=20, prefill="full_name"),
        "ghi_chu": long_text("Ghi chú", max_length=30),
        "so_trang": number("Số trang", minimum=1, maximum=10),
        "ngay_sinh": date("Ngày sinh", not_future=True, min_age=18, prefill="date_of_birth"),
        "gioi_tinh": choice("Giới tính", {"nam": "Nam", "nu": "Nữ"}),
        "muc_dich": multiple_choice("Mục đích", {"hoc": "Học tập", "lam": "Việc làm"}),
        "co_con": yes_no("Có con chung?"),
        "so_dinh_danh": id_number(prefill="id_number"),
        "dien_thoai": phone(prefill="phone"),
        "email": email(prefill="email"),
        "dia_chi": address("Địa chỉ", prefill="address"),
        "con": repeat(
            "Các con",
            group("Con", {"ten": text("Tên con")}, required=["ten"]),
            min_items=1,
            max_items=3,
            add_label="Thêm một con",
        ),
    },
    required=["ho_ten", "ngay_sinh", "gioi_tinh", "muc_dich", "co_con", "so_dinh_danh"],
    conditions=[when("co_con", True, require=["con"])],
)

GOOD = {
    "ho_ten": "Nguyễn Văn An",
    "so_trang": 3,
    "ngay_sinh": "05/09/1990",
    "gioi_tinh": "nam",
    "muc_dich": ["hoc"],
    "co_con": True,
    "so_dinh_danh": "031090012345",
    "dien_thoai": "0912345678",
    "email": "an@example.com",
    "dia_chi": {"province": "31", "commune": "11074", "street": "Thôn Đông"},
    "con": [{"ten": "Bình"}],
}


def errors(answers: dict) -> dict[str, str]:
    return {e.key: e.message for e in validate_answers(SCHEMA, answers)}


def test_the_schema_itself_is_valid_json_schema():
    assert schema_problems(SCHEMA) == []
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_good_answers_validate():
    assert errors(GOOD) == {}


def test_missing_required_fields_are_reported_at_each_field():
    found = errors({"co_con": True})
    assert found["ho_ten"] == "Vui lòng nhập thông tin này."
    assert found["gioi_tinh"] == "Vui lòng chọn một phương án."
    assert found["con"] == "Vui lòng khai ít nhất một mục."
    assert "" not in found  # nothing left at the form level


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ho_ten", "x" * 21, "Không quá 20 ký tự (hiện có 21)."),
        ("so_trang", 0, "Giá trị nhỏ nhất là 1."),
        ("so_trang", 11, "Giá trị lớn nhất là 10."),
        ("so_trang", "ba", "Vui lòng nhập một số nguyên, chỉ gồm chữ số."),
        ("ngay_sinh", "31/02/1990", "Ngày không hợp lệ."),
        ("ngay_sinh", "1990-09-05", "dd/mm/yyyy"),
        ("gioi_tinh", "khac", "Vui lòng chọn một phương án trong danh sách."),
        ("muc_dich", [], "Vui lòng chọn ít nhất 1 mục."),
        ("muc_dich", ["hoc", "hoc"], "Có mục bị trùng lặp."),
        ("co_con", "co", "Vui lòng chọn Có hoặc Không."),
        ("so_dinh_danh", "12345", "12 chữ số"),
        ("so_dinh_danh", "99909001234", "12 chữ số"),
        ("so_dinh_danh", "999090012345", "ba chữ số đầu phải là mã tỉnh"),
        ("dien_thoai", "0123", "Số điện thoại gồm 10 chữ số"),
        ("email", "an@", "Địa chỉ thư điện tử không hợp lệ"),
    ],
)
def test_each_validator_failure_has_a_vietnamese_message_at_the_field(field, value, message):
    found = errors({**GOOD, field: value})
    assert message in found[field]
    assert set(found) == {field}


def test_dates_in_the_future_and_too_young_are_refused():
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    assert "không được sau ngày hôm nay" in errors({**GOOD, "ngay_sinh": tomorrow})["ngay_sinh"]
    seventeen = timezone.localdate().replace(year=timezone.localdate().year - 17)
    found = errors({**GOOD, "ngay_sinh": seventeen.strftime("%d/%m/%Y")})
    assert found["ngay_sinh"] == "Chưa đủ 18 tuổi tính đến hôm nay."


def test_address_checks_province_and_commune_against_the_official_list():
    wrong_province = {**GOOD, "dia_chi": {**GOOD["dia_chi"], "province": "99"}}
    assert "không có trong danh mục" in errors(wrong_province)["dia_chi.province"]
    # Xã Chư Pưh (Gia Lai) is not a commune of Hải Phòng.
    elsewhere = {**GOOD, "dia_chi": {**GOOD["dia_chi"], "commune": "23942"}}
    assert "không thuộc tỉnh, thành phố đã chọn" in errors(elsewhere)["dia_chi.commune"]
    empty = {**GOOD, "dia_chi": {"province": "31"}}
    assert errors(empty)["dia_chi.commune"] == "Vui lòng chọn và nhập đủ địa chỉ."


def test_conditional_field_is_required_only_when_its_condition_holds():
    assert errors({**GOOD, "co_con": True, "con": []})["con"] == "Vui lòng khai ít nhất 1 mục."
    without = {key: value for key, value in GOOD.items() if key != "con"}
    assert errors({**without, "co_con": False}) == {}


def test_repeatable_group_reports_errors_in_each_row():
    found = errors({**GOOD, "con": [{"ten": "Bình"}, {}]})
    assert found == {"con.1.ten": "Vui lòng nhập thông tin này."}
    assert "Tối đa 3 mục." in errors({**GOOD, "con": [{"ten": "A"}] * 4})["con"]


def test_unknown_answers_are_refused():
    assert errors({**GOOD, "hacked": "1"})[""] == "Có thông tin không thuộc biểu mẫu này."


def post(**fields) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in fields.items():
        if isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = value
    return data


FILLED = {
    "ho_ten": "  Nguyễn Văn An ",
    "so_trang": "3",
    "ngay_sinh": "05/09/1990",
    "gioi_tinh": "nam",
    "muc_dich": ["hoc", "lam"],
    "co_con": "true",
    "so_dinh_danh": "031 090 012 345",
    "dien_thoai": "0912.345.678",
    "email": "an@example.com",
    "dia_chi.province": "31",
    "dia_chi.commune": "11074",
    "dia_chi.street": "Thôn Đông",
    "con.__rows": "2",
    "con.0.ten": "Bình",
    "con.1.ten": "",
}


def test_a_post_is_read_by_type_and_cleaned():
    schema_form = SchemaForm(SCHEMA, data=post(**FILLED))
    assert schema_form.is_valid(), schema_form.errors
    assert schema_form.answers == {
        "ho_ten": "Nguyễn Văn An",
        "so_trang": 3,
        "ngay_sinh": "05/09/1990",
        "gioi_tinh": "nam",
        "muc_dich": ["hoc", "lam"],
        "co_con": True,
        "so_dinh_danh": "031090012345",
        "dien_thoai": "0912345678",
        "email": "an@example.com",
        "dia_chi": {"province": "31", "commune": "11074", "street": "Thôn Đông"},
        "con": [{"ten": "Bình"}],
    }


def test_answers_of_a_condition_that_does_not_hold_are_dropped():
    schema_form = SchemaForm(SCHEMA, data=post(**{**FILLED, "co_con": "false"}))
    assert schema_form.is_valid()
    assert "con" not in schema_form.answers


def test_bad_input_comes_back_as_typed_with_the_error_at_the_field():
    schema_form = SchemaForm(SCHEMA, data=post(**{**FILLED, "so_trang": "ba trang"}))
    assert not schema_form.is_valid()
    assert schema_form.errors == {"so_trang": ["Vui lòng nhập một số nguyên, chỉ gồm chữ số."]}
    node = next(n for n in schema_form.nodes if n.name == "so_trang")
    assert node.value_text == "ba trang"
    assert node.errors and node.described_by == "f-so_trang-error"
    assert schema_form.error_summary == [
        ("Số trang", "Vui lòng nhập một số nguyên, chỉ gồm chữ số.", "#f-so_trang")
    ]
    empty_extra_row = SchemaForm(
        SCHEMA, data=post(**{**FILLED, "con.__rows": "2", "con.1.ten": ""})
    )
    no_commune = SchemaForm(SCHEMA, data=post(**{**FILLED, "dia_chi.commune": ""}))
    assert empty_extra_row.is_valid()  # an untouched extra row is dropped
    assert no_commune.error_summary == [
        ("Địa chỉ › Xã, phường, đặc khu", "Vui lòng chọn và nhập đủ địa chỉ.", "#f-dia_chi-commune")
    ]


def test_add_and_remove_rows_without_validating():
    added = SchemaForm(SCHEMA, data=post(**FILLED, _action="add:con"))
    assert added.action and not added.is_valid() and added.error_list == []
    assert added.answers["con"] == [{"ten": "Bình"}, {}]
    removed = SchemaForm(
        SCHEMA,
        data=post(**{**FILLED, "con.__rows": "2", "con.1.ten": "An"}, _action="remove:con.0"),
    )
    assert removed.answers["con"] == [{"ten": "An"}]


def test_tampered_row_count_is_capped():
    schema_form = SchemaForm(SCHEMA, data=post(**{**FILLED, "con.__rows": "100000"}))
    assert schema_form.answers["con"] == [{"ten": "Bình"}]


def test_rendered_nodes_carry_labels_options_and_conditions():
    nodes = {n.name: n for n in SchemaForm(SCHEMA, initial=GOOD).nodes}
    assert nodes["ngay_sinh"].attrs["placeholder"] == "dd/mm/yyyy"
    assert nodes["gioi_tinh"].options == [("nam", "Nam", True), ("nu", "Nữ", False)]
    assert nodes["con"].show_if == ("co_con", "true")
    assert nodes["con"].condition_text == "Khai khi “Có con chung?” là “Có”."
    commune = nodes["dia_chi"].children[1]
    assert ("11074", "Xã Tứ Kỳ", True) in commune.options
    assert nodes["ho_ten"].required and not nodes["ghi_chu"].required


@pytest.mark.django_db
def test_prefill_from_the_citizens_profile():
    from identity.tests.factories import make_user

    user = make_user(
        full_name="Trần Thị Bình",
        date_of_birth=datetime.date(1992, 3, 4),
        id_number="031192000777",
        phone="0987654321",
        email="binh@example.com",
        address="Số 5 đường Trần Phú",
    )
    assert initial_answers(SCHEMA, user) == {
        "ho_ten": "Trần Thị Bình",
        "ngay_sinh": "04/03/1992",
        "so_dinh_danh": "031192000777",
        "dien_thoai": "0987654321",
        "email": "binh@example.com",
        "dia_chi": {"street": "Số 5 đường Trần Phú"},
    }


def test_no_prefill_for_anonymous_visitors():
    from django.contrib.auth.models import AnonymousUser

    assert initial_answers(SCHEMA, AnonymousUser()) == {}
