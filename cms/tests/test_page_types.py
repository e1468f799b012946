"""The page tree's rules, checked with Wagtail's page assertions inside a demo locality."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import (
    CataloguePage,
    GuidancePage,
    HomePage,
    NewsArticlePage,
    NewsIndexPage,
    NoticeIndexPage,
    NoticePage,
    SimplePage,
)
from cms.tests.conftest import BACKEND, make_editor
from tenants.models import Locality


class LocalityPageTestCase(WagtailPageTestCase):
    """WagtailPageTestCase run inside Xã Tứ Kỳ's schema, with a client on its host."""

    locality_code = "11074"

    def setUp(self):
        super().setUp()
        self.locality = Locality.objects.get(code=self.locality_code)
        connection.set_tenant(self.locality)
        self.host = self.locality.get_primary_domain().domain
        self.client = Client(HTTP_HOST=self.host)
        self.home = HomePage.objects.get()

    def tearDown(self):
        connection.set_schema_to_public()
        super().tearDown()


class TestAllowedTypes(LocalityPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(NewsIndexPage, HomePage)

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {NewsIndexPage, NoticeIndexPage, GuidancePage, SimplePage, CataloguePage},
        )

    def test_news_articles_live_in_the_news_index_only(self):
        self.assertAllowedParentPageTypes(NewsArticlePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsArticlePage})
        self.assertAllowedSubpageTypes(NewsArticlePage, set())
        self.assertCanNotCreateAt(HomePage, NewsArticlePage)

    def test_notices_live_in_the_notice_index_only(self):
        self.assertAllowedParentPageTypes(NoticePage, {NoticeIndexPage})
        self.assertAllowedSubpageTypes(NoticeIndexPage, {NoticePage})
        self.assertCanNotCreateAt(NewsIndexPage, NoticePage)

    def test_guidance_and_simple_pages_nest(self):
        self.assertAllowedParentPageTypes(GuidancePage, {HomePage, GuidancePage})
        self.assertAllowedParentPageTypes(SimplePage, {HomePage, SimplePage})
        self.assertCanCreateAt(GuidancePage, GuidancePage)
        self.assertCanNotCreateAt(SimplePage, GuidancePage)

    def test_catalogue_page_is_a_leaf_under_home(self):
        self.assertAllowedParentPageTypes(CataloguePage, {HomePage})
        self.assertAllowedSubpageTypes(CataloguePage, set())

    def test_a_second_home_or_catalogue_page_cannot_be_added(self):
        # One portal per locality: the migration's home page and catalogue page use up max_count.
        root = Page.objects.get(depth=1)
        self.assertFalse(HomePage.can_create_at(root))
        self.assertFalse(CataloguePage.can_create_at(self.home))


class TestEditorCreatesPages(LocalityPageTestCase):
    def setUp(self):
        super().setUp()
        self.editor = make_editor(self.locality)
        self.client.force_login(self.editor, backend=BACKEND)

    def test_editor_creates_and_publishes_a_guidance_page_in_the_admin(self):
        data = nested_form_data(
            {
                "title": "Hướng dẫn chứng thực bản sao",
                "slug": "huong-dan-chung-thuc",
                "intro": "Mang bản chính đến Bộ phận Một cửa.",
                "body": streamfield(
                    [
                        ("heading", {"text": "Chuẩn bị", "level": "h2"}),
                        ("paragraph", rich_text("<p>Bản chính và bản sao cần chứng thực.</p>")),
                    ]
                ),
            }
        )
        self.assertCanCreate(self.home, GuidancePage, data)
        page = GuidancePage.objects.get(slug="huong-dan-chung-thuc")
        self.assertTrue(page.live)
        self.assertPageIsRoutable(page)
        self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(
            self.home, route_path="tim-kiem/", query_data={"q": "chung thuc"}
        )

    def test_editor_adds_a_news_article(self):
        news = NewsIndexPage.objects.child_of(self.home).get()
        data = nested_form_data(
            {
                "title": "Lịch tiếp công dân tháng 12",
                "slug": "lich-tiep-cong-dan",
                "date": "2026-12-01",
                "summary": "Lịch tiếp công dân của UBND xã.",
                "body": streamfield([("paragraph", rich_text("<p>Thứ Năm hằng tuần.</p>"))]),
            }
        )
        self.assertCanCreate(news, NewsArticlePage, data)
        self.assertTrue(NewsArticlePage.objects.get(slug="lich-tiep-cong-dan").live)
