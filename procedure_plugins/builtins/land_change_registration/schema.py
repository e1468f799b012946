"""Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK), as a form schema."""

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

APPLICANT = {"ca_nhan": "Cá nhân", "to_chuc": "Tổ chức"}
CHANGE_KINDS = {
    "chuyen_nhuong": "Chuyển nhượng, chuyển đổi quyền sử dụng đất",
    "tang_cho": "Tặng cho quyền sử dụng đất",
    "thua_ke": "Thừa kế quyền sử dụng đất",
    "thay_doi_thong_tin": "Thay đổi thông tin người sử dụng đất (tên, giấy tờ nhân thân, địa chỉ)",
    "thay_doi_dien_tich": "Thay đổi diện tích, ranh giới thửa đất (sạt lở, đo đạc lại)",
    "tach_hop_thua": "Tách thửa, hợp thửa",
}
TRANSFERS = ["chuyen_nhuong", "tang_cho", "thua_ke"]

SCHEMA = form(
    "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất",
    {
        "nguoi_su_dung": group(
            "Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất",
            {
                "loai": choice("Là", APPLICANT),
                "ho_ten": text(
                    "Họ, chữ đệm, tên (cá nhân) hoặc tên tổ chức",
                    max_length=200,
                    prefill="full_name",
                ),
                "so_dinh_danh": id_number(prefill="id_number"),
                "ma_so_doanh_nghiep": text(
                    "Mã số doanh nghiệp, quyết định thành lập", max_length=50
                ),
                "dia_chi": address("Địa chỉ", prefill="address"),
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
            "Thửa đất có biến động",
            {
                "so_thua": text("Thửa đất số", max_length=20),
                "to_ban_do": text("Tờ bản đồ số", max_length=20),
                "dia_chi": address("Địa chỉ thửa đất"),
                "dien_tich": number(
                    "Diện tích", minimum=0.1, maximum=100_000_000, integer=False, unit="m²"
                ),
                "so_giay_chung_nhan": text("Số phát hành Giấy chứng nhận", max_length=30),
                "so_vao_so": text("Số vào sổ cấp Giấy chứng nhận", max_length=30),
            },
            required=["so_thua", "to_ban_do", "dia_chi", "dien_tich", "so_giay_chung_nhan"],
        ),
        "loai_bien_dong": choice("Nội dung biến động", CHANGE_KINDS),
        "ben_nhan": group(
            "Bên nhận chuyển quyền",
            {
                "ho_ten": text("Họ, chữ đệm, tên hoặc tên tổ chức", max_length=200),
                "so_dinh_danh": id_number(help="Số CCCD (cá nhân)."),
                "dia_chi": address("Địa chỉ"),
            },
            required=["ho_ten", "dia_chi"],
        ),
        "noi_dung": long_text(
            "Nội dung biến động cụ thể",
            max_length=2000,
            help="Trước biến động và sau biến động (ví dụ: diện tích 120 m² → 112,5 m² do sạt lở).",
        ),
        "de_nghi_cap_moi": yes_no("Đề nghị cấp mới Giấy chứng nhận?"),
    },
    required=["nguoi_su_dung", "thua_dat", "loai_bien_dong", "noi_dung", "de_nghi_cap_moi"],
    conditions=[when("loai_bien_dong", TRANSFERS, require=["ben_nhan"])],
)
