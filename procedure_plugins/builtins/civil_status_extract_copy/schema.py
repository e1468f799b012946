"""Tờ khai cấp bản sao trích lục hộ tịch (Circular 04/2020/TT-BTP), as a form schema."""

from django.utils.translation import gettext_noop as _

from procedure_plugins.schema.fields import (
    address,
    choice,
    date,
    form,
    group,
    id_number,
    long_text,
    multiple_choice,
    number,
    phone,
    text,
    when,
)

EVENTS = {
    "khai_sinh": _("Khai sinh"),
    "ket_hon": _("Kết hôn"),
    "khai_tu": _("Khai tử"),
    "nhan_cha_me_con": _("Nhận cha, mẹ, con"),
    "thay_doi_cai_chinh": _("Thay đổi, cải chính, bổ sung hộ tịch"),
    "giam_ho": _("Giám hộ"),
}
PURPOSES = {
    "hoc_tap": _("Học tập, thi cử"),
    "viec_lam": _("Hồ sơ xin việc, công chức"),
    "nha_dat": _("Thủ tục nhà đất"),
    "che_do": _("Bảo hiểm, chế độ chính sách"),
    "khac": _("Mục đích khác"),
}
RELATION = {
    "ban_than": _("Bản thân người có sự kiện hộ tịch"),
    "nguoi_than": _("Cha, mẹ, vợ, chồng, con, anh, chị, em ruột"),
    "uy_quyen": _("Người được ủy quyền"),
}

SCHEMA = form(
    _("Tờ khai cấp bản sao trích lục hộ tịch"),
    {
        "nguoi_yeu_cau": group(
            _("Người yêu cầu"),
            {
                "ho_ten": text(_("Họ, chữ đệm, tên"), max_length=100, prefill="full_name"),
                "so_dinh_danh": id_number(prefill="id_number"),
                "noi_cu_tru": address(_("Nơi cư trú"), prefill="address"),
                "dien_thoai": phone(prefill="phone"),
            },
            required=["ho_ten", "so_dinh_danh", "noi_cu_tru", "dien_thoai"],
        ),
        "quan_he": choice(_("Quan hệ với người được cấp bản sao trích lục"), RELATION),
        "loai_su_kien": choice(_("Loại sự kiện hộ tịch đã đăng ký"), EVENTS, widget="select"),
        "nguoi_duoc_cap": group(
            _("Người có sự kiện hộ tịch"),
            {
                "ho_ten": text(_("Họ, chữ đệm, tên"), max_length=100),
                "ngay_sinh": date(_("Ngày, tháng, năm sinh"), not_future=True),
                "so_dinh_danh": id_number(help=_("Nếu có.")),
            },
            required=["ho_ten", "ngay_sinh"],
        ),
        "noi_dang_ky": text(
            _("Cơ quan đã đăng ký"),
            max_length=200,
            help=_("Ví dụ: UBND xã Tứ Kỳ. Đơn vị đã sáp nhập: ghi tên tại thời điểm đăng ký."),
        ),
        "so_dang_ky": text(_("Số, quyển số đăng ký (nếu biết)"), max_length=50),
        "ngay_dang_ky": date(_("Ngày đăng ký (nếu biết)"), not_future=True),
        "so_ban_sao": number(_("Số bản sao đề nghị cấp"), minimum=1, maximum=20, unit=_("bản")),
        "muc_dich": multiple_choice(_("Mục đích sử dụng"), PURPOSES, min_items=1),
        "muc_dich_khac": long_text(_("Mục đích khác"), max_length=500, rows=2),
        "uy_quyen_so": text(_("Số, ngày văn bản ủy quyền"), max_length=100),
    },
    required=[
        "nguoi_yeu_cau",
        "quan_he",
        "loai_su_kien",
        "nguoi_duoc_cap",
        "noi_dang_ky",
        "so_ban_sao",
    ],
    conditions=[
        when("quan_he", "uy_quyen", require=["uy_quyen_so"]),
    ],
)
