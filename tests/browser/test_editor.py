"""An editor of Xã Tứ Kỳ publishes a guidance page with an image in the locality's Wagtail admin;
the page appears in the menu of the commune's home page and shows the image.

Every page, the admin's included, is photographed and checked by axe-core as in test_journeys."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection

from tests.browser.audit import Walk, new_context
from tests.browser.test_journeys import PASSWORD, TU_KY, _in, log_in, look
from tests.support import forget_sessions
from workflows.tests.helpers import image_bytes

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TITLE = "Hướng dẫn nộp hồ sơ trên điện thoại"


@pytest.fixture
def editor(demo_localities, django_db_blocker):
    """An editor of Tứ Kỳ (committed); afterwards the page and image they made are removed."""
    from django.contrib.auth import get_user_model
    from wagtail.images.models import Image
    from wagtail.models import Page

    from identity.tests.factories import make_user
    from staff.models import GroupMembership
    from staff.roles import Role, role_group

    tu_ky = demo_localities["tu_ky"]
    tag = uuid.uuid4().hex[:8]
    with django_db_blocker.unblock():
        user = make_user(username=f"bien-tap-{tag}", full_name="Ngô Thị Thu", id_number=None)
        _in(tu_ky, lambda: user.groups.add(role_group(Role.EDITOR)))
    yield user
    with django_db_blocker.unblock():

        def clean():
            for page in Page.objects.filter(title=TITLE, owner=user):
                page.delete()
            for image in Image.objects.filter(uploaded_by_user=user):
                image.delete()
            GroupMembership.objects.filter(user=user).delete()

        _in(tu_ky, clean)
        forget_sessions([user])
        get_user_model().objects.filter(pk=user.pk)._raw_delete(connection.alias)


def test_an_editor_publishes_a_guidance_page_with_an_image(
    live_portal, browser, editor, walks, demo_localities, django_db_blocker, tmp_path
):
    from cms.models import HomePage

    with django_db_blocker.unblock():
        home = _in(demo_localities["tu_ky"], lambda: HomePage.objects.get())
    context = new_context(browser, "desktop")
    page = context.new_page()
    walk = Walk(page, "bien-tap", "desktop", walks)
    try:
        log_in(walk, live_portal, editor.username, PASSWORD, "đăng nhập biên tập")
        page.goto(live_portal(TU_KY, f"/quan-tri/pages/add/cms/guidancepage/{home.pk}/"))
        walk.look("trang hướng dẫn mới")
        page.locator("#id_title").fill(TITLE)
        page.locator("#id_intro").fill("Ba bước để nộp hồ sơ trực tuyến bằng điện thoại.")

        page.locator("#panel-child-content-body-content button[title]").first.click()
        page.get_by_role("option", name="Ảnh có chú thích").click()
        page.locator("[data-chooser-action-choose], button.action-choose").first.click()
        modal = page.locator(".modal-dialog")
        modal.locator("[data-tab='upload'], a[href='#tab-upload'], #tab-label-upload").first.click()
        picture = tmp_path / "man-hinh.png"
        picture.write_bytes(image_bytes(size=(320, 200)))
        modal.locator("input[type=file]").set_input_files(str(picture))
        modal.locator("input[name$='title']").fill("Màn hình nộp hồ sơ")
        modal.locator("form button[type=submit]").first.click()
        modal.wait_for(state="hidden")
        page.locator("input[name$='caption']").first.fill("Hình 1. Màn hình nộp hồ sơ")

        page.locator("#tab-label-promote, a[href='#tab-promote']").first.click()
        page.locator("#id_show_in_menus").check()
        page.locator("button[name='action-publish']").evaluate("(button) => button.click()")
        page.wait_for_load_state()
        walk.look("đã xuất bản")

        page.goto(live_portal(TU_KY, "/"))
        look(walk, "trang chủ có trang mới")
        page.locator("nav.main-menu").get_by_role("link", name=TITLE).click()
        look(walk, "trang hướng dẫn")
        assert page.locator("main figure img").count() == 1
        assert "Hình 1. Màn hình nộp hồ sơ" in page.locator("main figure").inner_text()
        assert page.locator("main figure img").evaluate("(img) => img.naturalWidth") > 0
    finally:
        context.close()
    walk.assert_accessible()
