"""The lookup shows codes as the unit writes them (`11074-261202-0001` in Xã Tứ Kỳ), from its own
code and numbering settings, never a made-up `H23.14-220616-0001`; the national root shows a real
commune's pattern."""

from __future__ import annotations

import datetime
import html

import pytest
from django.db import connection

from tenants.choices import Level
from tenants.models import Locality
from workflows import clock
from workflows.calendar import VIETNAM_TZ
from workflows.models import DeskSettings
from workflows.numbering import example_dossier_code
from workflows.tests.helpers import text_of

DAY = datetime.datetime(2026, 12, 2, 9, 0, tzinfo=VIETNAM_TZ)


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def test_the_lookup_shows_the_units_own_pattern(client_for):
    with clock.frozen_at(DAY):
        form = page_of(client_for("tu_ky").get("/ho-so/tra-cuu/"))
        missing = client_for("tu_ky").get("/ho-so/tra-cuu/?ma=11074-261202-9999")
    assert 'placeholder="11074-261202-0001"' in form
    assert missing.status_code == 404
    assert "mã có dạng 11074-261202-0001" in text_of(missing)
    assert "H23.14" not in form + page_of(missing)


def test_the_example_follows_the_desk_settings(client_for, demo_localities):
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        DeskSettings.objects.create(unit_identifier="H23.14", code_digits=6)
    finally:
        connection.set_schema_to_public()
    with clock.frozen_at(DAY):
        form = page_of(client_for("tu_ky").get("/ho-so/tra-cuu/"))
    assert 'placeholder="H23.14-261202-000001"' in form


def test_the_communes_home_page_lookup_box_shows_the_pattern(client_for):
    with clock.frozen_at(DAY):
        response = client_for("tu_ky").get("/")
    assert response.status_code == 200
    page = page_of(response)
    assert 'placeholder="11074-261202-0001"' in page
    assert "H23.14" not in page


@pytest.mark.usefixtures("public_schema")
def test_the_national_root_shows_a_real_communes_pattern():
    unit, day, number = example_dossier_code(day=DAY.date()).split("-")
    assert Locality.objects.filter(code=unit, level=Level.COMMUNE).exists()
    assert (day, number) == ("261202", "0001")
