"""Tờ khai đăng ký khai sinh (the declaration of Circular 04/2020/TT-BTP, as a form schema)."""

from procedure_plugins.schema.fields import (
    address,
    choice,
    date,
    email,
    form,
    group,
    id_number,
    number,
    phone,
    repeat,
    text,
    when,
    yes_no,
)

SEX = {"nam": "Nam", "nu": "Nữ"}
RELATION = {
    "cha_me": "Cha hoặc mẹ",
    "ong_ba": "Ông hoặc bà",
    "than_thich": "Người thân thích khác",
    "to_chuc_nuoi_duong": "Cá nhân, tổ chức đang nuôi dưỡng trẻ",
}

CHILD = group(
    "Người được khai sinh",
    {
        "ho_ten": text("Họ, chữ đệm, tên", max_length=100),
        "ngay_sinh": date("Ngày, tháng, năm sinh", not_future=True),
        "gioi_tinh": choice("Giới tính", SEX),
        "dan_toc": text("Dân tộc", max_length=50, placeholder="Kinh"),
        "quoc_tich": text("Quốc tịch", max_length=50, placeholder="Việt Nam"),
        "noi_sinh": text(
            "Nơi sinh",
            max_length=200,
            help="Tên cơ sở y tế nơi trẻ sinh ra, hoặc địa chỉ nơi sinh nếu sinh ngoài cơ sở y tế.",
        ),
        "que_quan": text("Quê quán", max_length=200),
    },
    required=["ho_ten", "ngay_sinh", "gioi_tinh", "dan_toc", "quoc_tich", "noi_sinh", "que_quan"],
)

PARENT_FIELDS = {
    "ho_ten": text("Họ, chữ đệm, tên", max_length=100),
    "ngay_sinh": date("Ngày, tháng, năm sinh", not_future=True),
    "dan_toc": text("Dân tộc", max_length=50),
    "quoc_tich": text("Quốc tịch", max_length=50),
    "so_dinh_danh": id_number(),
    "noi_cu_tru": address("Nơi cư trú"),
}
PARENT_REQUIRED = ["ho_ten", "ngay_sinh", "dan_toc", "quoc_tich", "noi_cu_tru"]

SCHEMA = form(
    "Tờ khai đăng ký khai sinh",
    {
        "nguoi_yeu_cau": group(
            "Người yêu cầu đăng ký khai sinh",
            {
                "ho_ten": text("Họ, chữ đệm, tên", max_length=100, prefill="full_name"),
                "so_dinh_danh": id_number(prefill="id_number"),
                "quan_he": choice("Quan hệ với người được khai sinh", RELATION),
                "dien_thoai": phone(prefill="phone"),
                "email": email(prefill="email"),
            },
            required=["ho_ten", "so_dinh_danh", "quan_he", "dien_thoai"],
        ),
        "tre": repeat(
            "Người được khai sinh",
            CHILD,
            min_items=1,
            max_items=4,
            add_label="Thêm một trẻ (sinh đôi, sinh ba)",
            item_title="Trẻ",
        ),
        "me": group("Thông tin người mẹ", PARENT_FIELDS, required=PARENT_REQUIRED),
        "xac_dinh_cha": yes_no("Đã xác định được người cha?"),
        "cha": group("Thông tin người cha", PARENT_FIELDS, required=PARENT_REQUIRED),
        "cha_me_da_dang_ky_ket_hon": yes_no(
            "Cha, mẹ của trẻ đã đăng ký kết hôn?",
            help="Nếu đã đăng ký, xuất trình Giấy chứng nhận kết hôn (trừ khi đã có trong Cơ sở "
            "dữ liệu hộ tịch điện tử).",
        ),
        "mang_thai_ho": yes_no("Trẻ được sinh ra do mang thai hộ?"),
        "so_ban_sao": number(
            "Số bản sao Giấy khai sinh đề nghị cấp",
            minimum=0,
            maximum=10,
            unit="bản",
            help="Bản sao trích lục khai sinh: 8.000 đồng/bản. Để 0 nếu không cần.",
        ),
    },
    required=[
        "nguoi_yeu_cau",
        "tre",
        "me",
        "xac_dinh_cha",
        "cha_me_da_dang_ky_ket_hon",
        "mang_thai_ho",
        "so_ban_sao",
    ],
    conditions=[when("xac_dinh_cha", True, require=["cha"])],
)
