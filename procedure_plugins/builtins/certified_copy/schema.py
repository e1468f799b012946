"""What to certify: one row per original document, with its pages and the copies wanted."""

from django.utils.translation import gettext_noop as _

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

APPLICANT = {"ca_nhan": _("Cá nhân"), "to_chuc": _("Tổ chức")}

DOCUMENT = group(
    _("Giấy tờ cần chứng thực"),
    {
        "ten_giay_to": text(
            _("Tên giấy tờ, văn bản"), max_length=200, placeholder=_("Ví dụ: Bằng tốt nghiệp THPT")
        ),
        "co_quan_cap": text(_("Cơ quan, tổ chức đã cấp"), max_length=200),
        "so_trang": number(_("Số trang của bản chính"), minimum=1, maximum=1000, unit=_("trang")),
        "so_ban": number(_("Số bản sao cần chứng thực"), minimum=1, maximum=100, unit=_("bản")),
    },
    required=["ten_giay_to", "so_trang", "so_ban"],
)

SCHEMA = form(
    _("Yêu cầu chứng thực bản sao từ bản chính"),
    {
        "loai_nguoi_yeu_cau": choice(_("Người yêu cầu là"), APPLICANT),
        "ho_ten": text(_("Họ, chữ đệm, tên người yêu cầu"), max_length=100, prefill="full_name"),
        "so_dinh_danh": id_number(prefill="id_number"),
        "ten_to_chuc": text(_("Tên tổ chức"), max_length=200),
        "dien_thoai": phone(prefill="phone"),
        "giay_to": repeat(
            _("Giấy tờ, văn bản cần chứng thực"),
            DOCUMENT,
            min_items=1,
            max_items=20,
            add_label=_("Thêm một giấy tờ"),
            item_title=_("Giấy tờ"),
        ),
    },
    required=["loai_nguoi_yeu_cau", "ho_ten", "so_dinh_danh", "dien_thoai", "giay_to"],
    conditions=[when("loai_nguoi_yeu_cau", "to_chuc", require=["ten_to_chuc"])],
)
