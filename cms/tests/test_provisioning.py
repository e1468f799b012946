"""A locality's portal at provisioning: the setup hook on a template-fresh schema."""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site
from wagtail.search.models import IndexEntry

from cms.models import GuidancePage, HomePage
from cms.provisioning import index_pages_if_unindexed, setup_locality_site

pytestmark = pytest.mark.django_db


def reset_to_template_state() -> None:
    """What a schema freshly cloned from the template holds: Wagtail's placeholder Site."""
    Site.objects.update(hostname="localhost", port=80, site_name="")
    Page.objects.filter(depth=2).update(title="Trang chủ", draft_title="Trang chủ")


def test_setup_hook_adopts_the_template_portal_in_a_few_queries(demo_localities, use_locality):
    tu_ky = use_locality(demo_localities["tu_ky"])
    setup_locality_site(tu_ky)  # warm: imports and per-process caches are not the hook's cost
    reset_to_template_state()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        setup_locality_site(tu_ky)
    elapsed = time.perf_counter() - started
    # django-tenants repeats `SET search_path` before each statement; count the real work.
    statements = [q["sql"] for q in queries if not q["sql"].startswith("SET search_path")]
    assert len(statements) <= 8, statements
    assert elapsed < 0.25  # ~25 ms on the 2-core CI machine under load
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("tu-ky.hai-phong.dichvucong.localhost", 8000)
    assert site.root_page.title == "Xã Tứ Kỳ"
    # The starting pages are searchable: their index came with the template.
    guide = GuidancePage.objects.get(slug="huong-dan-dang-ky-va-nop-ho-so")
    assert guide.pk in [page.pk for page in Page.objects.live().search("dang ky tai khoan")]


def test_setup_is_idempotent_and_the_command_skips_localities_that_have_a_site(
    demo_localities, use_locality
):
    chu_puh = use_locality(demo_localities["chu_puh"])
    setup_locality_site(chu_puh)
    setup_locality_site(chu_puh)
    assert Site.objects.count() == 1
    assert HomePage.objects.count() == 1
    connection.set_schema_to_public()
    call_command("cms_setup_sites", index=True, verbosity=0)
    use_locality(chu_puh)
    assert Site.objects.get().hostname == "chu-puh.gia-lai.dichvucong.localhost"


def test_index_is_built_once_per_schema(demo_localities, use_locality):
    use_locality(demo_localities["gia_lai"])
    assert index_pages_if_unindexed() == 0  # already indexed: one query, nothing written
    IndexEntry.objects.all().delete()
    assert index_pages_if_unindexed() == Page.objects.live().count()
    assert IndexEntry.objects.filter(content_type__app_label="cms").exists()


def test_starting_pages_and_editor_permissions_come_from_the_migration(
    demo_localities, use_locality
):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, GroupCollectionPermission, GroupPagePermission

    use_locality(demo_localities["hai_phong"])
    home = HomePage.objects.get()
    assert [page.slug for page in home.get_children()] == [
        "tin-tuc",
        "thong-bao",
        "huong-dan-dang-ky-va-nop-ho-so",
        "thu-tuc-hanh-chinh",
        "gioi-thieu",
        "lien-he",
    ]
    editor = Group.objects.get(name="editor")
    codenames = set(
        GroupPagePermission.objects.filter(group=editor).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page", "lock_page"} <= codenames
    assert GroupCollectionPermission.objects.filter(
        group=editor, permission__codename="add_image"
    ).exists()
    assert editor.permissions.filter(codename="change_footersettings").exists()
    assert GroupApprovalTask.objects.filter(groups=editor).exists()


@pytest.mark.slow
def test_a_new_locality_gets_a_working_portal_from_the_setup_hook(
    demo_localities, host_client, public_schema, locality_template, settings
):
    from tenants.choices import Level
    from tenants.schema_template import template_snapshot
    from tenants.services import locality_create

    assert "cms.provisioning.setup_locality_site" in settings.LOCALITY_SETUP_HOOKS
    template_snapshot()  # dumped once per process; not a cost of each locality
    commune = locality_create(
        level=Level.COMMUNE,
        code="99002",
        name="Xã Thử Nghiệm Cổng",
        slug="xa-thu-nghiem-cong",
        parent=demo_localities["gia_lai"],
        division_type="xã",
    )
    connection.set_tenant(commune)
    site = Site.objects.get(is_default_site=True)
    assert site.hostname == "xa-thu-nghiem-cong.gia-lai.dichvucong.localhost"
    assert site.root_page.title == "Xã Thử Nghiệm Cổng"
    # Its search index came with the copy of the template.
    assert Page.objects.live().search("nop ho so")
    connection.set_schema_to_public()
    home = host_client(commune).get("/")
    assert home.status_code == 200
    assert "Cổng dịch vụ công trực tuyến Xã Thử Nghiệm Cổng" in home.content.decode()
    guide = host_client(commune).get("/huong-dan-dang-ky-va-nop-ho-so/")
    assert guide.status_code == 200
    # The province's portal lists it among its communes.
    province = host_client(demo_localities["gia_lai"]).get("/").content.decode()
    assert 'href="http://xa-thu-nghiem-cong.gia-lai.dichvucong.localhost/"' in province
