"""One dispatcher runs Wagtail's periodic jobs in every locality, in batches."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context
from wagtail.models import Page, Revision

from cms.models import HomePage, NewsArticlePage, NewsIndexPage
from cms.tasks import dispatch, locality_schema_batches, run_in_localities

pytestmark = pytest.mark.django_db


def schedule_article(locality, title: str, slug: str) -> int:
    """A news article scheduled to go live, whose time has now come."""
    with tenant_context(locality):
        index = NewsIndexPage.objects.get()
        article = NewsArticlePage(title=title, slug=slug, live=False)
        index.add_child(instance=article)
        article.go_live_at = timezone.now() + datetime.timedelta(hours=1)
        article.save_revision().publish()  # scheduled, not live
        article.refresh_from_db()
        assert not article.live
        # Let the clock pass the scheduled time: the revision and its content say a minute ago.
        past = timezone.now() - datetime.timedelta(minutes=1)
        revision = Revision.page_revisions.get(object_id=str(article.pk))
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])
        return article.pk


def test_dispatcher_publishes_scheduled_pages_in_every_locality(
    demo_localities, eager_celery, host_client
):
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    scheduled = {
        tu_ky.schema_name: schedule_article(tu_ky, "Lịch tiếp dân tháng 1", "tiep-dan-thang-1"),
        chu_puh.schema_name: schedule_article(chu_puh, "Lịch trực Tết", "lich-truc-tet"),
    }
    connection.set_schema_to_public()
    batches = dispatch.apply(args=("publish_scheduled",), kwargs={"batch_size": 3}).get()
    assert batches == 2  # four demo localities, three per batch
    for locality in (tu_ky, chu_puh):
        with tenant_context(locality):
            assert Page.objects.get(pk=scheduled[locality.schema_name]).live
    assert "Lịch trực Tết" in host_client(chu_puh).get("/").content.decode()


def test_batches_cover_every_active_locality_but_the_national_root(demo_localities):
    batches = locality_schema_batches(batch_size=3)
    flat = [schema for batch in batches for schema in batch]
    assert sorted(flat) == sorted(
        demo_localities[key].schema_name for key in ("hai_phong", "tu_ky", "gia_lai", "chu_puh")
    )
    assert "public" not in flat
    assert all(len(batch) <= 3 for batch in batches)


def test_one_localitys_failure_does_not_stop_the_batch(demo_localities, monkeypatch):
    from cms import tasks

    calls = []

    def flaky():
        calls.append(connection.schema_name)
        if connection.schema_name == demo_localities["tu_ky"].schema_name:
            raise RuntimeError("disk full")

    monkeypatch.setitem(tasks.JOBS, "flaky", flaky)
    schemas = [demo_localities["tu_ky"].schema_name, demo_localities["chu_puh"].schema_name]
    outcome = run_in_localities.apply(args=("flaky", schemas)).get()
    assert outcome == {schemas[0]: "failed", schemas[1]: "ok"}
    assert sorted(calls) == sorted(schemas)


def test_update_index_job_indexes_a_page_written_around_the_signals(demo_localities):
    tu_ky = demo_localities["tu_ky"]
    with tenant_context(tu_ky):
        home = HomePage.objects.get()
        # A bulk update bypasses Wagtail's signals, so the index still has the old title.
        Page.objects.filter(slug="gioi-thieu").update(title="Giới thiệu về Tứ Kỳ xưa và nay")
        assert not Page.objects.live().descendant_of(home).search("xua va nay")
    run_in_localities.apply(args=("update_index", [tu_ky.schema_name])).get()
    with tenant_context(tu_ky):
        assert Page.objects.live().search("xua va nay")
