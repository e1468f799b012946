"""`make run` seeds the demo once: Xã Tứ Kỳ looks like a real commune's portal, and whatever a
user changes afterwards survives every later start."""

from __future__ import annotations

import re
import shlex
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django_tenants.utils import tenant_context

from identity.demo import DEMO_ACCOUNTS
from staff.roles import Role

pytestmark = pytest.mark.django_db

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"


def make_seed_commands() -> list[list[str]]:
    """The `manage.py` commands of the Makefile's `seed` target."""
    lines = MAKEFILE.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("seed:"))
    commands = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        words = shlex.split(line.strip().lstrip("@"))
        if "manage.py" in words:
            commands.append(words[words.index("manage.py") + 1 :])
    assert commands, "the seed target runs no manage.py command"
    return commands


def run_make_seed() -> None:
    """What `make seed` and each `make run` start (`portal_run`) do to the demo data."""
    from portal.management.commands.portal_run import START_STEPS

    # Migrating is not seeding (and the test database is migrated already).
    run_steps = [list(step) for step in START_STEPS if step[0] != "migrate_localities"]
    for command in [*make_seed_commands(), *run_steps]:
        call_command(*command, stdout=StringIO())
    connection.set_schema_to_public()


def footer_of(locality):
    from wagtail.models import Site

    from cms.models import FooterSettings

    with tenant_context(locality):
        return FooterSettings.for_site(Site.objects.get(is_default_site=True))


def banner() -> str:
    out = StringIO()
    call_command("portal_banner", port="8000", stdout=out)
    return out.getvalue()


def test_seeding_twice_keeps_what_a_user_changed(demo_localities, public_schema):
    from cms.models import NewsArticlePage
    from procedure_plugins import selectors
    from procedure_plugins.services import offering_disable
    from staff.selectors import user_roles_in
    from staff.services import staff_remove

    tu_ky = demo_localities["tu_ky"]
    run_make_seed()
    offered = {p.code for p in selectors.offered_procedures(tu_ky)}
    assert "1.001193" in offered
    footer = footer_of(tu_ky)
    assert footer.phone and footer.address and footer.email and footer.licence
    User = get_user_model()
    specialist = User.objects.get(username="chuyenvien.tuky")
    assert user_roles_in(specialist, tu_ky) == ["specialist"]

    # What the commune's people do after the first start.
    offering_disable(locality=tu_ky, code="1.001193")
    platform_admin = User.objects.get(username="quantri")
    staff_remove(locality=tu_ky, actor=platform_admin, user=specialist, role=Role.SPECIALIST)
    with tenant_context(tu_ky):
        footer.phone = "0225 1234 567"
        footer.email = ""
        footer.save()
        news = NewsArticlePage.objects.get()
        news.title = "Tin đã sửa"
        news.save_revision().publish()
        news_count = NewsArticlePage.objects.count()
    citizen = User.objects.get(username="031090001234")
    citizen.set_password("DaDoi@2026")
    citizen.save()

    run_make_seed()  # the next `make run`

    assert "1.001193" not in {p.code for p in selectors.offered_procedures(tu_ky)}
    assert user_roles_in(User.objects.get(username="chuyenvien.tuky"), tu_ky) == []
    footer = footer_of(tu_ky)
    assert (footer.phone, footer.email) == ("0225 1234 567", "")
    with tenant_context(tu_ky):
        assert NewsArticlePage.objects.count() == news_count
        assert NewsArticlePage.objects.get().title == "Tin đã sửa"
    assert User.objects.get(username="031090001234").check_password("DaDoi@2026")


def test_a_seeded_start_only_reads_the_record(
    demo_localities, public_schema, django_assert_max_num_queries
):
    run_make_seed()
    with django_assert_max_num_queries(2):  # the schema switch and one count
        call_command("seed_demo", stdout=StringIO())


def test_every_staff_role_of_tu_ky_has_a_printed_login(demo_localities, public_schema):
    from staff.selectors import user_roles_in

    run_make_seed()
    text = banner()
    tu_ky = demo_localities["tu_ky"]
    User = get_user_model()
    printed_roles = set()
    for username, password in re.findall(r"(\S+)\s+mật khẩu (\S+)", text):
        user = User.objects.get(username=username)
        assert user.check_password(password), username
        printed_roles.update(user_roles_in(user, tu_ky))
    assert printed_roles == {role.value for role in Role}
    assert len(DEMO_ACCOUNTS) == 9


def test_the_seeded_portal_shows_on_tu_ky_home(demo_localities, public_schema, host_client):
    from workflows.tests.helpers import text_of

    run_make_seed()
    client = host_client(demo_localities["tu_ky"])
    home = client.get("/")
    assert home.status_code == 200
    text = text_of(home)
    # The news item, the notice in force, the guide linked from the introduction, the footer.
    assert "Xã Tứ Kỳ đưa cổng dịch vụ công trực tuyến vào phục vụ người dân" in text
    assert "Thời gian tiếp nhận và trả kết quả hồ sơ tại Bộ phận Một cửa xã Tứ Kỳ" in text
    assert "Lần đầu sử dụng? Xem hướng dẫn của xã" in text
    assert "/huong-dan-su-dung-dich-vu-cong-xa-tu-ky/" in home.content.decode()
    assert "Ủy ban nhân dân xã Tứ Kỳ" in text
    assert "Số 1 đường Nguyễn Đức Cảnh, xã Tứ Kỳ, thành phố Hải Phòng" in text
    assert "0220 3747 100" in text and "ubnd.tuky@haiphong.gov.vn" in text
    assert "Người chịu trách nhiệm nội dung: Ông Đỗ Văn Hải" in text
    assert "Giấy phép: Giấy phép số 15/GP-TTĐT" in text
    assert "Đăng ký khai sinh" in text  # the procedures offered, in "most used"

    guide = client.get("/huong-dan-su-dung-dich-vu-cong-xa-tu-ky/")
    assert guide.status_code == 200
    text = text_of(guide)
    for words in (
        "1. Đăng ký tài khoản",
        "Mở cổng dịch vụ công của xã.",
        "http://tu-ky.hai-phong.dichvucong.localhost",
        "2. Nộp hồ sơ trực tuyến",
        "Chọn cách nhận kết quả.",
        "Đăng ký khai sinh",  # a procedure link block
        "Tra cứu hồ sơ",  # the lookup box
        "4. Nhận kết quả",
        "Giờ làm việc: Buổi sáng từ 7 giờ 30",
    ):
        assert words in text, words

    # Chư Pưh, not the showcase, gets its procedures but no demo pages.
    other = text_of(host_client(demo_localities["chu_puh"]).get("/"))
    assert "Xã Tứ Kỳ đưa cổng" not in other and "Chưa có tin nào." in other
