"""E-mails to the applicant, scheduled by the services to leave after their transaction commits.

One function, one template; what differs per event is a subject and an opening line. Links
point to the dossier's own locality host (workflows.links), never to a global setting. A
failing mail server never undoes a dossier change: the message is sent after commit and a
failure is logged (`on_commit(..., robust=True)`).
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from tenants.context import require_locality

from . import links
from .calendar import to_local
from .models import Dossier
from .models.handover import is_handover_copy

logger = logging.getLogger(__name__)

#: kind → (subject, opening line). The subject gets the code and the locality's name.
MESSAGES = {
    "submitted": (
        _("Đã nhận hồ sơ nộp trực tuyến"),
        _("Cổng dịch vụ công đã nhận hồ sơ bạn nộp trực tuyến. Bộ phận Một cửa sẽ kiểm tra hồ sơ."),
    ),
    "received": (
        _("Hồ sơ đã được tiếp nhận"),
        _("Bộ phận Một cửa đã tiếp nhận hồ sơ của bạn."),
    ),
    "supplement_requested": (
        _("Yêu cầu bổ sung, hoàn thiện hồ sơ"),
        _(
            "Hồ sơ của bạn cần được bổ sung, hoàn thiện. Thời hạn giải quyết tạm dừng cho đến khi "
            "bạn nộp bổ sung."
        ),
    ),
    "resubmitted": (
        _("Đã nhận hồ sơ nộp bổ sung"),
        _("Cổng dịch vụ công đã nhận phần bổ sung của bạn. Bộ phận Một cửa sẽ kiểm tra lại."),
    ),
    "reception_refused": (
        _("Hồ sơ bị từ chối tiếp nhận"),
        _("Bộ phận Một cửa từ chối tiếp nhận hồ sơ của bạn, với lý do dưới đây."),
    ),
    "refused": (
        _("Hồ sơ bị từ chối giải quyết"),
        _("Cơ quan giải quyết từ chối giải quyết hồ sơ của bạn, với lý do dưới đây."),
    ),
    "stopped": (
        _("Thông báo dừng giải quyết hồ sơ"),
        _("Cơ quan giải quyết dừng giải quyết hồ sơ của bạn, với lý do dưới đây."),
    ),
    "withdrawn": (
        _("Hồ sơ đã được rút"),
        _("Bạn đã rút hồ sơ. Hồ sơ sẽ không được giải quyết tiếp."),
    ),
    "result_ready": (
        _("Đã có kết quả giải quyết"),
        _("Hồ sơ của bạn đã có kết quả."),
    ),
    "returned": (
        _("Đã trả kết quả"),
        _("Kết quả giải quyết hồ sơ của bạn đã được trả theo hình thức bạn chọn."),
    ),
    "apology": (
        _("Thư xin lỗi và hẹn lại ngày trả kết quả"),
        _(
            "Cơ quan giải quyết xin lỗi vì hồ sơ của bạn chưa có kết quả đúng hẹn, và hẹn lại "
            "ngày trả kết quả dưới đây."
        ),
    ),
}


def notify_applicant(*, dossier: Dossier, kind: str, note: str = "") -> None:
    """Queue the e-mail `kind` to the dossier's applicant (after commit; no address, no mail)."""
    if is_handover_copy(dossier):
        return  # the origin unit writes to the citizen, not the unit doing its part (liên thông)
    applicant = dossier.applicant
    address = applicant.email
    if not address:
        return
    locality = require_locality()
    subject_text, opening = MESSAGES[kind]
    due = dossier.due_at
    context = {
        "applicant": applicant,
        "dossier": dossier,
        "procedure_name": dossier.plugin.name,
        "state_label": dossier.get_state_label(),
        "opening": opening,
        "note": note,
        "appointment": to_local(due) if due else None,
        "url": links.dossier_url(dossier, locality),
        "lookup_url": links.lookup_url(dossier.code, locality) if dossier.code else "",
        "locality": locality,
    }
    subject = f"[{locality.name}] {subject_text}" + (f" – {dossier.code}" if dossier.code else "")
    text = render_to_string("workflows/email/notice.txt", context)
    html = render_to_string("workflows/email/notice.html", context)

    def send() -> None:
        message = EmailMultiAlternatives(subject, text, to=[address])
        message.attach_alternative(html, "text/html")
        message.send()

    transaction.on_commit(send, robust=True)
