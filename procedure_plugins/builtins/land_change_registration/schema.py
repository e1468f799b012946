"""Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK), as a form schema."""

from django.utils.translation import gettext_noop as _

from procedure_plugins.schema.fields import (
    address,
    choice,
    email,
    form,
    group,
    id_number,
    long_text,
    number,
    phone,
    text,
    when,
    yes_no,
)

APPLICANT = {"ca_nhan": _("Cá nhân"), "to_chuc": _("Tổ chức")}
CHANGE_KINDS = {
    "chuyen_nhuong": _("Chuyển nhượng, chuyển đổi quyền sử dụng đất"),
    "tang_cho": _("Tặng cho quyền sử dụng đất"),
    "thua_ke": _("Thừa kế quyền sử dụng đất"),
    "thay_doi_thong_tin": _(
        "Thay đổi thông tin người sử dụng đất (tên, giấy tờ nhân thân, địa chỉ)"
    ),
    "thay_doi_dien_tich": _("Thay đổi diện tích, ranh giới thửa đất (sạt lở, đo đạc lại)"),
    "tach_hop_thua": _("Tách thửa, hợp thửa"),
}
TRANSFERS = ["chuyen_nhuong", "tang_cho", "thua_ke"]

SCHEMA = form(
    _("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất"),
    {
        "nguoi_su_dung": group(
            _("Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất"),
            {
                "loai": choice(_("Là"), APPLICANT),
                "ho_ten": text(
                    _("Họ, chữ đệm, tên (cá nhân) hoặc tên tổ chức"),
                    max_length=200,
                    prefill="full_name",
                ),
                "so_dinh_danh": id_number(prefill="id_number"),
                "ma_so_doanh_nghiep": text(
                    _("Mã số doanh nghiệp, quyết định thành lập"), max_length=50
                ),
                "dia_chi": address(_("Địa chỉ"), prefill="address"),
                "dien_thoai": phone(prefill="phone"),
                "email": email(prefill="email"),
            },
            required=["loai", "ho_ten", "dia_chi", "dien_thoai"],
            conditions=[
                when("loai", "ca_nhan", require=["so_dinh_danh"]),
                when("loai", "to_chuc", require=["ma_so_doanh_nghiep"]),
            ],
        ),
        "thua_dat": group(
            _("Thửa đất có biến động"),
            {
                "so_thua": text(_("Thửa đất số"), max_length=20),
                "to_ban_do": text(_("Tờ bản đồ số"), max_length=20),
                "dia_chi": address(_("Địa chỉ thửa đất")),
                "dien_tich": number(
                    _("Diện tích"), minimum=0.1, maximum=100_000_000, integer=False, unit=_("m²")
                ),
                "so_giay_chung_nhan": text(_("Số phát hành Giấy chứng nhận"), max_length=30),
                "so_vao_so": text(_("Số vào sổ cấp Giấy chứng nhận"), max_length=30),
            },
            required=["so_thua", "to_ban_do", "dia_chi", "dien_tich", "so_giay_chung_nhan"],
        ),
        "loai_bien_dong": choice(_("Nội dung biến động"), CHANGE_KINDS),
        "ben_nhan": group(
            _("Bên nhận chuyển quyền"),
            {
                "ho_ten": text(_("Họ, chữ đệm, tên hoặc tên tổ chức"), max_length=200),
                "so_dinh_danh": id_number(help=_("Số CCCD (cá nhân).")),
                "dia_chi": address(_("Địa chỉ")),
            },
            required=["ho_ten", "dia_chi"],
        ),
        "noi_dung": long_text(
            _("Nội dung biến động cụ thể"),
            max_length=2000,
            help=_(
                "Trước biến động và sau biến động (ví dụ: diện tích 120 m² → 112,5 m² do sạt lở)."
            ),
        ),
        "de_nghi_cap_moi": yes_no(_("Đề nghị cấp mới Giấy chứng nhận?")),
    },
    required=["nguoi_su_dung", "thua_dat", "loai_bien_dong", "noi_dung", "de_nghi_cap_moi"],
    conditions=[when("loai_bien_dong", TRANSFERS, require=["ben_nhan"])],
)
