"""Đăng ký thành lập hộ kinh doanh (registering a household business).

Source: Cơ sở dữ liệu quốc gia về thủ tục hành chính, mã 2.000720 (đăng ký thành lập hộ kinh
doanh); Luật Doanh nghiệp 2020; Nghị định 01/2021/NĐ-CP, replaced from 1 July 2025 by Nghị định
168/2025/NĐ-CP, which keeps the 03-working-day limit and moves registration to the commune level
of the two-level administration; Thông tư 85/2019/TT-BTC (the fee is set by each provincial
People's Council, hence the override limits).
"""

from django.utils.translation import gettext_noop as _

from procedure_plugins.choices import ApplicantType, DocumentForm, OnlineLevel
from procedure_plugins.contract import (
    BlankForm,
    Fixed,
    LegalDocument,
    ProcedurePlugin,
    RequiredDocument,
    working_days,
)
from procedure_plugins.registry import register

from .schema import SCHEMA
from .workflow import HouseholdBusinessDossier


@register("2.000720")
class HouseholdBusinessRegistration(ProcedurePlugin):
    version = 1
    name = _("Đăng ký thành lập hộ kinh doanh")
    field = _("Thành lập và hoạt động của hộ kinh doanh")
    agency = _("Ủy ban nhân dân cấp xã (cơ quan đăng ký kinh doanh)")
    levels = ("commune",)
    online_level = OnlineLevel.FULL
    applicant_types = (ApplicantType.CITIZEN,)
    processing_time = working_days(3)
    processing_time_limits = (1, 3)
    fee = Fixed(
        amount=100_000,
        limits=(0, 100_000),
        note=(
            _(
                "Mức thu do HĐND cấp tỉnh quyết định; nhiều địa phương miễn hoặc giảm khi đăng ký "
                "qua mạng"
            )
        ),
    )
    legal_basis = (
        LegalDocument("59/2020/QH14", _("Luật Doanh nghiệp")),
        LegalDocument("168/2025/NĐ-CP", _("Nghị định về đăng ký doanh nghiệp")),
        LegalDocument(
            "85/2019/TT-BTC",
            _("Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của HĐND cấp tỉnh"),
        ),
    )
    documents = (
        RequiredDocument(
            key="giay_de_nghi",
            name=_("Giấy đề nghị đăng ký hộ kinh doanh"),
            required=False,
            note=_("Nộp trực tuyến: tờ khai điện tử trên Cổng thay thế."),
            blank_form=BlankForm(_("Giấy đề nghị đăng ký hộ kinh doanh")),
        ),
        RequiredDocument(
            key="bien_ban_hop",
            name=_("Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh"),
            form=DocumentForm.COPY,
            required_when={"thanh_lap_boi": "thanh_vien_ho_gia_dinh"},
        ),
        RequiredDocument(
            key="van_ban_uy_quyen",
            name=_("Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ"),
            form=DocumentForm.COPY,
            required_when={"thanh_lap_boi": "thanh_vien_ho_gia_dinh"},
        ),
        RequiredDocument(
            key="giay_to_dia_diem",
            name=_("Giấy tờ về quyền sử dụng địa điểm kinh doanh (hợp đồng thuê, mượn)"),
            form=DocumentForm.COPY,
            required=False,
        ),
    )
    result = _("Giấy chứng nhận đăng ký hộ kinh doanh.")
    schema = SCHEMA
    workflow = HouseholdBusinessDossier
    source = _(
        "CSDL quốc gia về TTHC, mã 2.000720; Luật Doanh nghiệp 2020; Nghị định 168/2025/NĐ-CP "
        "(thay Nghị định 01/2021/NĐ-CP từ 01/7/2025); Thông tư 85/2019/TT-BTC."
    )
    requirements = (
        _("Ngành, nghề kinh doanh không thuộc danh mục cấm đầu tư kinh doanh."),
        _(
            "Tên hộ kinh doanh không trùng với tên riêng của hộ kinh doanh đã đăng ký trong phạm "
            "vi "
            "cấp xã."
        ),
        _(
            "Cá nhân, thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy "
            "đủ; mỗi cá nhân chỉ được đăng ký một hộ kinh doanh."
        ),
    )
    steps = (
        _("Nộp hồ sơ đến cơ quan đăng ký kinh doanh nơi đặt địa điểm kinh doanh."),
        _(
            "Cơ quan đăng ký kinh doanh kiểm tra tính hợp lệ của hồ sơ; chưa hợp lệ thì thông báo "
            "bằng văn bản nội dung cần sửa đổi, bổ sung trong 03 ngày làm việc."
        ),
        _("Hồ sơ hợp lệ: cấp Giấy chứng nhận đăng ký hộ kinh doanh trong 03 ngày làm việc."),
    )
    result_templates = {"giay_chung_nhan": "household_business/result.html"}
    keywords = ("giấy phép kinh doanh", "kinh doanh cá thể", "mở quán", "hộ cá thể")
    usage_rank = 50
