"""Done when: an officer of commune A gets 403 on every staff page and admin page of commune B,
and an editor of A cannot open B's Wagtail admin (while A's opens for them)."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from identity.tests.factories import make_user
from staff.roles import Role
from staff.services import staff_appoint

pytestmark = pytest.mark.django_db

# Wagtail's admin pages every locality host serves under /quan-tri/.
WAGTAIL_PAGES = [
    "/quan-tri/",
    "/quan-tri/pages/",
    "/quan-tri/images/",
    "/quan-tri/documents/",
    "/quan-tri/snippets/",
    "/quan-tri/reports/site-history/",
]
# Staff pages of a locality: (method, path, data).
STAFF_PAGES = [
    ("get", "/tai-khoan/can-bo/", None),
    ("post", "/tai-khoan/can-bo/bo-nhiem/", {"identifier": "", "role": "editor"}),
    ("post", "/tai-khoan/can-bo/mien-nhiem/", {"user": "1", "role": "editor"}),
]


@pytest.fixture
def staff_of_tu_ky(demo_localities):
    platform_admin = make_user(is_staff=True)
    people = {}
    for role in Role:
        person = make_user(full_name=f"Cán Bộ {role.label}")
        staff_appoint(
            locality=demo_localities["tu_ky"], actor=platform_admin, user=person, role=role
        )
        people[role] = person
    return people


def first_page_id(locality) -> int:
    from wagtail.models import Page

    with schema_context(locality.schema_name):
        page = Page.objects.filter(depth__gte=2).order_by("path").first()
        return page.pk


def request(client, method, path, data):
    return client.post(path, data) if method == "post" else client.get(path)


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_staff_of_tu_ky_get_403_on_every_staff_and_admin_page_of_chu_puh(
    host_client, demo_localities, staff_of_tu_ky, role
):
    client = host_client(demo_localities["chu_puh"])
    client.force_login(staff_of_tu_ky[role])
    chu_puh_page = first_page_id(demo_localities["chu_puh"])
    pages = [("get", path, None) for path in WAGTAIL_PAGES]
    pages += [
        ("get", f"/quan-tri/pages/{chu_puh_page}/", None),
        ("get", f"/quan-tri/pages/{chu_puh_page}/edit/", None),
        *STAFF_PAGES,
    ]
    for method, path, data in pages:
        response = request(client, method, path, data)
        assert response.status_code == 403, (role, path, response.status_code)
        assert "Không có quyền truy cập" in response.content.decode()
        assert "Xã Chư Pưh" in response.content.decode()
    # Nothing was changed in Chư Pưh by the attempts.
    with schema_context(demo_localities["chu_puh"].schema_name):
        from staff.models import GroupMembership

        assert not GroupMembership.objects.filter(user=staff_of_tu_ky[role]).exists()


def test_tu_ky_admin_gets_403_on_the_provincial_pages_of_either_province(
    host_client, demo_localities, staff_of_tu_ky
):
    admin = staff_of_tu_ky[Role.LOCALITY_ADMIN]
    for province in ("hai_phong", "gia_lai"):
        client = host_client(demo_localities[province])
        client.force_login(admin)
        assert client.get("/tai-khoan/don-vi/").status_code == 403
        assert client.post("/tai-khoan/don-vi/23942/", {"action": "deactivate"}).status_code == 403
    national = host_client(demo_localities["national"])
    national.force_login(admin)
    assert national.get("/tai-khoan/don-vi/").status_code == 403


def test_editor_of_tu_ky_opens_tu_ky_wagtail_admin_and_edits_a_page(
    host_client, demo_localities, staff_of_tu_ky
):
    editor = staff_of_tu_ky[Role.EDITOR]
    client = host_client(demo_localities["tu_ky"])
    client.force_login(editor)
    for path in WAGTAIL_PAGES[:4]:
        assert client.get(path).status_code == 200, path
    page_id = first_page_id(demo_localities["tu_ky"])
    edit = client.get(f"/quan-tri/pages/{page_id}/edit/")
    assert edit.status_code == 200
    # Wagtail's account page opens, but e-mail and password are managed on the portal, where a
    # new address must be confirmed.
    account = client.get("/quan-tri/account/")
    assert account.status_code == 200
    assert 'name="email"' not in account.content.decode()
    # The header of the public site offers the editor the way in, here only.
    assert "/quan-tri/" in client.get("/").content.decode()
    other = host_client(demo_localities["chu_puh"])
    other.force_login(editor)
    assert "/quan-tri/" not in other.get("/").content.decode()


def test_officer_of_tu_ky_has_no_wagtail_admin_even_at_home(
    host_client, demo_localities, staff_of_tu_ky
):
    client = host_client(demo_localities["tu_ky"])
    client.force_login(staff_of_tu_ky[Role.RECEIVING_OFFICER])
    assert client.get("/quan-tri/").status_code == 403


def test_anonymous_visitors_of_the_admin_go_to_the_portal_login(host_client, demo_localities):
    response = host_client(demo_localities["chu_puh"]).get("/quan-tri/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=/quan-tri/")


def test_header_shows_roles_of_the_locality_being_visited(
    host_client, demo_localities, staff_of_tu_ky
):
    officer = staff_of_tu_ky[Role.RECEIVING_OFFICER]
    home = host_client(demo_localities["tu_ky"])
    home.force_login(officer)
    assert where(home.get("/")) == "đang ở cổng Xã Tứ Kỳ · Cán bộ tiếp nhận"
    away = host_client(demo_localities["chu_puh"])
    away.force_login(officer)
    assert where(away.get("/")) == "đang ở cổng Xã Chư Pưh"


def where(response) -> str:
    import re

    return re.search(r'<span class="where">(.*?)</span>', response.content.decode(), re.S).group(1)
