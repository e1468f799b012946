"""What to certify: one row per original document, with its pages and the copies wanted."""

from procedure_plugins.schema.fields import (
    choice,
    form,
    group,
    id_number,
    number,
    phone,
    repeat,
    text,
    when,
)

APPLICANT = {"ca_nhan": "Cá nhân", "to_chuc": "Tổ chức"}

DOCUMENT = group(
    "Giấy tờ cần chứng thực",
    {
        "ten_giay_to": text(
            "Tên giấy tờ, văn bản", max_length=200, placeholder="Ví dụ: Bằng tốt nghiệp THPT"
        ),
        "co_quan_cap": text("Cơ quan, tổ chức đã cấp", max_length=200),
        "so_trang": number("Số trang của bản chính", minimum=1, maximum=1000, unit="trang"),
        "so_ban": number("Số bản sao cần chứng thực", minimum=1, maximum=100, unit="bản"),
    },
    required=["ten_giay_to", "so_trang", "so_ban"],
)

SCHEMA = form(
    "Yêu cầu chứng thực bản sao từ bản chính",
    {
        "loai_nguoi_yeu_cau": choice("Người yêu cầu là", APPLICANT),
        "ho_ten": text("Họ, chữ đệm, tên người yêu cầu", max_length=100, prefill="full_name"),
        "so_dinh_danh": id_number(prefill="id_number"),
        "ten_to_chuc": text("Tên tổ chức", max_length=200),
        "dien_thoai": phone(prefill="phone"),
        "giay_to": repeat(
            "Giấy tờ, văn bản cần chứng thực",
            DOCUMENT,
            min_items=1,
            max_items=20,
            add_label="Thêm một giấy tờ",
            item_title="Giấy tờ",
        ),
    },
    required=["loai_nguoi_yeu_cau", "ho_ten", "so_dinh_danh", "dien_thoai", "giay_to"],
    conditions=[when("loai_nguoi_yeu_cau", "to_chuc", require=["ten_to_chuc"])],
)
