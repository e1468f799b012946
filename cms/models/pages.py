"""Page types of a locality's portal: home, news, guidance, notices, simple pages, the catalogue."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from tenants.context import current_unit
from tenants.page_cache import mark_cacheable
from tenants.text import fold

from .. import catalogue
from ..blocks import BodyStreamBlock
from ..forms import LookupForm, SearchForm
from ..richtext import SanitisedRichTextField
from ..units import lower_units

INTRO_FEATURES = ["bold", "italic", "link"]
#: Notices are copied between localities, so they hold no references to this locality's pages,
#: images or documents (`link` keeps external links only after the copy rewrites them).
NOTICE_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class NewsArticleQuerySet(PageQuerySet):
    def latest_under(self, home: Page) -> PageQuerySet:
        """Published articles of a portal, newest first (`[:5]` for the home page)."""
        return (
            self.live()
            .public()
            .descendant_of(home)
            .select_related("image")
            .order_by("-date", "-first_published_at")
        )


class NoticeQuerySet(PageQuerySet):
    """Notices by validity: `NoticePage.objects.child_of(index).in_force()`."""

    def in_force(self, *, now: datetime.datetime | None = None) -> PageQuerySet:
        """Published notices in force now: started, and not yet past their end."""
        now = now or timezone.now()
        return (
            self.live()
            .public()
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=now), valid_from__lte=now)
            .order_by("-valid_from")
        )

    def expired(self, *, now: datetime.datetime | None = None) -> PageQuerySet:
        now = now or timezone.now()
        return self.live().public().filter(valid_until__lte=now).order_by("-valid_until")


def _procedure_link(item: Any) -> dict[str, Any]:
    code = catalogue.procedure_code(item)
    return {"code": code, "name": catalogue.procedure_name(item), "url": catalogue.detail_url(code)}


class PortalPage(Page):
    """What every page of a portal shares: an accent-free copy of its text for the search index.

    Citizens often type without diacritics ("dang ky khai sinh"); the index holds the folded text
    next to the original and the search folds the query the same way, so both spellings match
    on any PostgreSQL (no `unaccent` extension needed).
    """

    class Meta:
        abstract = True

    def search_parts(self) -> list[str]:
        return [self.title, self.search_description]

    def folded_search_text(self) -> str:
        return fold(strip_tags(" ".join(str(part) for part in self.search_parts() if part)))

    def stream_text(self, field_name: str = "body") -> list[str]:
        field = self._meta.get_field(field_name)
        return [str(text) for text in field.get_searchable_content(getattr(self, field_name))]

    search_fields = [
        *Page.search_fields,
        index.SearchField("folded_search_text"),
    ]

    def serve(self, request, *args, **kwargs):
        # The same page for every anonymous visitor: shared from the page cache
        # (tenants/page_cache.py decides whether this response may be stored).
        return mark_cacheable(super().serve(request, *args, **kwargs), tag="cms-page")


class HomePage(RoutablePageMixin, PortalPage):
    emblem = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Quốc huy hoặc biểu trưng của đơn vị, hiện ở đầu mọi trang."),
    )
    intro = SanitisedRichTextField(_("lời giới thiệu"), blank=True, features=INTRO_FEATURES)
    news_count = models.PositiveSmallIntegerField(_("số tin mới hiển thị"), default=5)
    notice_count = models.PositiveSmallIntegerField(_("số thông báo hiển thị"), default=5)
    procedure_count = models.PositiveSmallIntegerField(
        _("số thủ tục dùng nhiều hiển thị"), default=6
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("emblem"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("procedure_count"),
                        FieldPanel("news_count"),
                        FieldPanel("notice_count"),
                    ]
                ),
            ],
            heading=_("Các mục trên trang chủ"),
        ),
    ]
    search_fields = [*PortalPage.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.NewsIndexPage",
        "cms.NoticeIndexPage",
        "cms.GuidancePage",
        "cms.SimplePage",
        "cms.CataloguePage",
    ]
    # One portal per locality schema.
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.sections())
        return context

    def sections(self) -> dict[str, Any]:
        """What the home page shows besides its own fields: the search and lookup boxes, the
        most used procedures, the latest news, the notices in force and the lower units."""
        locality = current_unit()
        return {
            "search_form": SearchForm(),
            "search_url": self.url + self.reverse_subpage("search"),
            "lookup_form": LookupForm(),
            "most_used_procedures": [
                _procedure_link(item)
                for item in catalogue.most_used(locality, limit=self.procedure_count)
            ],
            "catalogue_url": catalogue.index_url(),
            "latest_news": NewsArticlePage.objects.latest_under(self)[: self.news_count],
            "current_notices": NoticePage.objects.descendant_of(self).in_force()[
                : self.notice_count
            ],
            "lower_units": lower_units(locality),
        }

    def search_results(self, *, query: str, page: str | None = None) -> dict[str, Any]:
        """Procedures offered here and this portal's pages matching `query`, diacritics ignored."""
        if not query:
            return {"procedures": [], "pages": None, "result_count": 0}
        procedures = [_procedure_link(item) for item in catalogue.search(query, current_unit())]
        results = (
            Page.objects.live()
            .public()
            .descendant_of(self, inclusive=True)
            .specific()
            .search(fold(query), operator="and")
        )
        pages = Paginator(results, 10).get_page(page)
        return {
            "procedures": procedures,
            "pages": pages,
            "result_count": len(procedures) + pages.paginator.count,
        }

    @path("")
    def index_route(self, request, *args, **kwargs):
        # The home page itself (RoutablePageMixin renders it here, not in serve()).
        return mark_cacheable(super().index_route(request, *args, **kwargs), tag="cms-page")

    @path("tim-kiem/", name="search")
    def search(self, request):
        form = SearchForm(request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        results = self.search_results(query=query, page=request.GET.get("trang"))
        return self.render(
            request,
            template="cms/search_results.html",
            context_overrides={"search_form": form, "query": query, **results},
        )


class NewsIndexPage(PortalPage):
    intro = SanitisedRichTextField(_("lời giới thiệu"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsArticlePage"]

    class Meta:
        verbose_name = _("chuyên mục tin tức")
        verbose_name_plural = _("chuyên mục tin tức")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            NewsArticlePage.objects.live()
            .public()
            .child_of(self)
            .select_related("image")
            .order_by("-date", "-first_published_at")
        )
        context["articles"] = Paginator(articles, 10).get_page(request.GET.get("trang"))
        return context


class NewsArticlePage(PortalPage):
    objects = PageManager.from_queryset(NewsArticleQuerySet)()

    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    summary = models.TextField(_("tóm tắt"), max_length=500, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tin tức")
        verbose_name_plural = _("tin tức")

    def search_parts(self) -> list[str]:
        return [*super().search_parts(), self.summary, *self.stream_text()]


class GuidancePage(PortalPage):
    """A guide for citizens (how to register, how to submit, what to bring...)."""

    intro = models.TextField(_("giới thiệu ngắn"), max_length=500, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.HomePage", "cms.GuidancePage"]
    subpage_types = ["cms.GuidancePage"]

    class Meta:
        verbose_name = _("trang hướng dẫn")
        verbose_name_plural = _("trang hướng dẫn")

    def search_parts(self) -> list[str]:
        return [*super().search_parts(), self.intro, *self.stream_text()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = GuidancePage.objects.live().public().child_of(self)
        return context


class NoticeIndexPage(PortalPage):
    intro = SanitisedRichTextField(_("lời giới thiệu"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NoticePage"]

    class Meta:
        verbose_name = _("chuyên mục thông báo")
        verbose_name_plural = _("chuyên mục thông báo")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notices = NoticePage.objects.child_of(self)
        context["current_notices"] = notices.in_force()
        context["past_notices"] = Paginator(notices.expired(), 20).get_page(
            request.GET.get("trang")
        )
        return context


class NoticePage(PortalPage):
    """A notice (thông báo) shown on the home page from `valid_from` until `valid_until`."""

    objects = PageManager.from_queryset(NoticeQuerySet)()

    summary = models.TextField(_("tóm tắt"), max_length=500, blank=True)
    body = SanitisedRichTextField(_("nội dung"), blank=True, features=NOTICE_FEATURES)
    valid_from = models.DateTimeField(_("hiệu lực từ"), default=timezone.now, db_index=True)
    valid_until = models.DateTimeField(
        _("hiệu lực đến"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Sau thời điểm này thông báo rời trang chủ. Để trống: không thời hạn."),
    )
    # Set when a province sent this notice to its communes: who sent it, and a key (schema and
    # page id of the original) so that sending again does not duplicate it.
    origin_name = models.CharField(_("đơn vị gửi"), max_length=150, blank=True)
    origin_key = models.CharField(max_length=80, blank=True, db_index=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("origin_name", read_only=True),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("valid_from"),
        index.FilterField("valid_until"),
    ]
    parent_page_types = ["cms.NoticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")

    def search_parts(self) -> list[str]:
        return [*super().search_parts(), self.summary, self.body]

    def clean(self):
        super().clean()
        if self.valid_until and self.valid_from and self.valid_until <= self.valid_from:
            raise ValidationError(
                {"valid_until": _("Thời điểm hết hiệu lực phải sau thời điểm bắt đầu hiệu lực.")}
            )

    @property
    def is_current(self) -> bool:
        now = timezone.now()
        return self.valid_from <= now and (self.valid_until is None or self.valid_until > now)


class SimplePage(PortalPage):
    """Giới thiệu, Liên hệ and the like: free content, optionally with the contact details."""

    body = StreamField(BodyStreamBlock(), verbose_name=_("nội dung"), blank=True)
    show_contact_details = models.BooleanField(
        _("hiện thông tin liên hệ"),
        default=False,
        help_text=_("Hiện cơ quan, địa chỉ, điện thoại, thư điện tử từ phần Chân trang."),
    )

    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("show_contact_details")]
    search_fields = [*PortalPage.search_fields, index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.SimplePage"]
    subpage_types = ["cms.SimplePage"]

    class Meta:
        verbose_name = _("trang đơn giản")
        verbose_name_plural = _("trang đơn giản")

    def search_parts(self) -> list[str]:
        return [*super().search_parts(), *self.stream_text()]


class CataloguePage(PortalPage):
    """The procedure catalogue's place in the page tree, so editors can put it in menus.

    The catalogue itself is served by `procedure_plugins` at its own URL; this page hands the
    visitor over to it.
    """

    intro = SanitisedRichTextField(_("lời giới thiệu"), blank=True, features=INTRO_FEATURES)

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content=_(
                "Trang này dẫn tới danh mục thủ tục hành chính của đơn vị. Đánh dấu ô “Show "
                "in menus” (hiện trong trình đơn) để đưa danh mục lên thanh điều hướng."
            )
        ),
        FieldPanel("intro"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("danh mục thủ tục")
        verbose_name_plural = _("danh mục thủ tục")

    @property
    def menu_url(self) -> str:
        return catalogue.index_url() or self.url

    def serve(self, request, *args, **kwargs):
        target = catalogue.index_url()
        if target and not getattr(request, "is_preview", False):
            return HttpResponseRedirect(target)
        return super().serve(request, *args, **kwargs)
