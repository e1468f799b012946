"""Đăng ký biến động đất đai, tài sản gắn liền với đất (land-use change registration).

Source: Luật Đất đai 2024 (art. 133); Nghị định 101/2024/NĐ-CP on registration and certificates
(art. 22 time limits: at most 10 working days; 20 in mountainous, border, island and
disadvantaged communes); Nghị định 151/2025/NĐ-CP (land authority under the two-level
administration: received at the commune's one-stop desk); Thông tư 85/2019/TT-BTC (the
certificate fee is set by each provincial People's Council). The procedure code 1.004227 is the
one in the national database before the Land Law 2024; check the code republished under
Quyết định 2304/QĐ-BTNMT before production use.
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
from workflows.national_status import NationalStatus

from .schema import SCHEMA, TRANSFERS
from .workflow import LandChangeDossier, LandChangeState


@register("1.004227")
class LandChangeRegistration(ProcedurePlugin):
    version = 1
    name = _("Đăng ký biến động đất đai, tài sản gắn liền với đất")
    field = _("Đất đai")
    agency = _("Văn phòng đăng ký đất đai (Chi nhánh); tiếp nhận tại Bộ phận Một cửa cấp xã")
    levels = ("commune", "province")
    online_level = OnlineLevel.PARTIAL
    applicant_types = (ApplicantType.CITIZEN, ApplicantType.ORGANISATION)
    processing_time = working_days(10)
    processing_time_limits = (3, 20)
    processing_time_note = _(
        "Không quá 20 ngày làm việc đối với xã miền núi, biên giới, hải đảo, vùng có điều kiện "
        "kinh tế - xã hội khó khăn, đặc biệt khó khăn. Không tính thời gian thực hiện nghĩa vụ "
        "tài chính và thời gian trích đo địa chính."
    )
    fee = Fixed(
        amount=28_000,
        limits=(0, 100_000),
        note=(
            _(
                "Lệ phí chứng nhận đăng ký biến động theo mức do HĐND cấp tỉnh quy định; có thể "
                "phải "
                "nộp thêm phí thẩm định hồ sơ và nghĩa vụ tài chính (thuế thu nhập cá nhân, lệ phí "
                "trước bạ) theo thông báo của cơ quan thuế"
            )
        ),
    )
    legal_basis = (
        LegalDocument("31/2024/QH15", _("Luật Đất đai")),
        LegalDocument(
            "101/2024/NĐ-CP",
            _(
                "Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền "
                "sử dụng đất, quyền sở hữu tài sản gắn liền với đất và hệ thống thông tin đất đai"
            ),
        ),
        LegalDocument(
            "151/2025/NĐ-CP",
            _(
                "Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp, "
                "phân "
                "quyền, phân cấp trong lĩnh vực đất đai"
            ),
        ),
        LegalDocument(
            "85/2019/TT-BTC",
            _("Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của HĐND cấp tỉnh"),
        ),
    )
    documents = (
        RequiredDocument(
            key="don_dang_ky",
            name=_("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)"),
            required=False,
            note=_("Nộp trực tuyến: đơn điện tử trên Cổng thay thế."),
            blank_form=BlankForm(_("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất")),
        ),
        RequiredDocument(
            key="giay_chung_nhan",
            name=_("Giấy chứng nhận đã cấp"),
            form=DocumentForm.ORIGINAL,
            note=_(
                "Nộp bản gốc tại Bộ phận Một cửa khi nhận kết quả; trực tuyến: bản chụp hai mặt."
            ),
        ),
        RequiredDocument(
            key="hop_dong_chuyen_quyen",
            name=_(
                "Hợp đồng, văn bản về chuyển quyền (đã công chứng, chứng thực) hoặc văn bản thừa kế"
            ),
            required_when={"loai_bien_dong": tuple(TRANSFERS)},
            note=_("Tặng cho, thừa kế: văn bản tặng cho, văn bản khai nhận hoặc phân chia di sản."),
        ),
        RequiredDocument(
            key="giay_to_thay_doi",
            name=_("Giấy tờ chứng minh nội dung thay đổi"),
            required_when={"loai_bien_dong": "thay_doi_thong_tin"},
            form=DocumentForm.CERTIFIED_COPY,
            note=_("Ví dụ: giấy tờ về thay đổi tên, giấy tờ nhân thân, địa chỉ."),
        ),
        RequiredDocument(
            key="trich_do",
            name=_("Mảnh trích đo bản đồ địa chính thửa đất"),
            required=False,
            note=_(
                "Khi thay đổi diện tích, ranh giới; nếu chưa có, Văn phòng đăng ký đất đai "
                "tổ chức trích đo."
            ),
        ),
    )
    result = _(
        "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất được xác nhận "
        "nội dung biến động, hoặc Giấy chứng nhận mới; hồ sơ địa chính được cập nhật."
    )
    schema = SCHEMA
    workflow = LandChangeDossier
    source = _(
        "Luật Đất đai 2024 điều 133; Nghị định 101/2024/NĐ-CP điều 22; Nghị định 151/2025/NĐ-CP; "
        "Thông tư 85/2019/TT-BTC. Mã 1.004227 theo CSDL quốc gia về TTHC trước Luật Đất đai "
        "2024 — đối chiếu mã công bố lại theo Quyết định 2304/QĐ-BTNMT trước khi vận hành."
    )
    steps = (
        _("Nộp hồ sơ tại Bộ phận Một cửa cấp xã hoặc trực tuyến."),
        _(
            "Văn phòng đăng ký đất đai kiểm tra hồ sơ; khi thay đổi diện tích, ranh giới thì kiểm "
            "tra, đo đạc thực địa."
        ),
        _(
            "Gửi thông tin để cơ quan thuế xác định nghĩa vụ tài chính (nếu có); người sử dụng đất "
            "nộp nghĩa vụ tài chính."
        ),
        _(
            "Cập nhật hồ sơ địa chính, xác nhận biến động vào Giấy chứng nhận hoặc cấp Giấy chứng "
            "nhận mới; trả kết quả."
        ),
    )
    result_templates = {"xac_nhan_bien_dong": "land_change_registration/result.html"}
    keywords = ("sang tên sổ đỏ", "sổ đỏ", "sổ hồng", "chuyển nhượng đất", "tách thửa")
    usage_rank = 60
    # The field inspection is part of the processing, nationally "Đang xử lý".
    national_status_codes = {LandChangeState.FIELD_INSPECTION: NationalStatus.PROCESSING}
