"""An officer's morning on a phone (390 × 844): log in, open the inbox from the header's link,
open the new dossier, receive it, assign it to a specialist, and find it assigned in the list.

The portal runs in its own process (runserver on the test database), so the officers, the
specialist and the dossier are committed first and deleted afterwards.
"""

from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.browser.test_submit_dossier import _in

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PASSWORD = "Sao-Mai-2025"
HOST = "tu-ky.hai-phong.dichvucong.localhost"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def morning(demo_localities, django_db_blocker):
    """A receiving officer, a specialist and a citizen's submitted dossier in Tứ Kỳ, committed."""
    from django.contrib.auth import get_user_model
    from guardian.models import UserObjectPermission

    from identity.tests.factories import make_user
    from staff.models import GroupMembership
    from staff.roles import Role, role_group
    from workflows.models import Dossier
    from workflows.public_index.models import DossierIndexEntry
    from workflows.tests.factories import make_dossier

    tu_ky = demo_localities["tu_ky"]
    tag = uuid.uuid4().hex[:8]
    with django_db_blocker.unblock():
        officer = make_user(username=f"mot-cua-{tag}", full_name="Trần Thị Bình", id_number=None)
        specialist = make_user(
            username=f"chuyen-vien-{tag}", full_name="Phạm Thị Dung", id_number=None
        )
        citizen = make_user(username=f"cong-dan-{tag}", full_name="Lê Văn Tâm", id_number=None)

        def seed():
            officer.groups.add(role_group(Role.RECEIVING_OFFICER))
            specialist.groups.add(role_group(Role.SPECIALIST))
            return make_dossier(applicant=citizen, state="submitted")

        dossier = _in(tu_ky, seed)
    yield {"officer": officer, "specialist": specialist, "dossier": dossier}
    people = [officer, specialist, citizen]
    with django_db_blocker.unblock():

        def clean():
            UserObjectPermission.objects.filter(user__in=people).delete()
            Dossier.objects.filter(applicant=citizen).delete()
            GroupMembership.objects.filter(user__in=people).delete()

        _in(tu_ky, clean)
        DossierIndexEntry.objects.filter(applicant=citizen).delete()
        for person in people:
            get_user_model().objects.filter(pk=person.pk)._raw_delete(connection.alias)
    shutil.rmtree(
        Path(settings.PRIVATE_FILES_ROOT) / tu_ky.schema_name / "ho-so" / str(dossier.reference),
        ignore_errors=True,
    )


def _fits_the_screen(page) -> None:
    """Nothing but the list's own box scrolls sideways on the phone."""
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """(limit) => [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > limit + 1
                && !e.closest('.table-scroll'))
            .slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' +
                Math.round(e.getBoundingClientRect().right))""",
        PHONE["width"],
    )
    assert width <= PHONE["width"], (width, wide)


def test_an_officers_morning_on_a_phone(live_portal, browser, morning):
    context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    code = morning["dossier"].code
    try:
        page.goto(live_portal(HOST, "/tai-khoan/dang-nhap/"))
        page.get_by_label("Tên đăng nhập, số CCCD/CMND hoặc thư điện tử").fill(
            morning["officer"].username
        )
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()

        # The header's link, with the count of the officer's work.
        link = page.locator("a.inbox-link")
        assert re.search(r"Hồ sơ cần xử lý \d+", link.inner_text())
        link.click()
        page.wait_for_url("**/ho-so/can-bo/")
        row = page.locator("table.inbox tbody tr", has_text=code)
        assert row.count() == 1
        assert "Lê Văn Tâm" in row.inner_text()
        _fits_the_screen(page)
        code_cell = row.locator("th.sticky a")
        assert code_cell.is_visible()
        box = code_cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]

        code_cell.click()
        page.wait_for_url(f"**/ho-so/can-bo/{morning['dossier'].reference}/")
        page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
        page.wait_for_load_state()
        assert "Đã cập nhật hồ sơ" in page.locator(".messages").inner_text()

        page.get_by_label("Giao cho chuyên viên").select_option(label="Phạm Thị Dung")
        page.get_by_role("button", name="Phân công", exact=True).click()
        page.wait_for_load_state()
        assert "Đã giao hồ sơ" in page.locator(".messages").inner_text()
        assert "Đang giao cho Phạm Thị Dung" in page.locator(".assign-panel").inner_text()
        _fits_the_screen(page)

        page.goto(live_portal(HOST, "/ho-so/can-bo/?view=all"))
        row = page.locator("table.inbox tbody tr", has_text=code)
        assert "Phạm Thị Dung" in row.inner_text()
        assert "Đã tiếp nhận" in row.inner_text()
        _fits_the_screen(page)
    finally:
        context.close()
