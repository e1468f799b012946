"""Choices of the dossier feature, in one place (states are in states.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryMethod(models.TextChoices):
    """How the citizen receives the result (hình thức nhận kết quả), seed 000 step 4."""

    DESK = "desk", _("Nhận trực tiếp tại Bộ phận Một cửa")
    ONLINE = "online", _("Nhận kết quả điện tử trên Cổng và qua thư điện tử")
    POST = "post", _("Qua dịch vụ bưu chính công ích đến địa chỉ của tôi")


class Intake(models.TextChoices):
    """How the dossier reached the desk; `national_status.channel_of` maps it to the national
    channel code (KenhThucHien: 1 in person, 2 online, 3 post)."""

    PORTAL = "portal", _("Trực tuyến trên Cổng của đơn vị")
    NATIONAL_PORTAL = "national_portal", _("Trực tuyến qua Cổng Dịch vụ công quốc gia")
    COUNTER = "counter", _("Trực tiếp tại Bộ phận Một cửa")
    POST = "post", _("Qua dịch vụ bưu chính công ích")


class EventType(models.TextChoices):
    """Every kind of entry in a dossier's history; one function per type in events.py."""

    DRAFT_CREATED = "draft_created", _("Tạo hồ sơ nháp")
    SUBMITTED = "submitted", _("Nộp hồ sơ trực tuyến")
    COUNTER_INTAKE = "counter_intake", _("Nhận hồ sơ trực tiếp hoặc qua bưu chính")
    RECEIVED = "received", _("Tiếp nhận hồ sơ")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung, hoàn thiện hồ sơ")
    RESUBMITTED = "resubmitted", _("Nộp bổ sung hồ sơ")
    RECEPTION_REFUSED = "reception_refused", _("Từ chối tiếp nhận hồ sơ")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")
    FORWARDED = "forwarded", _("Chuyển xử lý")
    HANDED_OVER = "handed_over", _("Chuyển liên thông")
    TAKEN_BACK = "taken_back", _("Nhận lại hồ sơ liên thông")
    SUBMITTED_FOR_APPROVAL = "submitted_for_approval", _("Trình lãnh đạo phê duyệt")
    APPROVED = "approved", _("Phê duyệt kết quả")
    SENT_BACK = "sent_back", _("Trả lại chuyên viên")
    REFUSED = "refused", _("Từ chối giải quyết")
    RESULT_ATTACHED = "result_attached", _("Đính kèm kết quả đã ký")
    STOPPED = "stopped", _("Dừng giải quyết hồ sơ")
    RESULT_RETURNED = "result_returned", _("Trả kết quả")
    APOLOGY_ISSUED = "apology_issued", _("Xin lỗi và hẹn lại ngày trả kết quả")
    TRANSITION = "transition", _("Bước xử lý của thủ tục")
    RATED = "rated", _("Đánh giá mức độ hài lòng")
    ASSIGNED = "assigned", _("Phân công xử lý")
    REASSIGNED = "reassigned", _("Phân công lại")


class IssuedKind(models.TextChoices):
    """What the unit issues and keeps with the dossier: official slips and the result."""

    RECEIPT = "receipt", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT_REQUEST = "supplement_request", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
    REFUSAL = "refusal", _("Phiếu từ chối tiếp nhận giải quyết hồ sơ")
    APOLOGY = "apology", _("Phiếu xin lỗi và hẹn lại ngày trả kết quả")
    STOP_NOTICE = "stop_notice", _("Thông báo dừng giải quyết hồ sơ")
    CONTROL_SLIP = "control_slip", _("Phiếu kiểm soát quá trình giải quyết hồ sơ")
    RESULT = "result", _("Kết quả giải quyết (bản điện tử)")


class Satisfaction(models.IntegerChoices):
    """Decision 766/QĐ-TTg's satisfaction indicator, one rating per finished dossier."""

    VERY_UNSATISFIED = 1, _("Rất không hài lòng")
    UNSATISFIED = 2, _("Không hài lòng")
    NEUTRAL = 3, _("Bình thường")
    SATISFIED = 4, _("Hài lòng")
    VERY_SATISFIED = 5, _("Rất hài lòng")
