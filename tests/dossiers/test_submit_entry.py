""" "Nộp hồ sơ trực tuyến" on every portal's home page: a commune's leads to its catalogue; a
province's and the national root's let the citizen choose the unit first, then that unit's
catalogue on its own portal."""

from __future__ import annotations

import re

from workflows.tests.helpers import text_of

BUTTON = re.compile(r'<a class="button" href="([^"]+)">Nộp hồ sơ trực tuyến</a>')


def entry_of(response) -> str:
    assert response.status_code == 200
    found = BUTTON.search(response.content.decode())
    assert found, "no “Nộp hồ sơ trực tuyến” button"
    return found.group(1)


def test_a_communes_button_opens_its_catalogue(client_for):
    client = client_for("tu_ky")
    target = entry_of(client.get("/"))
    response = client.get(target)
    assert response.status_code == 200
    assert "Cấp bản sao trích lục hộ tịch" in text_of(response) or "thủ tục" in text_of(response)
    # The chooser itself, reached on a commune, sends to the catalogue too.
    response = client.get("/ho-so/chon-don-vi/")
    assert response.status_code == 302 and response["Location"] == "/thu-tuc/"


def test_a_provinces_button_lets_the_citizen_choose_its_commune(client_for):
    client = client_for("hai_phong")
    target = entry_of(client.get("/"))
    assert target == "/ho-so/chon-don-vi/"
    page = client.get(target).content.decode()
    assert re.search(
        r'href="http://tu-ky\.hai-phong\.dichvucong\.localhost[:0-9]*/thu-tuc/">Xã Tứ Kỳ<', page
    )
    assert 'href="/thu-tuc/"' in page  # the province's own procedures
    assert "Chư Pưh" not in page  # another province's commune
    response = client.get(target, {"q": "tu ky"})
    assert "Xã Tứ Kỳ" in text_of(response)
    assert "Chư Pưh" not in text_of(client.get(target, {"q": "chu puh"}))


def test_the_national_roots_button_walks_from_province_to_commune(client_for):
    client = client_for("national")
    target = entry_of(client.get("/"))
    page = client.get(target).content.decode()
    assert re.search(
        r'href="http://hai-phong\.dichvucong\.localhost[:0-9]*/ho-so/chon-don-vi/">Thành phố Hải',
        page,
    )
    # A NUL in the query is refused at the door (portal.middleware), in Vietnamese.
    refused = client.get(target, {"q": "chu puh\x00"})
    assert refused.status_code == 400 and "ký tự rỗng NUL" in refused.content.decode()
    page = client.get(target, {"q": "chu puh"}).content.decode()
    assert re.search(
        r'href="http://chu-puh\.gia-lai\.dichvucong\.localhost[:0-9]*/thu-tuc/">Xã Chư', page
    )
