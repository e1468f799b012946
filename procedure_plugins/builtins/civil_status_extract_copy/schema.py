"""Tờ khai cấp bản sao trích lục hộ tịch (Circular 04/2020/TT-BTP), as a form schema."""

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
    "khai_sinh": "Khai sinh",
    "ket_hon": "Kết hôn",
    "khai_tu": "Khai tử",
    "nhan_cha_me_con": "Nhận cha, mẹ, con",
    "thay_doi_cai_chinh": "Thay đổi, cải chính, bổ sung hộ tịch",
    "giam_ho": "Giám hộ",
}
PURPOSES = {
    "hoc_tap": "Học tập, thi cử",
    "viec_lam": "Hồ sơ xin việc, công chức",
    "nha_dat": "Thủ tục nhà đất",
    "che_do": "Bảo hiểm, chế độ chính sách",
    "khac": "Mục đích khác",
}
RELATION = {
    "ban_than": "Bản thân người có sự kiện hộ tịch",
    "nguoi_than": "Cha, mẹ, vợ, chồng, con, anh, chị, em ruột",
    "uy_quyen": "Người được ủy quyền",
}

SCHEMA = form(
    "Tờ khai cấp bản sao trích lục hộ tịch",
    {
        "nguoi_yeu_cau": group(
            "Người yêu cầu",
            {
                "ho_ten": text("Họ, chữ đệm, tên", max_length=100, prefill="full_name"),
                "so_dinh_danh": id_number(prefill="id_number"),
                "noi_cu_tru": address("Nơi cư trú", prefill="address"),
                "dien_thoai": phone(prefill="phone"),
            },
            required=["ho_ten", "so_dinh_danh", "noi_cu_tru", "dien_thoai"],
        ),
        "quan_he": choice("Quan hệ với người được cấp bản sao trích lục", RELATION),
        "loai_su_kien": choice("Loại sự kiện hộ tịch đã đăng ký", EVENTS, widget="select"),
        "nguoi_duoc_cap": group(
            "Người có sự kiện hộ tịch",
            {
                "ho_ten": text("Họ, chữ đệm, tên", max_length=100),
                "ngay_sinh": date("Ngày, tháng, năm sinh", not_future=True),
                "so_dinh_danh": id_number(help="Nếu có."),
            },
            required=["ho_ten", "ngay_sinh"],
        ),
        "noi_dang_ky": text(
            "Cơ quan đã đăng ký",
            max_length=200,
            help="Ví dụ: UBND xã Tứ Kỳ. Đơn vị đã sáp nhập: ghi tên tại thời điểm đăng ký.",
        ),
        "so_dang_ky": text("Số, quyển số đăng ký (nếu biết)", max_length=50),
        "ngay_dang_ky": date("Ngày đăng ký (nếu biết)", not_future=True),
        "so_ban_sao": number("Số bản sao đề nghị cấp", minimum=1, maximum=20, unit="bản"),
        "muc_dich": multiple_choice("Mục đích sử dụng", PURPOSES, min_items=1),
        "muc_dich_khac": long_text("Mục đích khác", max_length=500, rows=2),
        "uy_quyen_so": text("Số, ngày văn bản ủy quyền", max_length=100),
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
