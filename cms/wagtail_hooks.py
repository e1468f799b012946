"""Wagtail admin and page-serving hooks of the locality portals."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import counters, services, views


@hooks.register("before_serve_page")
def count_visit(page, request, serve_args, serve_kwargs):
    # Cache operations only; the database is written by the periodic flush (cms.tasks).
    counters.record_view(request)


@hooks.register("register_admin_urls")
def cms_admin_urls():
    return [
        path(
            "cms/thong-bao/<int:page_id>/gui-cap-duoi/",
            views.notice_send_to_communes_view,
            name="cms_notice_send",
        ),
    ]


class SendNoticeToCommunesButton(PageMenuItem):
    label = _("Gửi tới các xã trực thuộc")
    icon_name = "resubmit"
    priority = 25

    @property
    def url(self):
        return reverse("cms_notice_send", args=[self.page.id])

    def is_shown(self, user):
        return services.notice_send_allowed(notice=self.page, actor=user)


@hooks.register("register_page_header_buttons")
def notice_header_buttons(page, user, view_name, next_url=None):
    yield SendNoticeToCommunesButton(page=page)


@hooks.register("register_page_listing_more_buttons")
def notice_listing_buttons(page, user, next_url=None):
    yield SendNoticeToCommunesButton(page=page)
