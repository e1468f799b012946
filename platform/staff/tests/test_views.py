"""The staff page of a locality and the localities pages of provincial/platform admins."""

from __future__ import annotations

import re

import pytest

from identity.tests.factories import make_user
from staff import selectors
from staff.roles import Role

pytestmark = pytest.mark.django_db

STAFF = "/tai-khoan/can-bo/"


@pytest.fixture
def tu_ky_admin(demo_localities, appoint):
    return appoint(
        make_user(full_name="Quản Trị Tứ Kỳ"), demo_localities["tu_ky"], Role.LOCALITY_ADMIN
    )


def errors_of(response, field):
    match = re.search(rf'id="id_{field}_errors">(.*?)</ul>', response.content.decode(), re.S)
    return match.group(1) if match else ""


def test_admin_appoints_by_id_number_and_removes(host_client, demo_localities, tu_ky_admin):
    client = host_client(demo_localities["tu_ky"])
    client.force_login(tu_ky_admin)
    person = make_user(full_name="Trần Tiếp Nhận")
    page = client.get(STAFF).content.decode()
    assert "Cán bộ của Xã Tứ Kỳ" in page
    assert 'value="locality_admin"' not in page  # not theirs to give

    response = client.post(
        STAFF + "bo-nhiem/", {"identifier": person.id_number, "role": "receiving_officer"}
    )
    assert response.status_code == 302
    page = client.get(STAFF).content.decode()
    assert "Đã bổ nhiệm Trần Tiếp Nhận làm Cán bộ tiếp nhận" in page
    assert "Trần Tiếp Nhận" in page and "Bổ nhiệm vai trò" in page  # listed and audited
    assert selectors.user_roles_in(person, demo_localities["tu_ky"]) == ["receiving_officer"]

    response = client.post(STAFF + "mien-nhiem/", {"user": person.pk, "role": "receiving_officer"})
    assert response.status_code == 302
    assert "Đã miễn nhiệm" in client.get(STAFF).content.decode()
    assert selectors.user_roles_in(person, demo_localities["tu_ky"]) == []


def test_appoint_by_email(host_client, demo_localities, tu_ky_admin):
    client = host_client(demo_localities["tu_ky"])
    client.force_login(tu_ky_admin)
    person = make_user(email="bien.tap@example.com")
    client.post(STAFF + "bo-nhiem/", {"identifier": "Bien.Tap@example.com", "role": "editor"})
    assert selectors.user_roles_in(person, demo_localities["tu_ky"]) == ["editor"]


@pytest.mark.parametrize(
    ("identifier", "role", "field", "message"),
    [
        ("", "editor", "identifier", "Vui lòng nhập số CCCD/CMND"),
        ("nguyen van a", "editor", "identifier", "Hãy nhập số CCCD/CMND"),
        ("031099999999", "editor", "identifier", "Không tìm thấy tài khoản"),
        ("EXISTING", "", "role", "Vui lòng chọn vai trò"),
        ("EXISTING", "locality_admin", "role", "không có hoặc bạn không được giao"),
    ],
)
def test_bad_appointments_are_explained_at_the_field(
    host_client, demo_localities, tu_ky_admin, identifier, role, field, message
):
    client = host_client(demo_localities["tu_ky"])
    client.force_login(tu_ky_admin)
    person = make_user()
    typed = person.id_number if identifier == "EXISTING" else identifier
    response = client.post(STAFF + "bo-nhiem/", {"identifier": typed, "role": role})
    assert response.status_code == 200
    assert message in errors_of(response, field)
    if typed:
        assert f'value="{typed}"' in response.content.decode()


def test_unconfirmed_person_is_refused_at_the_field(host_client, demo_localities, tu_ky_admin):
    client = host_client(demo_localities["tu_ky"])
    client.force_login(tu_ky_admin)
    person = make_user(confirmed=False)
    response = client.post(STAFF + "bo-nhiem/", {"identifier": person.id_number, "role": "leader"})
    assert response.status_code == 200
    assert "chưa xác nhận thư điện tử" in errors_of(response, "identifier")


def test_staff_page_refuses_officers_citizens_and_other_localities_admins(
    host_client, demo_localities, tu_ky_admin, appoint
):
    officer = appoint(make_user(), demo_localities["tu_ky"], Role.RECEIVING_OFFICER)
    client = host_client(demo_localities["tu_ky"])
    client.force_login(officer)
    assert client.get(STAFF).status_code == 403
    client.force_login(make_user())
    assert client.get(STAFF).status_code == 403
    other = host_client(demo_localities["chu_puh"])
    other.force_login(tu_ky_admin)
    response = other.get(STAFF)
    assert response.status_code == 403
    assert "Xã Chư Pưh" in response.content.decode()
    anonymous = host_client(demo_localities["tu_ky"]).get(STAFF)
    assert anonymous.status_code == 302


def test_national_root_lists_provinces_for_platform_admins_only(
    host_client, demo_localities, platform_admin
):
    client = host_client(demo_localities["national"])
    client.force_login(platform_admin)
    page = client.get("/tai-khoan/don-vi/").content.decode()
    assert "Thành phố Hải Phòng" in page and "Gia Lai" in page
    client.force_login(make_user())
    assert client.get("/tai-khoan/don-vi/").status_code == 403
    assert client.get("/tai-khoan/don-vi/31/").status_code == 403


def test_provincial_admin_appoints_a_commune_admin_on_the_province_host(
    host_client, demo_localities, appoint
):
    provincial = appoint(make_user(), demo_localities["hai_phong"], Role.LOCALITY_ADMIN)
    client = host_client(demo_localities["hai_phong"])
    client.force_login(provincial)
    page = client.get("/tai-khoan/don-vi/").content.decode()
    assert "Xã Tứ Kỳ" in page and "Chư Pưh" not in page
    person = make_user(full_name="Chủ Tịch Xã")
    response = client.post(
        "/tai-khoan/don-vi/11074/", {"action": "appoint", "identifier": person.email}
    )
    assert response.status_code == 302
    page = client.get("/tai-khoan/don-vi/11074/").content.decode()
    assert "Chủ Tịch Xã" in page
    assert selectors.user_roles_in(person, demo_localities["tu_ky"]) == ["locality_admin"]
    # The new administrator now manages Tứ Kỳ's staff on Tứ Kỳ's host.
    commune = host_client(demo_localities["tu_ky"])
    commune.force_login(person)
    assert commune.get(STAFF).status_code == 200
    # Gia Lai's communes are not theirs.
    assert client.get("/tai-khoan/don-vi/23942/").status_code == 404
    gia_lai = host_client(demo_localities["gia_lai"])
    gia_lai.force_login(provincial)
    assert gia_lai.get("/tai-khoan/don-vi/").status_code == 403
    bad = client.post("/tai-khoan/don-vi/11074/", {"action": "appoint", "identifier": "x@y.vn"})
    assert bad.status_code == 200
    assert "Không tìm thấy tài khoản" in errors_of(bad, "identifier")
