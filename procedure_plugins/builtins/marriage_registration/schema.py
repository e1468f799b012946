"""Tờ khai đăng ký kết hôn (Circular 04/2020/TT-BTP), as a form schema.

Ages follow the Law on Marriage and Family 2014, art. 8: the man from full 20 years, the woman
from full 18 years.
"""

from django.utils.translation import gettext_noop as _

from procedure_plugins.schema.fields import (
    address,
    choice,
    date,
    email,
    form,
    group,
    id_number,
    phone,
    text,
    when,
    yes_no,
)

MARRIAGE_COUNT = {"lan_dau": _("Kết hôn lần đầu"), "lan_thu_hai": _("Lần thứ hai trở lên")}
SUBMITTER = {"ben_nam": _("Bên nam"), "ben_nu": _("Bên nữ")}


def party(title: str, minimum_age: int) -> dict:
    return group(
        title,
        {
            "ho_ten": text(_("Họ, chữ đệm, tên"), max_length=100),
            "ngay_sinh": date(_("Ngày, tháng, năm sinh"), not_future=True, min_age=minimum_age),
            "dan_toc": text(_("Dân tộc"), max_length=50),
            "quoc_tich": text(_("Quốc tịch"), max_length=50),
            "so_dinh_danh": id_number(),
            "noi_cu_tru": address(_("Nơi cư trú")),
            "lan_ket_hon": choice(_("Kết hôn lần thứ mấy"), MARRIAGE_COUNT),
        },
        required=[
            "ho_ten",
            "ngay_sinh",
            "dan_toc",
            "quoc_tich",
            "so_dinh_danh",
            "noi_cu_tru",
            "lan_ket_hon",
        ],
    )


SCHEMA = form(
    _("Tờ khai đăng ký kết hôn"),
    {
        "ben_nop": choice(_("Người nộp hồ sơ trực tuyến là"), SUBMITTER),
        "dien_thoai": phone(prefill="phone"),
        "email": email(prefill="email"),
        "ben_nam": party(_("Bên nam"), 20),
        "ben_nu": party(_("Bên nữ"), 18),
        "cu_tru_noi_khac": yes_no(
            _("Có bên nào không cư trú tại xã, phường nơi đăng ký kết hôn?"),
            help=_(
                "Bên đó cần Giấy xác nhận tình trạng hôn nhân do nơi cư trú cấp, nếu Cơ sở dữ "
                "liệu hộ tịch điện tử chưa có thông tin."
            ),
        ),
        "ben_cu_tru_noi_khac": choice(_("Bên không cư trú tại đây"), SUBMITTER),
        "ngay_de_nghi": date(
            _("Ngày đề nghị tổ chức đăng ký kết hôn"),
            not_past=True,
            help=_("Cả hai bên phải có mặt khi đăng ký kết hôn."),
        ),
    },
    required=["ben_nop", "dien_thoai", "ben_nam", "ben_nu", "cu_tru_noi_khac"],
    conditions=[when("cu_tru_noi_khac", True, require=["ben_cu_tru_noi_khac"])],
)
