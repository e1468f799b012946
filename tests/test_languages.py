"""Vietnamese and English as a reader meets them: the switch in the header of every page keeps
them on the page they were reading, the choice holds on the next pages (and on the other portals,
by its cookie for the base domain), and pressing "Tiếng Việt" brings Vietnamese back. Dates and
amounts read the same in both languages."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client

from identity.tests.factories import make_user, registration_data, solve_captcha
from procedure_plugins.contract import format_vnd
from staff.roles import Role, role_group
from workflows.calendar import VIETNAM_TZ
from workflows.templatetags.dossier_format import vn_datetime, vnd
from workflows.tests.helpers import BIRTH_REGISTRATION, text_of

pytestmark = pytest.mark.django_db

SWITCH = "/i18n/setlang/"


def client_on(locality) -> Client:
    return Client(HTTP_HOST=locality.get_primary_domain().domain, raise_request_exception=False)


def switch_to(client: Client, language: str, page: str) -> None:
    """Press the header's button on `page`: the form posts the language and the page's address."""
    form = client.get(page)
    assert f'name="language" value="{language}"' in form.content.decode(), "no switch on the page"
    assert f'name="next" value="{page}"' in form.content.decode()
    response = client.post(SWITCH, {"language": language, "next": page})
    assert response.status_code == 302
    assert response["Location"] == page  # back on the same page


def speaks(response, language: str) -> str:
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    return text_of(response)


@pytest.fixture
def birth_registration_offered(demo_localities):
    from procedure_plugins.services import offering_enable

    offering_enable(locality=demo_localities["tu_ky"], code=BIRTH_REGISTRATION)


def test_the_citizen_home_page_switches_to_english_and_back(demo_localities):
    client = client_on(demo_localities["tu_ky"])
    text = speaks(client.get("/"), "vi")
    assert "Bỏ qua, đến nội dung chính" in text

    switch_to(client, "en", "/")
    text = speaks(client.get("/"), "en")
    assert "Skip to main content" in text
    assert "Log in" in text and "Register" in text
    assert "Đăng nhập" not in text
    cookie = client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    # One choice for every portal of the deployment, like the session.
    assert cookie["domain"] == settings.LANGUAGE_COOKIE_DOMAIN

    switch_to(client, "vi", "/")
    text = speaks(client.get("/"), "vi")
    assert "Bỏ qua, đến nội dung chính" in text
    assert "Skip to main content" not in text


def test_the_catalogue_and_a_procedure_page_in_english(demo_localities, birth_registration_offered):
    client = client_on(demo_localities["tu_ky"])
    switch_to(client, "en", "/thu-tuc/")
    text = speaks(client.get("/thu-tuc/"), "en")
    assert "Administrative procedures" in text
    assert "Find a procedure (with or without accents)" in text

    page = f"/thu-tuc/{BIRTH_REGISTRATION}/"
    text = speaks(client.get(page), "en")
    assert "Documents to prepare" in text
    assert "Time limit" in text
    # The procedure's own text is translated too (tests/dossiers/test_plugin_text_languages.py).
    assert "Birth registration" in text

    switch_to(client, "vi", page)
    text = speaks(client.get(page), "vi")
    assert "Thành phần hồ sơ cần chuẩn bị" in text


def test_the_registration_form_explains_errors_in_english(demo_localities):
    client = client_on(demo_localities["tu_ky"])
    switch_to(client, "en", "/tai-khoan/dang-ky/")
    page = client.get("/tai-khoan/dang-ky/")
    response = client.post(
        "/tai-khoan/dang-ky/",
        {**registration_data(id_number="03119500112"), **solve_captcha(page)},
    )
    assert response.status_code == 200
    text = speaks(response, "en")
    assert "Some details are not valid. Please correct the following fields:" in text
    assert "the number you entered has 11 digits" in text
    assert "Nguyễn Thị Hoa" in response.content.decode()  # what was typed stays


def test_the_officer_inbox_in_english(demo_localities, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.db import connection

    connection.set_tenant(demo_localities["tu_ky"])
    officer = make_user(full_name="Trần Thị Bình")
    officer.groups.add(role_group(Role.RECEIVING_OFFICER))
    connection.set_schema_to_public()
    client = client_on(demo_localities["tu_ky"])
    client.force_login(officer)

    switch_to(client, "en", "/ho-so/can-bo/")
    text = speaks(client.get("/ho-so/can-bo/"), "en")
    assert "The unit's applications" in text
    assert "Awaiting receipt" in text
    assert "Hồ sơ của đơn vị" not in text


@pytest.mark.parametrize("name", ["tu_ky", "national"])
def test_an_error_page_in_english_keeps_the_switch(demo_localities, name):
    client = client_on(demo_localities[name])
    switch_to(client, "en", "/")
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    text = speaks(response, "en")
    assert "Page not found" in text
    assert "Back to the" in text or "Back to the home page" in text
    # The switch is on the error page too, and brings the reader back to it.
    assert 'name="next" value="/khong-co-trang-nay/"' in response.content.decode()


def test_the_national_root_has_the_switch(demo_localities):
    client = client_on(demo_localities["national"])
    switch_to(client, "en", "/")
    text = speaks(client.get("/"), "en")
    assert "National online public services portal" in text


def test_a_browser_set_to_english_still_opens_in_vietnamese(demo_localities):
    """Only the switch changes the language (portal/languages.py), not Accept-Language."""
    client = client_on(demo_localities["tu_ky"])
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Bỏ qua, đến nội dung chính" in speaks(response, "vi")


def test_the_switch_never_sends_the_reader_to_another_site(demo_localities):
    client = client_on(demo_localities["tu_ky"])
    response = client.post(SWITCH, {"language": "en", "next": "https://example.com/"})
    assert response.status_code == 302
    assert "example.com" not in response["Location"]


def test_dates_and_amounts_read_the_same_in_both_languages(demo_localities):
    from django.utils import translation

    moment = datetime.datetime(2026, 2, 16, 16, 0, tzinfo=VIETNAM_TZ)
    with translation.override("vi"):
        assert vn_datetime(moment) == "16:00 ngày 16/02/2026"
        assert vnd(1_000_000) == "1.000.000\u00a0đ"
    with translation.override("en"):
        assert vn_datetime(moment) == "16:00 on 16/02/2026"
        assert vnd(1_000_000) == "1.000.000\u00a0đ"
        from django.template import Context, Template

        rendered = Template('{{ day|date }} {{ day|date:"SHORT_DATE_FORMAT" }} {{ n }}').render(
            Context({"day": datetime.date(2026, 2, 5), "n": 1234567})
        )
        assert rendered == "05/02/2026 05/02/2026 1234567"
        from django.utils.formats import number_format

        assert number_format(1234567, force_grouping=True) == "1.234.567"
    # The legal slips and fee notes keep the word the forms print.
    assert format_vnd(8000) == "8.000 đồng"


def test_a_date_typed_on_an_english_page_means_the_same_day(demo_localities):
    """Django's English default would read 03/04/2026 as 4 March."""
    from django import forms
    from django.utils import translation

    class DayForm(forms.Form):
        day = forms.DateField()

    with translation.override("en"):
        form = DayForm({"day": "03/04/2026"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2026, 4, 3)


def test_every_page_template_has_the_switch():
    """The switch lives in base.html, which every page extends (the PDFs and e-mails do not)."""
    base = (settings.BASE_DIR / "platform/portal/templates/base.html").read_text()
    assert '{% include "portal/_language_switch.html" %}' in base
    assert re.search(
        r'action="\{% url .set_language. %\}"',
        (settings.BASE_DIR / "platform/portal/templates/portal/_language_switch.html").read_text(),
    )


def test_the_official_slips_stay_vietnamese_for_a_reader_in_english(tu_ky):
    """Mẫu 01 and Mẫu 06 issued or printed from an English page: Vietnamese by law
    (documents/language.py), down to the labels the portal translates elsewhere."""
    from django.utils import translation

    from documents.services import render_slip
    from documents.slips import SlipKind
    from workflows.registers import control_slip_now
    from workflows.slips import slip_context
    from workflows.tests.factories import make_dossier
    from workflows.tests.helpers import pdf_text

    dossier = make_dossier(applicant=make_user(full_name="Nguyễn Văn An"))
    with translation.override("en"):
        receipt = pdf_text(
            render_slip(form=SlipKind.RECEIPT, context=slip_context(dossier=dossier)).content
        )
        control = pdf_text(control_slip_now(dossier=dossier).content)
    for text in (receipt, control):
        assert "ỦY BAN NHÂN DÂN XÃ TỨ KỲ" in " ".join(text.split()).upper()
        assert "PEOPLE'S COMMITTEE" not in text.upper()
    assert "Nhận trực tiếp tại Bộ phận Một cửa" in " ".join(receipt.split())
    assert "Collect in person" not in receipt


def test_the_confirmation_e_mail_is_written_in_the_language_of_the_page(
    demo_localities, django_capture_on_commit_callbacks
):
    from django.core import mail

    client = client_on(demo_localities["tu_ky"])
    switch_to(client, "en", "/tai-khoan/dang-ky/")
    page = client.get("/tai-khoan/dang-ky/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/tai-khoan/dang-ky/", {**registration_data(), **solve_captcha(page)}
        )
    assert response.status_code == 302, text_of(response)[:500]
    (message,) = mail.outbox
    assert "Confirm your e-mail address" in message.subject
    assert "Dear Nguyễn Thị Hoa," in message.body
    assert "open this link" in message.body
    html = message.alternatives[0][0] if message.alternatives else ""
    assert not html or '<html lang="en">' in html
