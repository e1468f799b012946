"""What a citizen sees when they open a host: the national root, a commune, an unknown host."""

import pytest

pytestmark = pytest.mark.django_db


def test_national_root_lists_provinces_and_links_down(host_client, demo_localities):
    response = host_client(demo_localities["national"]).get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thành phố Hải Phòng" in page
    assert "Gia Lai" in page
    assert "http://hai-phong.dichvucong.localhost" in page


def test_directory_walks_from_province_to_commune_portal(host_client, demo_localities):
    response = host_client(demo_localities["national"]).get("/don-vi/31/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Xã Tứ Kỳ" in page
    assert "http://tu-ky.hai-phong.dichvucong.localhost/" in page
    # Gia Lai's commune is not listed under Hải Phòng.
    assert "Chư Pưh" not in page


def test_commune_portal_shows_its_own_name(host_client, demo_localities):
    response = host_client(demo_localities["tu_ky"]).get("/")
    assert response.status_code == 200
    assert "Xã Tứ Kỳ" in response.content.decode()
    assert "Chư Pưh" not in response.content.decode()


def test_unknown_host_gets_friendly_vietnamese_404(client):
    response = client.get("/", HTTP_HOST="khong-co.dichvucong.localhost")
    assert response.status_code == 404
    assert "Không tìm thấy cổng dịch vụ công" in response.content.decode()


def test_inactive_locality_is_not_served(host_client, demo_localities, public_schema):
    commune = demo_localities["chu_puh"]
    commune.is_active = False
    commune.save(update_fields=["is_active"])
    response = host_client(commune).get("/")
    assert response.status_code == 404


def test_unknown_directory_code_is_404(host_client, demo_localities):
    response = host_client(demo_localities["national"]).get("/don-vi/99999/")
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["Tứ Kỳ", "tu ky", "TU KY", "xa tu"])
def test_national_search_finds_a_commune_without_diacritics(host_client, demo_localities, query):
    response = host_client(demo_localities["national"]).get("/", {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "http://tu-ky.hai-phong.dichvucong.localhost/" in page
    assert "(Thành phố Hải Phòng)" in page


def test_national_search_says_when_nothing_matches(host_client, demo_localities):
    response = host_client(demo_localities["national"]).get("/", {"q": "khong ton tai"})
    assert response.status_code == 200
    assert "Không tìm thấy đơn vị nào" in response.content.decode()
