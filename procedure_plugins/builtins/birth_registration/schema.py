"""Tờ khai đăng ký khai sinh (the declaration of Circular 04/2020/TT-BTP, as a form schema)."""

from django.utils.translation import gettext_noop as _

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

SEX = {"nam": _("Nam"), "nu": _("Nữ")}
RELATION = {
    "cha_me": _("Cha hoặc mẹ"),
    "ong_ba": _("Ông hoặc bà"),
    "than_thich": _("Người thân thích khác"),
    "to_chuc_nuoi_duong": _("Cá nhân, tổ chức đang nuôi dưỡng trẻ"),
}

CHILD = group(
    _("Người được khai sinh"),
    {
        "ho_ten": text(_("Họ, chữ đệm, tên"), max_length=100),
        "ngay_sinh": date(_("Ngày, tháng, năm sinh"), not_future=True),
        "gioi_tinh": choice(_("Giới tính"), SEX),
        "dan_toc": text(_("Dân tộc"), max_length=50, placeholder=_("Kinh")),
        "quoc_tich": text(_("Quốc tịch"), max_length=50, placeholder=_("Việt Nam")),
        "noi_sinh": text(
            _("Nơi sinh"),
            max_length=200,
            help=_(
                "Tên cơ sở y tế nơi trẻ sinh ra, hoặc địa chỉ nơi sinh nếu sinh ngoài cơ sở y tế."
            ),
        ),
        "que_quan": text(_("Quê quán"), max_length=200),
    },
    required=["ho_ten", "ngay_sinh", "gioi_tinh", "dan_toc", "quoc_tich", "noi_sinh", "que_quan"],
)

PARENT_FIELDS = {
    "ho_ten": text(_("Họ, chữ đệm, tên"), max_length=100),
    "ngay_sinh": date(_("Ngày, tháng, năm sinh"), not_future=True),
    "dan_toc": text(_("Dân tộc"), max_length=50),
    "quoc_tich": text(_("Quốc tịch"), max_length=50),
    "so_dinh_danh": id_number(),
    "noi_cu_tru": address(_("Nơi cư trú")),
}
PARENT_REQUIRED = ["ho_ten", "ngay_sinh", "dan_toc", "quoc_tich", "noi_cu_tru"]

SCHEMA = form(
    _("Tờ khai đăng ký khai sinh"),
    {
        "nguoi_yeu_cau": group(
            _("Người yêu cầu đăng ký khai sinh"),
            {
                "ho_ten": text(_("Họ, chữ đệm, tên"), max_length=100, prefill="full_name"),
                "so_dinh_danh": id_number(prefill="id_number"),
                "quan_he": choice(_("Quan hệ với người được khai sinh"), RELATION),
                "dien_thoai": phone(prefill="phone"),
                "email": email(prefill="email"),
            },
            required=["ho_ten", "so_dinh_danh", "quan_he", "dien_thoai"],
        ),
        "tre": repeat(
            _("Người được khai sinh"),
            CHILD,
            min_items=1,
            max_items=4,
            add_label=_("Thêm một trẻ (sinh đôi, sinh ba)"),
            item_title=_("Trẻ"),
        ),
        "me": group(_("Thông tin người mẹ"), PARENT_FIELDS, required=PARENT_REQUIRED),
        "xac_dinh_cha": yes_no(_("Đã xác định được người cha?")),
        "cha": group(_("Thông tin người cha"), PARENT_FIELDS, required=PARENT_REQUIRED),
        "cha_me_da_dang_ky_ket_hon": yes_no(
            _("Cha, mẹ của trẻ đã đăng ký kết hôn?"),
            help=_(
                "Nếu đã đăng ký, xuất trình Giấy chứng nhận kết hôn (trừ khi đã có trong Cơ sở "
                "dữ liệu hộ tịch điện tử)."
            ),
        ),
        "mang_thai_ho": yes_no(_("Trẻ được sinh ra do mang thai hộ?")),
        "so_ban_sao": number(
            _("Số bản sao Giấy khai sinh đề nghị cấp"),
            minimum=0,
            maximum=10,
            unit=_("bản"),
            help=_("Bản sao trích lục khai sinh: 8.000 đồng/bản. Để 0 nếu không cần."),
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
