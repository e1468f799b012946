"""Giấy đề nghị đăng ký hộ kinh doanh, as a form schema."""

from procedure_plugins.schema.fields import (
    address,
    choice,
    date,
    email,
    form,
    group,
    id_number,
    long_text,
    number,
    phone,
    repeat,
    text,
    when,
)

FOUNDED_BY = {
    "ca_nhan": "Một cá nhân",
    "thanh_vien_ho_gia_dinh": "Các thành viên hộ gia đình",
}
SEX = {"nam": "Nam", "nu": "Nữ"}

NAME_PATTERN = r"^(Hộ|HỘ|hộ) (kinh|Kinh|KINH) (doanh|Doanh|DOANH) \S.*$"

MEMBER = group(
    "Thành viên hộ gia đình",
    {
        "ho_ten": text("Họ, chữ đệm, tên", max_length=100),
        "ngay_sinh": date("Ngày, tháng, năm sinh", not_future=True, min_age=18),
        "so_dinh_danh": id_number(),
    },
    required=["ho_ten", "ngay_sinh", "so_dinh_danh"],
)

SCHEMA = form(
    "Giấy đề nghị đăng ký hộ kinh doanh",
    {
        "ten_ho_kinh_doanh": text(
            "Tên hộ kinh doanh",
            max_length=200,
            pattern=NAME_PATTERN,
            pattern_error=(
                "Tên gồm hai thành tố: “Hộ kinh doanh” và tên riêng, ví dụ: Hộ kinh doanh Hoa Mai."
            ),
            placeholder="Hộ kinh doanh Hoa Mai",
        ),
        "dia_diem": address("Địa điểm kinh doanh"),
        "dien_thoai": phone(prefill="phone"),
        "email": email(prefill="email"),
        "nganh_nghe": long_text(
            "Ngành, nghề kinh doanh",
            max_length=1000,
            rows=3,
            help="Ghi theo Hệ thống ngành kinh tế Việt Nam, ví dụ: 5610 - Nhà hàng và các dịch vụ "
            "ăn uống phục vụ lưu động.",
        ),
        "von_kinh_doanh": number("Vốn kinh doanh", minimum=0, unit="đồng"),
        "so_lao_dong": number("Số lao động (dự kiến)", minimum=0, maximum=10000, unit="người"),
        "chu_ho": group(
            "Chủ hộ kinh doanh",
            {
                "ho_ten": text("Họ, chữ đệm, tên", max_length=100, prefill="full_name"),
                "ngay_sinh": date(
                    "Ngày, tháng, năm sinh", not_future=True, min_age=18, prefill="date_of_birth"
                ),
                "gioi_tinh": choice("Giới tính", SEX),
                "so_dinh_danh": id_number(prefill="id_number"),
                "noi_cu_tru": address("Nơi cư trú", prefill="address"),
            },
            required=["ho_ten", "ngay_sinh", "gioi_tinh", "so_dinh_danh", "noi_cu_tru"],
        ),
        "thanh_lap_boi": choice("Hộ kinh doanh do ai thành lập", FOUNDED_BY),
        "thanh_vien": repeat(
            "Các thành viên hộ gia đình tham gia",
            MEMBER,
            min_items=1,
            max_items=20,
            add_label="Thêm một thành viên",
            item_title="Thành viên",
        ),
    },
    required=[
        "ten_ho_kinh_doanh",
        "dia_diem",
        "dien_thoai",
        "nganh_nghe",
        "von_kinh_doanh",
        "chu_ho",
        "thanh_lap_boi",
    ],
    conditions=[when("thanh_lap_boi", "thanh_vien_ho_gia_dinh", require=["thanh_vien"])],
)
