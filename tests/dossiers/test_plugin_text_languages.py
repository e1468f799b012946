"""The built-in procedures' own text (names, documents, form fields, options, legal basis) in the
reader's language: English after the header's switch, Vietnamese without it; what is stored
(the dossier's answers, the slips) is the same whichever language the page was read in."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from portal import catalogues
from procedure_plugins.registry import register
from procedure_plugins.schema.translation import TEXT_KEYS
from workflows import clock
from workflows.models import Dossier
from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    HOUSEHOLD_BUSINESS,
    LOGIN,
    at,
    birth_registration_post,
    household_business_post,
    pdf_bytes,
    text_of,
)

from .journey import fill_form, start, walk

pytestmark = pytest.mark.django_db

SWITCH = "/i18n/setlang/"
PAGE = f"/thu-tuc/{BIRTH_REGISTRATION}/"


def reader(host_client, locality, citizen=None, *, language: str):
    client = host_client(locality)
    if citizen is not None:
        login = client.post(LOGIN, {"username": citizen.id_number, "password": "Sao-Mai-2025"})
        assert login.status_code == 302
    if language == "en":
        response = client.post(SWITCH, {"language": "en", "next": "/thu-tuc/"})
        assert response.status_code == 302
    return client


def test_the_catalogue_and_a_procedure_page_name_the_procedure_in_the_readers_language(
    offered, host_client, demo_localities
):
    english = reader(host_client, demo_localities["tu_ky"], language="en")
    text = text_of(english.get("/thu-tuc/"))
    assert "Birth registration" in text
    assert "Registering a household business" in text
    assert "Civil status (2)" in text  # a group heading: the field, with its count
    assert "Đăng ký khai sinh" not in text and "Hộ tịch" not in text

    text = text_of(english.get(PAGE))
    assert "Birth registration" in text
    assert "Civil status" in text  # the field
    assert "Commune People's Committee" in text  # the agency
    assert "If verification is needed: no more than 3 working days." in text
    assert "No fee for a birth registered on time" in text
    assert "Birth certificate from the hospital (giấy chứng sinh)" in text  # a document
    assert "Not needed if the information is already in the electronic civil status" in text
    assert "The one-stop desk checks the dossier" in text  # a step
    assert "Law on Civil Status (60/2014/QH13)" in text  # legal basis: title, then number
    assert "Hộ tịch" not in text and "Giấy chứng sinh" not in text

    vietnamese = reader(host_client, demo_localities["tu_ky"], language="vi")
    text = text_of(vietnamese.get(PAGE))
    assert "Đăng ký khai sinh" in text
    assert "Trường hợp cần xác minh: không quá 03 ngày làm việc." in text
    assert "Giấy chứng sinh" in text
    assert "Luật Hộ tịch (60/2014/QH13)" in text
    assert "Birth registration" not in text


def test_the_form_labels_options_and_errors_follow_the_switch(
    offered, citizen, host_client, demo_localities
):
    english = reader(host_client, demo_localities["tu_ky"], citizen, language="en")
    reference = start(english, HOUSEHOLD_BUSINESS)
    text = text_of(english.get(f"/ho-so/{reference}/to-khai/"))
    assert "Business name" in text
    assert "Head of the household business" in text
    assert "House number, street, village or residential group" in text  # a field default
    assert "One individual" in text and "The members of a household" in text  # options
    assert "Male" in text and "Female" in text
    assert "Tên hộ kinh doanh" not in text

    bad = household_business_post(ten_ho_kinh_doanh="Hoa Mai", dien_thoai="12345")
    response = english.post(f"/ho-so/{reference}/to-khai/", {**bad, "next": "1"})
    assert response.status_code == 400  # bad input: refused, explained at the field
    text = text_of(response)
    assert "The name has two parts: “Hộ kinh doanh” (household business)" in text
    assert "Business name" in text  # the error summary names the field in English
    assert 'value="Hoa Mai"' in response.content.decode()  # nothing typed is lost

    vietnamese = reader(host_client, demo_localities["tu_ky"], citizen, language="vi")
    response = vietnamese.post(f"/ho-so/{reference}/to-khai/", {**bad, "next": "1"})
    text = text_of(response)
    assert "Tên gồm hai thành tố: “Hộ kinh doanh” và tên riêng" in text
    assert "Tên hộ kinh doanh" in text and "Một cá nhân" in text
    assert "Business name" not in text


def test_the_review_page_reads_the_answers_in_the_readers_language(
    offered, citizen, host_client, demo_localities
):
    english = reader(host_client, demo_localities["tu_ky"], citizen, language="en")
    reference = start(english, BIRTH_REGISTRATION)
    fill_form(english, reference, birth_registration_post())
    text = text_of(english.get(f"/ho-so/{reference}/kiem-tra/"))
    assert "Mother's details" in text
    assert "Sex Male" in text  # the option's label, not its stored value
    assert "Number of copies of the birth certificate requested 1 copies" in text
    assert "Thông tin người mẹ" not in text

    vietnamese = reader(host_client, demo_localities["tu_ky"], citizen, language="vi")
    text = text_of(vietnamese.get(f"/ho-so/{reference}/kiem-tra/"))
    assert "Thông tin người mẹ" in text
    assert "Giới tính Nam" in text
    assert "Mother's details" not in text


def test_a_dossier_submitted_from_an_english_page_stores_what_a_vietnamese_page_stores(
    offered, citizen, host_client, demo_localities, django_capture_on_commit_callbacks
):
    stored = {}
    for language in ("vi", "en"):
        client = reader(host_client, demo_localities["tu_ky"], citizen, language=language)
        with (
            clock.frozen_at(at(2026, 3, 9, 10, 0)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            reference, response = walk(
                client,
                BIRTH_REGISTRATION,
                birth_registration_post(),
                {"giay_chung_sinh": [("giay-chung-sinh.pdf", pdf_bytes(1))]},
            )
        assert response.status_code == 302, text_of(response)[:1000]
        dossier = Dossier.objects.get(reference=reference)
        stored[language] = dossier
    assert stored["en"].answers == stored["vi"].answers
    assert stored["en"].answers["tre"][0]["gioi_tinh"] == "nam"
    assert stored["en"].procedure_code == stored["vi"].procedure_code


def _texts(plugin) -> set[str]:
    """Every text a built-in shows to people (the declaration and the form)."""
    texts = {plugin.name, plugin.field, plugin.agency, plugin.result, plugin.source}
    texts |= {plugin.processing_time_note, *plugin.steps, *plugin.requirements}
    texts |= {law.title for law in plugin.legal_basis}
    texts |= {plugin.fee.note, getattr(plugin.fee, "description", "")}
    for doc in plugin.documents:
        texts |= {doc.name, doc.note, doc.blank_form.title if doc.blank_form else ""}

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in TEXT_KEYS and isinstance(value, str):
                    texts.add(value)
                elif key == "x-labels":
                    texts.update(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(plugin.schema)
    return texts - {""}


def test_every_text_of_the_built_in_procedures_is_in_the_english_catalogue():
    english = {
        entry.msgid: entry
        for entry in catalogues.read_po(catalogues.po_file("en"))
        if entry.msgctxt is None
    }
    builtins = [p for p in register if p.__module__.startswith("procedure_plugins.builtins.")]
    assert len(builtins) >= 6
    missing = {
        (plugin.code, text)
        for plugin in builtins
        for text in _texts(plugin)
        if text not in english or not english[text].translated
    }
    assert not missing


def test_the_declarations_stay_vietnamese_data_that_passes_the_plugin_checks():
    """Marked with gettext_noop, the texts are plain str: the registry's checks, the published
    JSON schema and the slips read them in Vietnamese whatever the active language."""
    for plugin in register:
        assert register.problems(plugin) == [], plugin.label()
        assert type(plugin.name) is str
    plugin = register.get(BIRTH_REGISTRATION)
    with translation.override("en"):
        published = json.loads(json.dumps(plugin.schema, ensure_ascii=False))
        assert plugin.name == "Đăng ký khai sinh"
    assert published["properties"]["me"]["title"] == "Thông tin người mẹ"
