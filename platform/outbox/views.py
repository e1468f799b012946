"""Staff's view of a dossier's outbound messages, and the re-send of a failed one; a person's
own in-portal notifications.

Staff pages: officers of the dossier's own locality only (roles are per locality: another
locality's officer gets 403 on this host, and another locality's dossier does not exist here:
404). Notifications: each person sees only their own, in the locality of the host.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from workflows.views.common import NotHere, handles_not_here, locality_of
from workflows.views.desk import _dossier_here, _officer_or_403

from . import overrides, selectors, services, templating
from .models import Message, TemplateOverride


@login_required
@require_GET
@handles_not_here
def dossier_messages(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    if (refused := _officer_or_403(request)) is not None:
        return refused
    dossier = _dossier_here(reference)
    rows = [
        (message, services.resend_check(message))
        for message in selectors.dossier_messages(dossier=dossier)
    ]
    return render(request, "outbox/dossier_messages.html", {"dossier": dossier, "rows": rows})


@login_required
@require_POST
@handles_not_here
def message_resend(request: HttpRequest, reference: uuid.UUID, pk: int) -> HttpResponse:
    if (refused := _officer_or_403(request)) is not None:
        return refused
    dossier = _dossier_here(reference)
    message = Message.objects.filter(dossier=dossier, pk=pk).first()
    if message is None:
        raise NotHere(_("Không tìm thấy thông báo này của hồ sơ."))
    if services.resend_check(message):
        services.message_resend(message=message)
        messages.success(request, _("Đã đưa thông báo vào hàng đợi để gửi lại."))
    else:
        messages.info(request, _("Thông báo này không ở trạng thái lỗi nên không cần gửi lại."))
    return redirect("outbox:dossier_messages", reference=dossier.reference)


@login_required
@require_http_methods(["GET", "POST"])
@handles_not_here
def my_notifications(request: HttpRequest) -> HttpResponse:
    locality_of(request)  # a locality's page: not on the national root
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        return redirect("outbox:my_notifications")
    notifications = list(
        selectors.portal_notifications(user=request.user).select_related("dossier")[:100]
    )
    return render(
        request,
        "outbox/my_notifications.html",
        {
            "notifications": notifications,
            "unread": any(n.read_at is None for n in notifications),
        },
    )


def _template_admin_or_403(request: HttpRequest) -> None:
    locality_of(request)  # a locality's page: not on the national root
    if not overrides.template_edit_check(actor=request.user):
        raise PermissionDenied(_("Chỉ quản trị đơn vị mới sửa mẫu thông báo."))


@login_required
@require_GET
@handles_not_here
def message_templates(request: HttpRequest) -> HttpResponse:
    """Every event × channel with its default text and whether the locality has its own."""
    _template_admin_or_403(request)
    saved = {(o.kind, o.channel): o for o in TemplateOverride.objects.all()}
    rows = [
        {
            "kind": kind,
            "label": label,
            "channel": channel,
            "channel_label": templating.channel_label(channel),
            "default": overrides.default_text(kind=kind, channel=channel),
            "own": saved.get((kind, channel)),
        }
        for kind, (label, channels, _variables) in templating.EVENTS.items()
        for channel in channels
    ]
    return render(request, "outbox/message_templates.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
@handles_not_here
def message_template_edit(request: HttpRequest, channel: str, kind: str) -> HttpResponse:
    """The locality's own text for one event and channel: preview, save, or back to default."""
    _template_admin_or_403(request)
    if not templating.editable(kind, channel):
        raise NotHere(_("Không có mẫu thông báo này."))
    own = TemplateOverride.objects.filter(kind=kind, channel=channel).first()
    subject = request.POST.get("subject", own.subject if own else "")
    body = request.POST.get("body", own.body if own else "")
    errors: dict[str, list[str]] = {}
    shown = None
    action = request.POST.get("action", "")
    if action == "reset":
        overrides.template_override_reset(actor=request.user, kind=kind, channel=channel)
        messages.success(request, _("Đã trở lại mẫu mặc định."))
        return redirect("outbox:message_templates")
    if action in ("preview", "save"):
        errors = overrides.override_errors(kind=kind, channel=channel, subject=subject, body=body)
    if action == "save" and not errors:
        overrides.template_override_save(
            actor=request.user, kind=kind, channel=channel, subject=subject, body=body
        )
        messages.success(request, _("Đã lưu mẫu thông báo của đơn vị."))
        return redirect("outbox:message_templates")
    if action == "preview" and not errors:
        shown = overrides.preview(subject=subject, body=body)
    context = {
        "kind": kind,
        "label": templating.EVENTS[kind][0],
        "channel": channel,
        "channel_label": templating.channel_label(channel),
        "variables": templating.variables_of(kind),
        "default": overrides.default_text(kind=kind, channel=channel),
        "own": own,
        "subject": subject,
        "body": body,
        "errors": errors,
        "preview": shown,
    }
    status = 400 if errors else 200
    return render(request, "outbox/message_template_edit.html", context, status=status)
