"""Anonymous pages from the shared cache: never to a logged-in visitor, never to another locality,
never with someone else's CSRF token, and fresh again after a publish or a catalogue change."""

from __future__ import annotations

import re

import pytest
from django_tenants.utils import tenant_context

from cms.models import GuidancePage, HomePage
from identity.tests.factories import make_user
from procedure_plugins.services import offering_disable, offering_enable

pytestmark = pytest.mark.django_db

BIRTH = "1.001193"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def tu_ky_offers(demo_localities):
    tu_ky = demo_localities["tu_ky"]
    offering_enable(locality=tu_ky, code=BIRTH)
    return tu_ky


def warm(client, path: str = "/"):
    """Two visits: the first may create the locality's footer settings (a change)."""
    client.get(path)
    return client.get(path)


@pytest.mark.parametrize("path", ["/", "/thu-tuc/", f"/thu-tuc/{BIRTH}/"])
def test_a_second_anonymous_visitor_gets_the_cached_page(path, tu_ky_offers, host_client):
    first = warm(host_client(tu_ky_offers), path)
    again = host_client(tu_ky_offers).get(path)
    assert again["X-Page-Cache"] == "hit"
    assert TOKEN.sub("", again.content.decode()) == TOKEN.sub("", first.content.decode())


def test_a_logged_in_citizen_never_gets_the_anonymous_copy(tu_ky_offers, host_client):
    anonymous = warm(host_client(tu_ky_offers))
    assert "Đăng xuất" not in anonymous.content.decode()
    citizen = make_user(full_name="Nguyễn Thị Hoa")
    client = host_client(tu_ky_offers)
    client.force_login(citizen, backend="identity.backends.NationalAccountBackend")
    page = client.get("/")
    assert page.get("X-Page-Cache") is None
    assert "Nguyễn Thị Hoa" in page.content.decode()
    # ... and their page is not stored for the anonymous visitors who come next.
    assert client.get("/").get("X-Page-Cache") is None
    after = host_client(tu_ky_offers).get("/")
    assert after["X-Page-Cache"] == "hit"
    assert "Nguyễn Thị Hoa" not in after.content.decode()


def test_another_localitys_host_never_gets_this_localitys_page(
    tu_ky_offers, demo_localities, host_client
):
    warm(host_client(tu_ky_offers))
    other = host_client(demo_localities["chu_puh"]).get("/")
    assert other.get("X-Page-Cache") != "hit"
    page = other.content.decode()
    assert "Chư Pưh" in page and "Tứ Kỳ" not in page
    assert host_client(demo_localities["chu_puh"]).get(f"/thu-tuc/{BIRTH}/").status_code == 404


def test_each_visitor_gets_a_csrf_token_of_their_own_that_works(tu_ky_offers, host_client):
    warm(host_client(tu_ky_offers))
    tokens = set()
    for _ in range(2):
        client = host_client(tu_ky_offers, enforce_csrf_checks=True)
        page = client.get("/")
        assert page["X-Page-Cache"] == "hit"
        token = TOKEN.search(page.content.decode()).group(1)
        tokens.add(token)
        assert "csrftoken" in page.cookies
        lookup = client.post(
            "/ho-so/tra-cuu/", {"csrfmiddlewaretoken": token, "code": "11074-260101-0001"}
        )
        assert lookup.status_code != 403  # the form posts with the token it was served
    assert len(tokens) == 2


def test_publishing_a_page_refreshes_the_cached_menu(tu_ky_offers, host_client):
    warm(host_client(tu_ky_offers))
    with tenant_context(tu_ky_offers):
        home = HomePage.objects.get()
        guide = GuidancePage(title="Hướng dẫn nộp lệ phí", slug="nop-le-phi", show_in_menus=True)
        home.add_child(instance=guide)
        guide.save_revision().publish()
    page = host_client(tu_ky_offers).get("/")
    assert page.get("X-Page-Cache") != "hit"
    assert "Hướng dẫn nộp lệ phí" in page.content.decode()


def test_a_catalogue_change_refreshes_the_cached_catalogue(tu_ky_offers, host_client):
    warm(host_client(tu_ky_offers), "/thu-tuc/")
    warm(host_client(tu_ky_offers), f"/thu-tuc/{BIRTH}/")
    offering_disable(locality=tu_ky_offers, code=BIRTH)
    assert host_client(tu_ky_offers).get(f"/thu-tuc/{BIRTH}/").status_code == 404
    assert "Đăng ký khai sinh" not in host_client(tu_ky_offers).get("/thu-tuc/").content.decode()
