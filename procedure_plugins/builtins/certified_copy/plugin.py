"""Chứng thực bản sao từ bản chính (certifying copies from originals) at the commune.

Source: Cơ sở dữ liệu quốc gia về thủ tục hành chính, mã 2.000815 (chứng thực bản sao từ bản chính
giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận; cấp xã);
Nghị định 23/2015/NĐ-CP (art. 7 time limit, art. 20-22); Thông tư 226/2016/TT-BTC (fee: 2.000
đồng/trang, from the 3rd page 1.000 đồng/trang, at most 200.000 đồng/bản), the same rule as the
national portal's page for the procedure (dichvucong.gov.vn, ma_thu_tuc=187985).
"""

from django.utils.translation import gettext_noop as _

from procedure_plugins.choices import ApplicantType, DocumentForm, OnlineLevel
from procedure_plugins.contract import (
    Computed,
    LegalDocument,
    ProcedurePlugin,
    RequiredDocument,
    same_day,
)
from procedure_plugins.registry import register

from .schema import SCHEMA
from .workflow import CertifiedCopyDossier

FIRST_PAGES_FEE = 2_000
LATER_PAGES_FEE = 1_000
MAX_PER_COPY = 200_000


def fee_per_copy(pages: int) -> int:
    """Thông tư 226/2016/TT-BTC: pages 1–2 at 2.000 đồng, each further page 1.000 đồng,
    capped at 200.000 đồng per copy. `fee_per_copy(5) == 7_000`."""
    if pages <= 0:
        return 0
    amount = FIRST_PAGES_FEE * min(pages, 2) + LATER_PAGES_FEE * max(pages - 2, 0)
    return min(amount, MAX_PER_COPY)


def certification_fee(answers: dict) -> int:
    total = 0
    for row in answers.get("giay_to") or []:
        pages, copies = row.get("so_trang"), row.get("so_ban")
        if isinstance(pages, int) and isinstance(copies, int):
            total += fee_per_copy(pages) * copies
    return total


@register("2.000815")
class CertifiedCopy(ProcedurePlugin):
    version = 1
    name = _(
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền "
        "của Việt Nam cấp hoặc chứng nhận"
    )
    field = _("Chứng thực")
    agency = _("Ủy ban nhân dân cấp xã")
    levels = ("commune",)
    online_level = OnlineLevel.PARTIAL
    applicant_types = (ApplicantType.CITIZEN, ApplicantType.ORGANISATION)
    processing_time = same_day()
    processing_time_note = _(
        "Yêu cầu chứng thực nhiều giấy tờ cùng lúc hoặc giấy tờ phức tạp: không quá 02 ngày làm "
        "việc, hoặc dài hơn theo thỏa thuận bằng văn bản với người yêu cầu."
    )
    fee = Computed(
        function=certification_fee,
        description=(
            _(
                "2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 "
                "đồng/bản "
                "(tính theo số trang của bản chính)"
            )
        ),
        reads=("giay_to",),
    )
    legal_basis = (
        LegalDocument(
            "23/2015/NĐ-CP",
            _(
                "Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực "
                "chữ "
                "ký và chứng thực hợp đồng, giao dịch"
            ),
        ),
        LegalDocument("01/2020/TT-BTP", _("Thông tư hướng dẫn Nghị định 23/2015/NĐ-CP")),
        LegalDocument(
            "226/2016/TT-BTC", _("Thông tư quy định mức thu, chế độ thu, nộp phí chứng thực")
        ),
    )
    documents = (
        RequiredDocument(
            key="ban_chinh",
            name=_("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao"),
            form=DocumentForm.SHOW_ORIGINAL,
            max_files=20,
            note=(
                _(
                    "Nộp trực tuyến: tải lên bản chụp rõ nét từng trang; mang bản chính đến đối "
                    "chiếu "
                    "khi nhận kết quả."
                )
            ),
        ),
        RequiredDocument(
            key="ban_sao",
            name=_("Bản sao cần chứng thực"),
            form=DocumentForm.COPY,
            required=False,
            note=_("Nếu chỉ xuất trình bản chính, cơ quan chứng thực chụp từ bản chính."),
        ),
    )
    result = _("Bản sao được chứng thực từ bản chính.")
    schema = SCHEMA
    workflow = CertifiedCopyDossier
    source = _(
        "CSDL quốc gia về TTHC, mã 2.000815 (cấp xã); Nghị định 23/2015/NĐ-CP điều 7, 20, 21, 22; "
        "Thông tư 226/2016/TT-BTC; dichvucong.gov.vn (ma_thu_tuc=187985) cho cách tính phí."
    )
    requirements = (
        _(
            "Không chứng thực bản sao từ bản chính bị tẩy xoá, sửa chữa, thêm, bớt nội dung không "
            "hợp lệ; bị hư hỏng, cũ nát không xác định được nội dung."
        ),
        _(
            "Không chứng thực bản chính đóng dấu mật hoặc không được phép sao chụp; giấy tờ do cá "
            "nhân tự lập không có xác nhận của cơ quan có thẩm quyền."
        ),
    )
    steps = (
        _("Người yêu cầu xuất trình bản chính và bản sao cần chứng thực (hoặc chỉ bản chính)."),
        _(
            "Người thực hiện chứng thực kiểm tra bản chính, đối chiếu với bản sao, ghi lời chứng, "
            "ký, đóng dấu và ghi vào sổ chứng thực."
        ),
        _(
            "Trả kết quả ngay trong ngày; nhận yêu cầu sau 15 giờ thì trả trong ngày làm việc tiếp "
            "theo."
        ),
    )
    result_templates = {"loi_chung": "certified_copy/result.html"}
    keywords = ("công chứng bản sao", "sao y bản chính", "chứng thực giấy tờ", "photo công chứng")
    usage_rank = 20
