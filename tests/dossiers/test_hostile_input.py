"""Hostile input at scale: Hypothesis generates values for the fields of the portal's forms
(registration, login, lookup, the submission steps, a desk action's form, counter intake) and
posts them through the pages of Tứ Kỳ. Whatever is typed: never a 5xx, and every refusal shown at
a field is a Vietnamese message. Uploads built to hurt (a PDF–zip polyglot, a zip bomb, a
malformed PDF, a truncated image) are refused quickly with a Vietnamese message."""

from __future__ import annotations

import html
import io
import re
import time
import zipfile
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from identity.tests.factories import registration_data
from staff.roles import Role
from tests.support import VIETNAMESE
from workflows.tests.factories import make_dossier
from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    EXTRACT_COPY,
    extract_copy_post,
    image_bytes,
    pdf_bytes,
    text_of,
)

from .counter_journey import START, start_post
from .journey import fill_form, start, upload

pytestmark = pytest.mark.slow

#: Generated cases per form (their sum is printed at the end of each test).
EXAMPLES = 250
#: The submission pages are heavier (the whole form is rendered again): fewer cases each.
SUBMISSION_EXAMPLES = 150

NASTY = [
    "\x00",
    "a\x00b",
    "9" * 5000,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%s%s%n",
    "\u202eexe.pdf",
    "🙂" * 50,
    "Nguyễn\u0301\u0301\u0301",
    "  ",
    "-1",
    "99999999999999999999999999",
    "31/02/2026",
    "0000-00-00",
    "NaN",
    "ﬃ",
    "\r\n\t",
]
#: Text a browser can send (no lone surrogates: a form post is UTF-8), or a known nasty value.
HOSTILE = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=120),
    st.sampled_from(NASTY),
)
ERRORLIST = re.compile(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.DOTALL)
ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")

counts: Counter[str] = Counter()


def messages_at_fields(response) -> list[str]:
    if "html" not in response.get("Content-Type", ""):
        return []
    page = response.content.decode()
    return [
        html.unescape(TAG.sub("", item)).strip()
        for block in ERRORLIST.findall(page)
        for item in ITEM.findall(block)
    ]


def check(target: str, response) -> None:
    counts[target] += 1
    assert response.status_code < 500, f"{target}: {response.status_code}"
    for message in messages_at_fields(response):
        assert VIETNAMESE.search(message), f"{target}: a message not in Vietnamese: {message!r}"


def hammer(target: str, send, fields: list[str], examples: int = EXAMPLES) -> None:
    """Send `examples` generated cases: each replaces some of `fields` with hostile values."""

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(fields, HOSTILE)))
    def case(changes: dict[str, str]) -> None:
        check(target, send(changes))

    case()


@pytest.fixture
def report(capsys):
    counts.clear()
    started = time.monotonic()
    yield
    with capsys.disabled():
        total = sum(counts.values())
        print(f"\nhostile input: {total} generated cases in {time.monotonic() - started:.0f} s")
        for target, count in sorted(counts.items()):
            print(f"  {target}: {count}")


def test_the_account_forms_survive_hostile_input(report, client_for, settings):
    # The forms themselves, not the limits in front of them (tested in tests/identity/).
    settings.RATELIMIT_ENABLE = False
    settings.AXES_ENABLED = False
    client = client_for("tu_ky")
    base = registration_data()
    hammer(
        "registration",
        lambda changes: client.post("/tai-khoan/dang-ky/", {**base, **changes}),
        list(base),
    )
    login = {"username": "031195001122", "password": "sai-mat-khau"}
    hammer(
        "login",
        lambda changes: client.post("/tai-khoan/dang-nhap/", {**login, **changes}),
        list(login),
    )
    lookup = {
        "code": "11074-260710-0001",
        "id_number": "031090001234",
        "unit": "11074",
        "dossier_name": "Cấp bản sao",
        "applicant_name": "Nguyễn Văn An",
    }
    hammer(
        "lookup",
        lambda changes: client.get("/ho-so/tra-cuu/", {**lookup, **changes}),
        list(lookup),
    )


def test_the_submission_steps_survive_hostile_input(report, offered, citizen, client_for):
    client = client_for("tu_ky", citizen)
    reference = start(client, EXTRACT_COPY)
    answers = extract_copy_post()
    hammer(
        "submission: the form",
        lambda changes: client.post(
            f"/ho-so/{reference}/to-khai/", {**answers, **changes, "next": "1"}
        ),
        list(answers),
        SUBMISSION_EXAMPLES,
    )
    fill_form(client, reference, answers)
    delivery = {
        "method": "post",
        "province": "31",
        "address": "Thôn Đông, xã Tứ Kỳ",
        "for_someone_else": "on",
        "subject_name": "Nguyễn Văn Bình",
        "subject_id_number": "031090001235",
        "subject_relation": "con",
    }
    hammer(
        "submission: delivery",
        lambda changes: client.post(f"/ho-so/{reference}/nhan-ket-qua/", {**delivery, **changes}),
        list(delivery),
        SUBMISSION_EXAMPLES,
    )
    hammer(
        "submission: documents",
        lambda changes: client.post(f"/ho-so/{reference}/giay-to/", changes),
        ["document", "next", "remove"],
        SUBMISSION_EXAMPLES,
    )


def test_the_desk_forms_survive_hostile_input(
    report, offered, officers, client_for, use_locality, demo_localities, citizen
):
    from django.db import connection

    use_locality(demo_localities["tu_ky"])
    dossier = make_dossier(applicant=citizen)
    connection.set_schema_to_public()
    officer = client_for("tu_ky", officers[str(Role.RECEIVING_OFFICER)])
    action = {"state": "submitted", "request_supplement-reason": "Thiếu giấy tờ"}
    hammer(
        "desk: request a supplement",
        lambda changes: officer.post(
            f"/ho-so/can-bo/{dossier.reference}/thao-tac/request_supplement/",
            {**action, **changes},
        ),
        list(action),
    )
    intake = start_post(procedure=BIRTH_REGISTRATION)
    hammer(
        "counter intake",
        lambda changes: officer.post(START, {**intake, **changes}),
        list(intake),
    )


# -- uploads built to hurt -----------------------------------------------------------------------


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bom.txt", b"\x00" * (200 * 1024 * 1024))
    return buffer.getvalue()


def polyglot() -> bytes:
    """A PDF header in front of a zip archive (a file two programs read two ways)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.js", b"alert(1)")
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("giay-to.pdf", polyglot),
        ("giay-to.pdf", zip_bomb),
        ("bom.zip", zip_bomb),
        ("hong.pdf", lambda: pdf_bytes()[:-200] + b"trailer << /Root 99 0 R >>"),
        ("anh.png", lambda: image_bytes("PNG", (400, 300))[:150]),
        ("anh.jpg", lambda: image_bytes("JPEG", (400, 300))[:300]),
    ],
)
def test_an_upload_built_to_hurt_is_refused_quickly(offered, citizen, client_for, name, make):
    client = client_for("tu_ky", citizen)
    reference = start(client, BIRTH_REGISTRATION)
    content = make()
    started = time.monotonic()
    response = upload(client, reference, "giay_chung_sinh", [(name, content)])
    seconds = time.monotonic() - started
    assert seconds < 5, f"{name}: {seconds:.1f} s"
    assert response.status_code == 400
    messages = messages_at_fields(response) or [text_of(response)]
    assert any(VIETNAMESE.search(m) and "Tệp" in m for m in messages), messages


@pytest.mark.parametrize("remove", [":", "1.5", "9" * 30, "١"])
def test_removing_a_file_that_is_no_file_id_is_a_404(offered, citizen, client_for, remove):
    """Found by the generated cases above: a `remove` that is not a number was a 500."""
    client = client_for("tu_ky", citizen)
    reference = start(client, BIRTH_REGISTRATION)
    response = client.post(f"/ho-so/{reference}/giay-to/", {"remove": remove})
    assert response.status_code == 404
    assert "Không tìm thấy tệp này." in text_of(response)
