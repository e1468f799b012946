"""Cấp bản sao trích lục hộ tịch (a copy of a civil-status extract), the example in seed 004.

Source: Cơ sở dữ liệu quốc gia về thủ tục hành chính, mã 2.000635 (cấp xã); Luật Hộ tịch 2014
art. 63-64; Nghị định 123/2015/NĐ-CP; Thông tư 04/2020/TT-BTP (tờ khai); Thông tư 281/2016/TT-BTC
(phí 8.000 đồng/bản sao trích lục/sự kiện hộ tịch đã đăng ký).
"""

from django.utils.translation import gettext_noop as _

from procedure_plugins.choices import ApplicantType, DocumentForm, OnlineLevel
from procedure_plugins.contract import (
    BlankForm,
    LegalDocument,
    PerCopy,
    ProcedurePlugin,
    RequiredDocument,
    same_day,
)
from procedure_plugins.registry import register

from .schema import SCHEMA
from .workflow import CivilStatusExtractCopyDossier


@register("2.000635")
class CivilStatusExtractCopy(ProcedurePlugin):
    version = 1
    name = _("Cấp bản sao trích lục hộ tịch")
    field = _("Hộ tịch")
    agency = _("Ủy ban nhân dân cấp xã")
    levels = ("commune", "province")
    online_level = OnlineLevel.FULL
    applicant_types = (ApplicantType.CITIZEN,)
    processing_time = same_day()
    fee = PerCopy(
        amount=8_000,
        copies_field="so_ban_sao",
        note=_("Phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch"),
    )
    legal_basis = (
        LegalDocument("60/2014/QH13", _("Luật Hộ tịch")),
        LegalDocument(
            "123/2015/NĐ-CP",
            _("Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch"),
        ),
        LegalDocument("04/2020/TT-BTP", _("Thông tư quy định chi tiết thi hành Luật Hộ tịch")),
        LegalDocument(
            "281/2016/TT-BTC",
            _(
                "Thông tư quy định mức thu phí khai thác, sử dụng thông tin trong cơ sở dữ liệu "
                "hộ tịch"
            ),
        ),
    )
    documents = (
        RequiredDocument(
            key="to_khai",
            name=_("Tờ khai cấp bản sao trích lục hộ tịch theo mẫu"),
            required=False,
            note=_("Khi nộp trực tuyến, tờ khai điện tử trên Cổng thay cho tờ khai giấy."),
            blank_form=BlankForm(_("Tờ khai cấp bản sao trích lục hộ tịch")),
        ),
        RequiredDocument(
            key="van_ban_uy_quyen",
            name=_("Văn bản ủy quyền"),
            required_when={"quan_he": "uy_quyen"},
            note=(
                _(
                    "Người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột "
                    "thì "
                    "văn bản ủy quyền không phải công chứng, chứng thực."
                )
            ),
        ),
        RequiredDocument(
            key="giay_to_tuy_than",
            name=_("Giấy tờ tùy thân của người yêu cầu"),
            form=DocumentForm.SHOW_ORIGINAL,
            required=False,
            note=_("Không phải nộp khi đăng nhập bằng tài khoản định danh điện tử."),
        ),
    )
    result = _("Bản sao trích lục hộ tịch theo số lượng đề nghị.")
    schema = SCHEMA
    workflow = CivilStatusExtractCopyDossier
    source = _(
        "CSDL quốc gia về TTHC, mã 2.000635; Luật Hộ tịch 2014 điều 63, 64; "
        "Nghị định 123/2015/NĐ-CP; Thông tư 04/2020/TT-BTP; Thông tư 281/2016/TT-BTC."
    )
    steps = (
        _(
            "Người yêu cầu nộp tờ khai tại cơ quan đã đăng ký sự kiện hộ tịch (hoặc cơ quan đang "
            "lưu trữ sổ hộ tịch) và nộp phí."
        ),
        _("Cơ quan đăng ký hộ tịch tra cứu sổ hộ tịch, Cơ sở dữ liệu hộ tịch điện tử."),
        _(
            "Cấp bản sao trích lục ngay trong ngày; nhận yêu cầu sau 15 giờ thì trả trong ngày làm "
            "việc tiếp theo."
        ),
    )
    result_templates = {"ban_sao_trich_luc": "civil_status_extract_copy/result.html"}
    keywords = (
        "trích lục khai sinh",
        "trích lục kết hôn",
        "bản sao giấy khai sinh",
        "xin lại giấy khai sinh",
    )
    usage_rank = 30
