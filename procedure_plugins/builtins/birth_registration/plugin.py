"""Đăng ký khai sinh (birth registration) at the commune People's Committee.

Source: Cơ sở dữ liệu quốc gia về thủ tục hành chính, mã 1.001193 (thủ tục đăng ký khai sinh,
cấp xã); Luật Hộ tịch 2014 (art. 11 fee exemption, art. 16 procedure); Nghị định 123/2015/NĐ-CP;
Thông tư 04/2020/TT-BTP (forms); Thông tư 281/2016/TT-BTC (8.000 đồng per extract copy).
Checked against a district portal's published procedure page (molao.hadong.hanoi.gov.vn).
"""

from django.utils.translation import gettext_noop as _

from procedure_plugins.choices import ApplicantType, DocumentForm, OnlineLevel
from procedure_plugins.contract import (
    BlankForm,
    Computed,
    LegalDocument,
    ProcedurePlugin,
    RequiredDocument,
    same_day,
)
from procedure_plugins.registry import register

from .schema import SCHEMA
from .workflow import BirthRegistrationDossier

COPY_FEE = 8_000


def birth_registration_fee(answers: dict) -> int:
    """Registration on time is free (Luật Hộ tịch art. 11); extract copies cost 8.000 đồng each."""
    copies = answers.get("so_ban_sao") or 0
    return COPY_FEE * int(copies) if isinstance(copies, int) else 0


@register("1.001193")
class BirthRegistration(ProcedurePlugin):
    version = 1
    name = _("Đăng ký khai sinh")
    field = _("Hộ tịch")
    agency = _("Ủy ban nhân dân cấp xã")
    levels = ("commune",)
    online_level = OnlineLevel.FULL
    applicant_types = (ApplicantType.CITIZEN,)
    processing_time = same_day()
    processing_time_note = _("Trường hợp cần xác minh: không quá 03 ngày làm việc.")
    fee = Computed(
        function=birth_registration_fee,
        description=(
            _(
                "Miễn lệ phí đăng ký khai sinh đúng hạn (trong 60 ngày kể từ ngày sinh) và cho "
                "người "
                "thuộc hộ nghèo, gia đình có công, người khuyết tật; đăng ký quá hạn: theo mức do "
                "HĐND cấp tỉnh quy định. Bản sao trích lục khai sinh: 8.000 đồng/bản"
            )
        ),
        reads=("so_ban_sao",),
    )
    legal_basis = (
        LegalDocument("60/2014/QH13", _("Luật Hộ tịch")),
        LegalDocument(
            "123/2015/NĐ-CP",
            _("Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch"),
        ),
        LegalDocument(
            "04/2020/TT-BTP",
            _("Thông tư quy định chi tiết thi hành Luật Hộ tịch và Nghị định 123/2015/NĐ-CP"),
        ),
        LegalDocument(
            "85/2019/TT-BTC",
            _("Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của HĐND cấp tỉnh"),
        ),
        LegalDocument(
            "281/2016/TT-BTC",
            _(
                "Thông tư quy định mức thu phí khai thác, sử dụng "
                "thông tin trong cơ sở dữ liệu hộ tịch"
            ),
        ),
    )
    documents = (
        RequiredDocument(
            key="to_khai",
            name=_("Tờ khai đăng ký khai sinh theo mẫu"),
            required=False,
            note=_("Khi nộp trực tuyến, tờ khai điện tử trên Cổng thay cho tờ khai giấy."),
            blank_form=BlankForm(_("Tờ khai đăng ký khai sinh")),
        ),
        RequiredDocument(
            key="giay_chung_sinh",
            name=_("Giấy chứng sinh"),
            note=(
                _(
                    "Không có Giấy chứng sinh: văn bản của người làm chứng xác nhận việc sinh; "
                    "không "
                    "có người làm chứng: giấy cam đoan về việc sinh. Trẻ bị bỏ rơi: biên bản xác "
                    "nhận "
                    "việc trẻ bị bỏ rơi."
                )
            ),
        ),
        RequiredDocument(
            key="van_ban_mang_thai_ho",
            name=_("Văn bản chứng minh việc mang thai hộ"),
            required_when={"mang_thai_ho": True},
            note=_("Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản."),
        ),
        RequiredDocument(
            key="giay_chung_nhan_ket_hon",
            name=_("Giấy chứng nhận kết hôn của cha, mẹ"),
            form=DocumentForm.SHOW_ORIGINAL,
            required_when={"cha_me_da_dang_ky_ket_hon": True},
            note=_(
                "Không phải xuất trình nếu thông tin đã có trong Cơ sở dữ liệu hộ tịch điện tử."
            ),
        ),
        RequiredDocument(
            key="giay_to_tuy_than",
            name=_("Giấy tờ tùy thân của người yêu cầu (thẻ Căn cước, hộ chiếu)"),
            form=DocumentForm.SHOW_ORIGINAL,
            required=False,
            note=_("Không phải nộp khi đăng nhập bằng tài khoản định danh điện tử."),
        ),
    )
    result = _(
        "Giấy khai sinh (bản chính) và bản sao trích lục khai sinh theo số lượng đề nghị; thông "
        "tin được cập nhật vào Cơ sở dữ liệu hộ tịch điện tử và cấp số định danh cá nhân."
    )
    schema = SCHEMA
    workflow = BirthRegistrationDossier
    source = _(
        "CSDL quốc gia về TTHC, mã 1.001193 (cấp xã); Luật Hộ tịch 2014 điều 11, 16; "
        "Nghị định 123/2015/NĐ-CP; Thông tư 04/2020/TT-BTP; Thông tư 281/2016/TT-BTC."
    )
    steps = (
        _(
            "Người yêu cầu nộp tờ khai và giấy tờ (trực tuyến, trực tiếp hoặc qua bưu chính) trong "
            "60 ngày kể từ ngày sinh của trẻ."
        ),
        _(
            "Bộ phận một cửa kiểm tra hồ sơ: đủ thì tiếp nhận, chưa đủ thì hướng dẫn bổ sung một "
            "lần."
        ),
        _(
            "Công chức tư pháp - hộ tịch ghi vào Sổ hộ tịch, cập nhật Cơ sở dữ liệu hộ tịch điện "
            "tử và "
            "Cơ sở dữ liệu quốc gia về dân cư để lấy số định danh cá nhân."
        ),
        _(
            "Chủ tịch UBND cấp xã ký Giấy khai sinh; người yêu cầu nhận kết quả theo hình thức "
            "đã chọn."
        ),
    )
    result_templates = {"giay_khai_sinh": "birth_registration/result.html"}
    keywords = ("làm giấy khai sinh", "khai sinh cho con", "giấy khai sinh", "đăng ký khai sinh")
    usage_rank = 10
