"""Admin view: a province sends one of its notices to every commune below it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages

from tenants.context import current_unit
from tenants.selectors import children_of

from . import services
from .models import NoticePage


def notice_send_to_communes_view(request: HttpRequest, page_id: int) -> HttpResponse:
    notice = get_object_or_404(NoticePage, pk=page_id)
    services.notice_send_check(notice=notice, actor=request.user)  # PermissionDenied: 403
    communes = list(children_of(current_unit()))
    if request.method == "POST":
        try:
            copies = services.notice_send_to_communes(notice=notice, actor=request.user)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return redirect("wagtailadmin_pages:edit", notice.pk)
        created = sum(1 for copy in copies if copy.created)
        already = sum(1 for copy in copies if not copy.created and copy.page_id)
        without_portal = [copy.locality.name for copy in copies if copy.page_id is None]
        messages.success(
            request,
            ngettext(
                "Đã gửi thông báo “%(title)s” tới %(count)d đơn vị cấp dưới.",
                "Đã gửi thông báo “%(title)s” tới %(count)d đơn vị cấp dưới.",
                created,
            )
            % {"title": notice.title, "count": created},
        )
        if already:
            messages.warning(
                request,
                _("%(count)d đơn vị đã có thông báo này từ lần gửi trước nên không gửi lại.")
                % {"count": already},
            )
        if without_portal:
            messages.warning(
                request,
                _("Chưa có cổng thông tin nên chưa nhận được thông báo: %(names)s.")
                % {"names": ", ".join(without_portal)},
            )
        return redirect("wagtailadmin_explore", notice.get_parent().pk)
    return TemplateResponse(
        request,
        "cms/admin/notice_send_confirm.html",
        {"notice": notice, "communes": communes, "page_title": _("Gửi thông báo tới cấp dưới")},
    )
