"""Giấy đề nghị đăng ký hộ kinh doanh, as a form schema."""

from django.utils.translation import gettext_noop as _

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
    "ca_nhan": _("Một cá nhân"),
    "thanh_vien_ho_gia_dinh": _("Các thành viên hộ gia đình"),
}
SEX = {"nam": _("Nam"), "nu": _("Nữ")}

NAME_PATTERN = r"^(Hộ|HỘ|hộ) (kinh|Kinh|KINH) (doanh|Doanh|DOANH) \S.*$"

MEMBER = group(
    _("Thành viên hộ gia đình"),
    {
        "ho_ten": text(_("Họ, chữ đệm, tên"), max_length=100),
        "ngay_sinh": date(_("Ngày, tháng, năm sinh"), not_future=True, min_age=18),
        "so_dinh_danh": id_number(),
    },
    required=["ho_ten", "ngay_sinh", "so_dinh_danh"],
)

SCHEMA = form(
    _("Giấy đề nghị đăng ký hộ kinh doanh"),
    {
        "ten_ho_kinh_doanh": text(
            _("Tên hộ kinh doanh"),
            max_length=200,
            pattern=NAME_PATTERN,
            pattern_error=(
                _(
                    "Tên gồm hai thành tố: “Hộ kinh doanh” và tên riêng, ví dụ: Hộ kinh doanh "
                    "Hoa Mai."
                )
            ),
            placeholder=_("Hộ kinh doanh Hoa Mai"),
        ),
        "dia_diem": address(_("Địa điểm kinh doanh")),
        "dien_thoai": phone(prefill="phone"),
        "email": email(prefill="email"),
        "nganh_nghe": long_text(
            _("Ngành, nghề kinh doanh"),
            max_length=1000,
            rows=3,
            help=_(
                "Ghi theo Hệ thống ngành kinh tế Việt Nam, ví dụ: 5610 - Nhà hàng và các dịch vụ "
                "ăn uống phục vụ lưu động."
            ),
        ),
        "von_kinh_doanh": number(_("Vốn kinh doanh"), minimum=0, unit=_("đồng")),
        "so_lao_dong": number(
            _("Số lao động (dự kiến)"), minimum=0, maximum=10000, unit=_("người")
        ),
        "chu_ho": group(
            _("Chủ hộ kinh doanh"),
            {
                "ho_ten": text(_("Họ, chữ đệm, tên"), max_length=100, prefill="full_name"),
                "ngay_sinh": date(
                    _("Ngày, tháng, năm sinh"), not_future=True, min_age=18, prefill="date_of_birth"
                ),
                "gioi_tinh": choice(_("Giới tính"), SEX),
                "so_dinh_danh": id_number(prefill="id_number"),
                "noi_cu_tru": address(_("Nơi cư trú"), prefill="address"),
            },
            required=["ho_ten", "ngay_sinh", "gioi_tinh", "so_dinh_danh", "noi_cu_tru"],
        ),
        "thanh_lap_boi": choice(_("Hộ kinh doanh do ai thành lập"), FOUNDED_BY),
        "thanh_vien": repeat(
            _("Các thành viên hộ gia đình tham gia"),
            MEMBER,
            min_items=1,
            max_items=20,
            add_label=_("Thêm một thành viên"),
            item_title=_("Thành viên"),
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
