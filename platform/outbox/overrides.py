"""A locality administrator rewording the messages of their locality: who may, the save (refused
at the field when a variable is unknown or the syntax is wrong), the preview with sample data.

    template_override_save(actor=admin, kind="received", channel="email",
                           subject="[{{ locality }}] Đã tiếp nhận {{ code }}", body="Kính gửi …")
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from staff.roles import Role
from staff.selectors import is_platform_admin, user_has_role
from tenants.context import require_locality

from .choices import Channel
from .compose import Composed, compose_email, compose_sms
from .models import TemplateOverride
from .templating import editable, fill, text_errors, values, variables_of


def template_edit_check(*, actor: Any) -> bool:
    """May `actor` reword this locality's messages? Its administrators and platform admins."""
    return actor is not None and (
        is_platform_admin(actor) or user_has_role(actor, Role.LOCALITY_ADMIN)
    )


def _refuse_unless_allowed(actor: Any, kind: str, channel: str) -> None:
    if not template_edit_check(actor=actor):
        raise PermissionDenied(_("Chỉ quản trị đơn vị mới sửa mẫu thông báo."))
    if not editable(kind, channel):
        raise PermissionDenied(_("Mẫu thông báo này không sửa được."))


def override_errors(*, kind: str, channel: str, subject: str, body: str) -> dict[str, list[str]]:
    """Field → what is wrong, in Vietnamese; empty when the text can be saved and sent."""
    variables = variables_of(kind)
    errors: dict[str, list[str]] = {}
    if not body.strip():
        errors["body"] = [_("Vui lòng nhập nội dung thông báo.")]
    elif found := text_errors(body, variables):
        errors["body"] = found
    if channel == Channel.EMAIL and (found := text_errors(subject, variables)):
        errors["subject"] = found
    return errors


@transaction.atomic
def template_override_save(
    *, actor: Any, kind: str, channel: str, subject: str, body: str
) -> TemplateOverride:
    _refuse_unless_allowed(actor, kind, channel)
    subject = subject.strip() if channel == Channel.EMAIL else ""
    if errors := override_errors(kind=kind, channel=channel, subject=subject, body=body):
        raise ValidationError(errors)
    saved, _created = TemplateOverride.objects.update_or_create(
        kind=kind,
        channel=channel,
        defaults={
            "subject": subject,
            "body": body.replace("\r\n", "\n").strip(),  # a browser's textarea sends CRLF
            "updated_by": actor.get_full_name() or actor.get_username(),
        },
    )
    return saved


@transaction.atomic
def template_override_reset(*, actor: Any, kind: str, channel: str) -> None:
    """Back to the default text."""
    _refuse_unless_allowed(actor, kind, channel)
    TemplateOverride.objects.filter(kind=kind, channel=channel).delete()


def sample_context() -> dict[str, Any]:
    """Made-up data the preview and the default texts are shown with."""
    locality = require_locality()
    return {
        "person": {"full_name": "Nguyễn Văn An", "username": "031090001234"},
        "applicant": None,
        "dossier": {"code": "000.00.11.H26-260309-0001"},
        "procedure_name": _("Đăng ký thành lập hộ kinh doanh"),
        "state_label": _("Đang xử lý"),
        "note": _("Bản sao giấy chứng nhận quyền sử dụng đất."),
        "appointment": datetime.datetime(2026, 3, 12, 17, 0),
        "url": "https://…/ho-so/…",
        "desk_url": "https://…/ho-so/can-bo/…",
        "lookup_url": "https://…/tra-cuu/…",
        "locality": locality,
        "lines": [
            {
                "code": "000.00.11.H26-260309-0001",
                "state": _("Đang xử lý"),
                "due": "17:00 12/03/2026",
                "detail": "",
                "url": "https://…/ho-so/can-bo/…",
            }
        ],
    }


def default_text(*, kind: str, channel: str) -> Composed:
    """The default message of an event and channel, filled with the sample data."""
    context = sample_context()
    if channel == Channel.EMAIL:
        return compose_email(kind, context, own=False)
    return Composed("", compose_sms(kind, context, own=False), "")


def preview(*, subject: str, body: str) -> Composed:
    """A text as it would read, filled with the sample data (checked first by the caller)."""
    filled = values(sample_context())
    return Composed(" ".join(fill(subject, filled).split()), fill(body, filled).strip(), "")
