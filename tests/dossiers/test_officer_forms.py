"""The officers' action forms, as the citizen's forms already behave: the limit of each text field
shown before typing (`maxlength` and "Tối đa N ký tự"), and a refused action coming back with the
error at the field and everything typed still there. Every officer action of every installed
workflow whose form takes text is tried over HTTP (the land-change plugin's own included), and the
apology letter."""

from __future__ import annotations

import html
import re

import pytest
from django import forms
from django.db import connection

from procedure_plugins.registry import register
from workflows import clock
from workflows.engine import NOT_A_BUTTON
from workflows.tests.helpers import EXTRACT_COPY, text_of
from workflows.workflow import OFFICER
from workflows.workflow_forms import ReturnResultForm

LAND_CHANGE = "1.004227"
ANSWERS = {LAND_CHANGE: {"loai_bien_dong": "thay_doi_dien_tich"}}


def officer_text_actions() -> list[tuple[str, str, str, str, int]]:
    """(procedure, action, a state it starts from, text field, its limit), one per action and
    form across the installed workflows."""
    found, seen = [], set()
    for plugin in register:
        workflow = plugin.workflow
        for transition in workflow._meta.get_field("state").get_all_transitions(workflow):
            custom = transition.custom or {}
            form = custom.get("form")
            if form is None or custom.get("actor", OFFICER) != OFFICER:
                continue
            if transition.name in NOT_A_BUTTON:  # their own pages (the hand-over's)
                continue
            if (transition.name, form) in seen:
                continue
            seen.add((transition.name, form))
            code = plugin.code if workflow is not register.get(EXTRACT_COPY).workflow else None
            for field_name, field in form.base_fields.items():
                if isinstance(field, forms.CharField) and field.max_length:
                    found.append(
                        (
                            code or EXTRACT_COPY,
                            transition.name,
                            str(transition.source),
                            field_name,
                            field.max_length,
                        )
                    )
    return found


ACTIONS = officer_text_actions()


def role_of(code: str, action: str, source: str) -> str:
    workflow = register.get(code).workflow
    for transition in workflow._meta.get_field("state").get_all_transitions(workflow):
        if transition.name == action and str(transition.source) == source:
            return transition.permission.roles[0]
    raise AssertionError(action)


def delivery_for(field: str) -> str:
    """A delivery method whose return form shows `field` (the return form depends on it)."""
    for method, fields in ReturnResultForm.DELIVERY_FIELDS.items():
        if field in fields:
            return method
    return "desk"


def field_block(page: str, html_id: str) -> str:
    """The field's own wrapper (label, hint, input, errors) on the page."""
    match = re.search(
        rf'<div class="field[^"]*">(?:(?!<div class="field).)*?id="{re.escape(html_id)}".*?</div>',
        page,
        flags=re.S,
    )
    assert match, f"no field {html_id} on the page"
    return match.group(0)


def test_the_walk_covers_the_actions_that_take_text():
    names = {action for _code, action, *_ in ACTIONS}
    assert {"request_supplement", "refuse", "refuse_reception", "send_back"} <= names
    assert {"schedule_field_inspection", "record_field_inspection"} <= names


@pytest.mark.parametrize(("code", "action", "source", "field", "limit"), ACTIONS)
def test_a_refused_action_keeps_the_text_and_says_why_at_the_field(
    code,
    action,
    source,
    field,
    limit,
    offered,
    citizen,
    officers,
    client_for,
    demo_localities,
    dossier_in,
):
    from procedure_plugins.services import offering_enable

    offering_enable(locality=demo_localities["tu_ky"], code=code)
    dossier = dossier_in(
        "tu_ky",
        applicant=citizen,
        procedure_code=code,
        state=source,
        received_at=clock.now(),
        delivery_method=delivery_for(field),
        **({"answers": ANSWERS[code]} if code in ANSWERS else {}),
    )
    desk = client_for("tu_ky", officers[role_of(code, action, source)])
    html_id = f"id_{action}-{field}"

    # Before typing: the limit is on the input and written under the label.
    page = desk.get(f"/ho-so/can-bo/{dossier.reference}/").content.decode()
    block = field_block(page, html_id)
    assert f'maxlength="{limit}"' in block
    assert f"Tối đa {limit:,} ký tự".replace(",", ".") in html.unescape(block)

    typed = ("Nội dung cán bộ đã gõ rất dài, " * (limit // 20 + 2))[:limit] + "."
    response = desk.post(
        f"/ho-so/can-bo/{dossier.reference}/thao-tac/{action}/",
        {"state": source, f"{action}-{field}": typed},
    )
    assert response.status_code == 400
    page = response.content.decode()
    block = html.unescape(field_block(page, html_id))
    assert typed in block  # nothing typed is lost
    (errors,) = re.findall(rf'id="{html_id}_errors">(.*?)</ul>', block, flags=re.S)
    assert f"{limit} kí tự (hiện có {limit + 1})" in errors  # the error, at the field
    assert 'aria-invalid="true"' in block
    # The summary at the top of the form links to the field.
    assert f'href="#{html_id}"' in page
    connection.set_tenant(demo_localities["tu_ky"])
    dossier.refresh_from_db()
    connection.set_schema_to_public()
    assert dossier.state == source


def test_the_apology_keeps_the_reason_and_the_date(
    offered, citizen, officers, client_for, dossier_in
):
    dossier = dossier_in("tu_ky", applicant=citizen, state="in_processing", received_at=clock.now())
    desk = client_for("tu_ky", officers["specialist"])
    page = desk.get(f"/ho-so/can-bo/{dossier.reference}/").content.decode()
    assert "Tối đa 2.000 ký tự" in html.unescape(field_block(page, "id_apology-reason"))
    typed = "Chờ kết quả xác minh của cơ quan khác. " * 60
    response = desk.post(
        f"/ho-so/can-bo/{dossier.reference}/xin-loi/",
        {"state": "in_processing", "apology-new_date": "30/12/2099", "apology-reason": typed},
    )
    assert response.status_code == 400
    block = html.unescape(field_block(response.content.decode(), "id_apology-reason"))
    assert typed.strip() in block
    assert "2000" in block and "ký tự" in text_of(response)
    assert 'value="30/12/2099"' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "state", "shown"),
    [
        ("specialist", "in_processing", True),
        ("leader", "awaiting_approval", True),
        # The returning officer may not send one: no form, rather than a form that ends in 403.
        ("returning_officer", "in_processing", False),
        # A dossier with its result ready is no longer being processed.
        ("specialist", "result_ready", False),
    ],
)
def test_the_apology_form_shows_only_to_who_may_send_it_now(
    offered, citizen, officers, client_for, dossier_in, role, state, shown
):
    dossier = dossier_in("tu_ky", applicant=citizen, state=state, received_at=clock.now())
    desk = client_for("tu_ky", officers[role])
    page = desk.get(f"/ho-so/can-bo/{dossier.reference}/")
    assert page.status_code == 200
    assert ("Xin lỗi và hẹn lại ngày trả kết quả" in text_of(page)) is shown
