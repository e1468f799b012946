"""Đăng ký kết hôn (marriage registration between Vietnamese citizens residing in Vietnam).

Source: Cơ sở dữ liệu quốc gia về thủ tục hành chính, mã 1.000894 (thủ tục đăng ký kết hôn, cấp
xã); Luật Hộ tịch 2014 art. 11 (marriage registration of citizens residing in Vietnam is free),
art. 17-18 (same day; verification at most 05 working days); Luật Hôn nhân và gia đình 2014 art. 8;
Nghị định 123/2015/NĐ-CP; Thông tư 04/2020/TT-BTP. Same-day rule with the 15:00 cut-off as
published on the procedure pages of commune portals (e.g. tthc.thuvienphapluat.vn B-BTP-BS43).
"""

from django.utils.translation import gettext_noop as _

from procedure_plugins.choices import ApplicantType, DocumentForm, OnlineLevel
from procedure_plugins.contract import (
    BlankForm,
    Free,
    LegalDocument,
    ProcedurePlugin,
    RequiredDocument,
    same_day,
)
from procedure_plugins.registry import register

from .schema import SCHEMA
from .workflow import MarriageRegistrationDossier


@register("1.000894")
class MarriageRegistration(ProcedurePlugin):
    version = 1
    name = _("Đăng ký kết hôn")
    field = _("Hộ tịch")
    agency = _("Ủy ban nhân dân cấp xã")
    levels = ("commune",)
    online_level = OnlineLevel.PARTIAL
    applicant_types = (ApplicantType.CITIZEN,)
    processing_time = same_day()
    processing_time_note = _(
        "Trường hợp cần xác minh điều kiện kết hôn: không quá 05 ngày làm việc."
    )
    fee = Free(
        note=(
            _(
                "Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước (Luật Hộ "
                "tịch, "
                "điều 11)"
            )
        )
    )
    legal_basis = (
        LegalDocument("60/2014/QH13", _("Luật Hộ tịch")),
        LegalDocument("52/2014/QH13", _("Luật Hôn nhân và gia đình")),
        LegalDocument(
            "123/2015/NĐ-CP",
            _("Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch"),
        ),
        LegalDocument("04/2020/TT-BTP", _("Thông tư quy định chi tiết thi hành Luật Hộ tịch")),
    )
    documents = (
        RequiredDocument(
            key="to_khai",
            name=_("Tờ khai đăng ký kết hôn theo mẫu"),
            required=False,
            note=_(
                "Hai bên có thể dùng chung một tờ khai. Nộp trực tuyến: tờ khai điện tử thay thế."
            ),
            blank_form=BlankForm(_("Tờ khai đăng ký kết hôn")),
        ),
        RequiredDocument(
            key="xac_nhan_tinh_trang_hon_nhan",
            name=_("Giấy xác nhận tình trạng hôn nhân"),
            required_when={"cu_tru_noi_khac": True},
            note=_("Của bên không cư trú tại nơi đăng ký kết hôn, do UBND cấp xã nơi cư trú cấp."),
        ),
        RequiredDocument(
            key="giay_to_tuy_than",
            name=_("Giấy tờ tùy thân của hai bên nam, nữ"),
            form=DocumentForm.SHOW_ORIGINAL,
            copies=2,
            required=False,
            note=_("Xuất trình khi đến ký Giấy chứng nhận kết hôn."),
        ),
    )
    result = _("Giấy chứng nhận kết hôn (mỗi bên một bản chính).")
    schema = SCHEMA
    workflow = MarriageRegistrationDossier
    source = _(
        "CSDL quốc gia về TTHC, mã 1.000894 (cấp xã); Luật Hộ tịch 2014 điều 11, 17, 18; "
        "Luật Hôn nhân và gia đình 2014 điều 8; Nghị định 123/2015/NĐ-CP; Thông tư 04/2020/TT-BTP."
    )
    requirements = (
        _(
            "Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi trở lên; việc kết hôn do hai bên tự nguyện quyết "
            "định; không bị mất năng lực hành vi dân sự."
        ),
        _(
            "Không thuộc trường hợp cấm kết hôn (kết hôn giả tạo, tảo hôn, đang có vợ hoặc có "
            "chồng, "
            "giữa những người cùng dòng máu trực hệ hoặc trong phạm vi ba đời...)."
        ),
    )
    steps = (
        _(
            "Hai bên nộp tờ khai (trực tuyến hoặc tại Bộ phận một cửa UBND xã nơi cư trú của một "
            "trong hai bên)."
        ),
        _("Công chức tư pháp - hộ tịch kiểm tra; nếu đủ điều kiện, ghi vào Sổ hộ tịch."),
        _(
            "Hai bên cùng có mặt, ký vào Sổ hộ tịch và Giấy chứng nhận kết hôn; Chủ tịch UBND xã "
            "trao Giấy chứng nhận kết hôn."
        ),
    )
    result_templates = {"giay_chung_nhan_ket_hon": "marriage_registration/result.html"}
    keywords = ("giấy chứng nhận kết hôn", "giấy đăng ký kết hôn", "cưới")
    usage_rank = 40
