"""Writes of the CMS that cross a locality's border: a province's notice sent to its communes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from tenants.context import current_unit, require_locality, tenant_connection
from tenants.selectors import children_of

from .models import HomePage, NoticeIndexPage, NoticePage
from .richtext import sanitise_rich_text

if TYPE_CHECKING:
    from tenants.models import Locality

_PAGE_LINK = re.compile(r'<a\s+[^>]*linktype="page"[^>]*>', re.IGNORECASE)
_ID_ATTR = re.compile(r'\bid="(\d+)"')


@dataclass(frozen=True)
class NoticeCopy:
    locality: Locality
    page_id: int | None  # None: the commune has no portal (no home page) to copy into
    created: bool


def _absolute_links(html: str) -> str:
    """Page links of the province point at pages the communes do not have: make them absolute."""

    def replace(match: re.Match) -> str:
        found = _ID_ATTR.search(match.group(0))
        page = Page.objects.filter(pk=found.group(1)).first() if found else None
        url = page.full_url if page else None
        return f'<a href="{url}">' if url else "<a>"

    return _PAGE_LINK.sub(replace, html or "")


def _notice_index_for_copy(home: HomePage) -> NoticeIndexPage:
    index = NoticeIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=NoticeIndexPage(title=_("Thông báo"), slug="thong-bao"))
        index.save_revision().publish()
    return index


def _unique_slug(parent: Page, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def notice_send_check(*, notice: Page, actor) -> None:
    """May `actor` send `notice` to the communes below this locality? Raises PermissionDenied
    with the reason, in Vietnamese; returns None when allowed. The admin's button, the
    confirmation page and `notice_send_to_communes` all ask this one function."""

    if not isinstance(notice.specific_deferred, NoticePage):
        raise PermissionDenied(_("Chỉ gửi được trang thông báo."))
    if not notice.live:
        raise PermissionDenied(_("Chỉ gửi được thông báo đã xuất bản."))
    unit = current_unit()
    if unit is None or not children_of(unit).exists():
        raise PermissionDenied(_("Đơn vị này không có đơn vị cấp dưới để gửi thông báo."))
    if not notice.permissions_for_user(actor).can_publish():
        raise PermissionDenied(_("Bạn không có quyền xuất bản thông báo này."))


def notice_send_allowed(*, notice: Page, actor) -> bool:
    try:
        notice_send_check(notice=notice, actor=actor)
    except PermissionDenied:
        return False
    return True


@transaction.atomic
def notice_send_to_communes(*, notice: NoticePage, actor) -> list[NoticeCopy]:
    """Copy a province's published notice into every active commune below it, published there.

    Each copy is an ordinary notice of the commune (its editors may change or unpublish it) that
    remembers where it came from; sending the same notice again skips communes that have it.
    The whole send is one transaction: every commune gets the notice, or none does.

    Example: `notice_send_to_communes(notice=hai_phong_notice, actor=editor)` -> one
    `NoticeCopy` per commune of Hải Phòng.
    """

    notice_send_check(notice=notice, actor=actor)
    province = require_locality()
    origin_key = f"{province.schema_name}:{notice.pk}"
    payload = {
        "title": notice.title,
        "summary": notice.summary,
        "body": sanitise_rich_text(_absolute_links(notice.body)),
        "valid_from": notice.valid_from,
        "valid_until": notice.valid_until,
        "origin_name": notice.origin_name or province.name,
        "origin_key": origin_key,
        "search_description": notice.search_description,
    }
    slug = notice.slug
    copies: list[NoticeCopy] = []
    try:
        for commune in list(children_of(province)):
            tenant_connection().set_tenant(commune)
            existing = NoticePage.objects.filter(origin_key=origin_key).first()
            if existing is not None:
                copies.append(NoticeCopy(locality=commune, page_id=existing.pk, created=False))
                continue
            home = HomePage.objects.first()
            if home is None:  # a commune without a portal yet: nothing to copy into
                copies.append(NoticeCopy(locality=commune, page_id=None, created=False))
                continue
            index = _notice_index_for_copy(home)
            copy = NoticePage(slug=_unique_slug(index, slug), **payload)
            index.add_child(instance=copy)
            copy.save_revision(user=actor, log_action=True).publish(user=actor)
            copies.append(NoticeCopy(locality=commune, page_id=copy.pk, created=True))
    finally:
        tenant_connection().set_tenant(province)
    return copies
