"""Counter intake through the officers' pages: a receiving officer of Xã Tứ Kỳ registers a
dossier brought in person (a new citizen, whose account is opened at the counter and claimed by
e-mail) or sent by post (a citizen found by ID number), with a scanned PDF, and prints Mẫu 01.
Wrong-shape ID numbers come back at the field with everything typed; other localities' officers,
officers without the receiving role and citizens are refused."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from identity.terms import TERMS_VERSION
from staff.roles import Role
from staff.tests.factories import officer_of
from workflows import clock
from workflows.models import Dossier
from workflows.tests.helpers import BIRTH_REGISTRATION, LOGIN, at, text_of

from .counter_journey import (
    NEW_ID,
    START,
    dossier_post,
    printed_receipt,
    receiving,
    register_at_counter,
    start_post,
)

pytestmark = pytest.mark.slow


def dossier_of(demo_localities, reference: str) -> Dossier:
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        dossier = Dossier.objects.get(reference=reference)
        dossier.attachment_flags = list(
            dossier.attachments.values_list("reuses_digitised", flat=True)
        )
        dossier.applicant_id_number = dossier.applicant.id_number
        dossier.applicant_consent = (
            dossier.applicant.personal_data_consent_at,
            dossier.applicant.personal_data_terms_version,
        )
        return dossier
    finally:
        connection.set_schema_to_public()


def test_a_new_citizen_at_the_counter_gets_an_account_a_code_and_mau_01(
    offered, officers, client_for, demo_localities, smtp_mailbox, host_client
):
    client = client_for("tu_ky", receiving(officers))
    assert client.get(START).status_code == 200
    with clock.frozen_at(at(2026, 3, 9, 10, 0)):
        lookup = {key: value for key, value in start_post(find="1").items() if key != "start"}
        found = client.post(START, lookup)
        assert found.status_code == 200
        assert "Chưa có tài khoản với số CCCD/CMND này" in text_of(found)
        reference = register_at_counter(client, start_post(), dossier_post())

    done = client.get(f"/ho-so/can-bo/tiep-nhan/{reference}/xong/")
    text = text_of(done)
    assert "Đã tiếp nhận hồ sơ" in text
    assert "11074-260309-0001" in text
    assert "Trực tiếp tại Bộ phận Một cửa" in text
    assert "17:00 ngày 09/03/2026" in text  # same-day procedure received at 10:00

    receipt = printed_receipt(client, reference)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in receipt.upper()
    assert "11074-260309-0001" in receipt
    assert "Trần Thị Mai" in receipt
    assert "Trần Thị Bình" in receipt  # the receiving officer signs it
    assert NEW_ID in receipt

    dossier = dossier_of(demo_localities, reference)
    assert (dossier.state, dossier.intake) == ("received", "counter")
    assert dossier.attachment_flags == [True]  # flagged as a reused, already digitised paper
    assert dossier.applicant_id_number == NEW_ID
    consent_at, terms_version = dossier.applicant_consent
    assert consent_at is not None and terms_version == TERMS_VERSION

    # The citizen claims the account with the link mailed at the counter (a reset link).
    claim = next(m for m in smtp_mailbox.messages if "Tài khoản dịch vụ công" in m["Subject"])
    assert claim["To"] == "mai.tran@example.com"
    link = re.search(r"https?://[^/\s]+(/tai-khoan/dat-lai-mat-khau/\S+/)", claim.get_content())
    assert link, claim.get_content()
    citizen = host_client(demo_localities["tu_ky"])
    form_page = citizen.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    password = "Hoa-Sen-2026"
    response = citizen.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )
    assert response.status_code == 302
    login = citizen.post(LOGIN, {"username": NEW_ID, "password": password})
    assert login.status_code == 302
    mine = citizen.get("/ho-so/cua-toi/")
    assert "11074-260309-0001" in text_of(mine)


def test_an_existing_citizen_found_by_id_number_sends_a_dossier_by_post(
    offered, officers, citizen, client_for, demo_localities
):
    client = client_for("tu_ky", receiving(officers))
    with clock.frozen_at(at(2026, 3, 10, 9, 0)):
        found = client.post(
            START,
            {
                "procedure": BIRTH_REGISTRATION,
                "intake": "post",
                "id_number": citizen.id_number,
                "find": "1",
            },
        )
        assert found.status_code == 200
        assert "Đã có tài khoản: Nguyễn Văn An" in text_of(found)
        reference = register_at_counter(
            client,
            {
                "procedure": BIRTH_REGISTRATION,
                "intake": "post",
                "id_number": citizen.id_number,
                "start": "1",
            },
            dossier_post(**{"reused-giay_chung_sinh": ""}),
        )
    dossier = dossier_of(demo_localities, reference)
    assert dossier.applicant_id == citizen.pk  # no second account
    assert (dossier.state, dossier.intake) == ("received", "post")
    receipt = printed_receipt(client, reference)
    assert "Nguyễn Văn An" in receipt
    assert "11074-260310-0001" in receipt


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("03119000123", "phải có 12 chữ số"),
        ("0311900012345", "phải có 12 chữ số"),
        ("03119000123A", "chỉ gồm chữ số"),
        ("999190001234", "không phải mã tỉnh"),
    ],
)
def test_an_id_number_of_the_wrong_shape_is_refused_at_the_field_keeping_input(
    typed, message, offered, officers, client_for, demo_localities
):
    client = client_for("tu_ky", receiving(officers))
    response = client.post(START, start_post(id_number=typed))
    assert response.status_code == 400
    page = response.content.decode()
    field = re.search(
        r'<div class="field[^"]*">(?:(?!<div class="field).)*?id="id_id_number".*?</div>',
        page,
        re.S,
    )
    assert field and message in field.group(0)
    assert f'value="{typed}"' in page
    assert 'value="Trần Thị Mai"' in page
    assert 'value="mai.tran@example.com"' in page
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        assert not Dossier.objects.filter(intake="counter").exists()
    finally:
        connection.set_schema_to_public()


def test_missing_pieces_come_back_at_the_counter_with_the_answers_kept(
    offered, officers, client_for, demo_localities
):
    client = client_for("tu_ky", receiving(officers))
    response = client.post(START, start_post())
    form_url = response["Location"]
    data = dossier_post(**{"tre.0.ho_ten": ""})
    del data["file-giay_chung_sinh"]
    response = client.post(form_url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Trần Thị Hoa"' in page  # what was typed stays
    text = text_of(response)
    assert "Chưa đính kèm" in text or "bắt buộc" in text.lower() or "Vui lòng" in text


def test_others_are_refused(offered, officers, citizen, client_for, demo_localities):
    # A citizen, and an officer of Tứ Kỳ without the receiving role: 403.
    assert client_for("tu_ky", citizen).get(START).status_code == 403
    specialist = client_for("tu_ky", officers[str(Role.SPECIALIST)])
    assert specialist.post(START, start_post()).status_code == 403
    # Chư Pưh's receiving officer has no role on Tứ Kỳ's portal.
    outsider = officer_of(demo_localities["chu_puh"], Role.RECEIVING_OFFICER, "Siu H'Mai")
    assert client_for("tu_ky", outsider).get(START).status_code == 403
    # A counter draft of Tứ Kỳ does not exist on Chư Pưh's host.
    response = client_for("tu_ky", receiving(officers)).post(START, start_post())
    form_url = response["Location"]
    elsewhere = client_for("chu_puh", outsider)
    assert elsewhere.get(form_url).status_code == 404
    assert elsewhere.post(form_url, dossier_post()).status_code == 404
    # Nothing was registered by any of them.
    connection.set_tenant(demo_localities["tu_ky"])
    try:
        assert Dossier.objects.filter(intake="counter").get().state == "draft"
    finally:
        connection.set_schema_to_public()


def test_the_citizen_cannot_edit_or_submit_a_draft_the_desk_is_filling(
    offered, officers, citizen, client_for, demo_localities
):
    desk = client_for("tu_ky", receiving(officers))
    response = desk.post(
        START,
        {
            "procedure": BIRTH_REGISTRATION,
            "intake": "counter",
            "id_number": citizen.id_number,
            "start": "1",
        },
    )
    reference = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    own = client_for("tu_ky", citizen)
    response = own.post(f"/ho-so/{reference}/to-khai/", {"nguoi_yeu_cau.ho_ten": "X", "save": "1"})
    assert response.status_code == 409
    assert "đang được cán bộ nhập tại Bộ phận Một cửa" in text_of(response)


def test_a_new_account_needs_the_citizens_consent(offered, officers, client_for, demo_localities):
    client = client_for("tu_ky", receiving(officers))
    data = start_post()
    del data["accept_terms"]
    response = client.post(START, data)
    assert response.status_code == 400
    assert "cần đồng ý với điều khoản xử lý dữ liệu cá nhân" in " ".join(
        response.context["form"].errors["accept_terms"]
    )
    assert 'value="Trần Thị Mai"' in response.content.decode()


def test_a_scan_uploaded_by_mistake_is_removed_before_registering(
    offered, officers, client_for, demo_localities
):
    client = client_for("tu_ky", receiving(officers))
    form_url = client.post(START, start_post())["Location"]
    data = dossier_post()
    del data["register"]
    data["save"] = "1"
    page = client.post(form_url, data)
    assert page.status_code == 200
    [(_document, [scan])] = [
        (row["document"], row["files"]) for row in page.context["rows"] if row["files"]
    ]
    assert client.post(form_url, {"remove": str(scan.pk)}).status_code == 302
    page = client.get(form_url)
    assert all(not row["files"] for row in page.context["rows"])
    # Without the scan the dossier cannot be registered: the page says what is missing.
    data = dossier_post()
    del data["file-giay_chung_sinh"]
    response = client.post(form_url, data)
    assert response.status_code == 400
    assert "Chưa đính kèm" in text_of(response)
