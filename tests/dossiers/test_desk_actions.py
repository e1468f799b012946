"""The desk's actions driven through the officers' pages (issue 11, item 2): each action shown only
to who may take it now, with its form; refused at the field with nothing typed lost; 403 for
another locality's officer or a missing role; 409 on a stale page. Four officers of Tứ Kỳ
(receiving, specialist, leader, returning) take a dossier from reception to the return of its
result in each of the three delivery modes; a supplement round trip with the second request's
warning; a refusal; a stop with its Mẫu 05 read back from the PDF."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from workflows import clock
from workflows.calendar import to_local
from workflows.models import Dossier, DossierEvent
from workflows.national_status import national_status
from workflows.public_index.models import DossierIndexEntry
from workflows.tests.helpers import at, image_bytes, pdf_bytes, pdf_text, text_of

from .journey import act

pytestmark = pytest.mark.slow

COLLECTOR = {
    "collector_name": "Nguyễn Thị Mai",
    "collector_id_number": "031190004567",
    "originals_compared": "on",
}
RETURN_FIELDS = {
    "desk": COLLECTOR,
    "post": {"tracking_number": "EB123456789VN"},
    "online": {"note": "Đã gửi kết quả điện tử"},
}
#: What the history says of each hand-over, on the officer's and the citizen's page.
RETURN_SUMMARY = {
    "desk": "cho Nguyễn Thị Mai (CCCD/CMND 031190004567); đã đối chiếu bản chính",
    "post": "Gửi qua bưu chính, số hiệu bưu gửi EB123456789VN",
    "online": "Trả kết quả điện tử trên Cổng dịch vụ công",
}


def load(locality, reference) -> Dossier:
    connection.set_tenant(locality)
    try:
        return Dossier.objects.get(reference=reference)
    finally:
        connection.set_schema_to_public()


def in_schema(locality, work):
    connection.set_tenant(locality)
    try:
        return work()
    finally:
        connection.set_schema_to_public()


def form_numbers(locality, dossier, kind: str) -> list[str]:
    """The form numbers of the slips of `kind` issued for the dossier."""
    return in_schema(
        locality,
        lambda: list(
            dossier.issued_documents.filter(kind=kind).values_list("form_number", flat=True)
        ),
    )


def desk_page(client, dossier) -> str:
    response = client.get(f"/ho-so/can-bo/{dossier.reference}/")
    assert response.status_code == 200
    return text_of(response)


def attach(client, dossier, state: str, content: bytes, name: str = "ket-qua-da-ky.pdf"):
    return client.post(
        f"/ho-so/can-bo/{dossier.reference}/ket-qua/",
        {
            "state": state,
            "result-file": SimpleUploadedFile(name, content),
            "result-note": "Bản quét kết quả đã ký, đóng dấu",
        },
    )


@pytest.fixture
def desk(officers, client_for):
    """One logged-in client per role of Tứ Kỳ."""
    return {role: client_for("tu_ky", user) for role, user in officers.items()}


@pytest.fixture
def chu_puh_officer(db, demo_localities):
    """An officer holding every desk role, in Chư Pưh only."""
    from identity.tests.factories import make_user
    from staff.roles import Role, role_group

    user = make_user(full_name="Rơ Châm Hyơn")

    def grant():
        for role in Role:
            user.groups.add(role_group(role))

    in_schema(demo_localities["chu_puh"], grant)
    return user


@pytest.mark.parametrize("mode", ["desk", "post", "online"])
def test_the_full_path_ends_with_the_return_the_delivery_asks_for(
    mode, offered, citizen, desk, client_for, dossier_in, tu_ky
):
    dossier = dossier_in("tu_ky", applicant=citizen, delivery_method=mode)
    steps = [
        ("receiving_officer", "receive", "submitted", "Tiếp nhận hồ sơ", {}),
        (
            "receiving_officer",
            "forward_for_processing",
            "received",
            "Chuyển xử lý",
            {"note": "Chuyển tư pháp"},
        ),
        (
            "specialist",
            "submit_for_approval",
            "in_processing",
            "Trình lãnh đạo phê duyệt",
            {"note": "Dự thảo trích lục"},
        ),
        ("leader", "approve", "awaiting_approval", "Phê duyệt, ký kết quả", {"note": "Đồng ý"}),
    ]
    for role, name, state, button, fields in steps:
        # The officer whose step it is sees the button; the returning officer does not.
        assert button in desk_page(desk[role], dossier)
        assert button not in desk_page(desk["returning_officer"], dossier)
        response = act(desk[role], dossier.reference, name, state, **fields)
        assert response.status_code == 302, (name, text_of(response)[:1500])
        if name == "receive":  # the appointment is fixed and Mẫu 01 issued with it
            received = load(tu_ky, dossier.reference)
            assert received.received_at is not None and received.appointment_at is not None
            assert form_numbers(tu_ky, received, "receipt") == ["01"]

    # The leader attaches the signed result, as a PDF checked like the citizen's uploads.
    signed = pdf_bytes(2)
    assert "Đính kèm kết quả đã ký" in desk_page(desk["leader"], dossier)
    assert "Đính kèm kết quả đã ký" not in desk_page(desk["returning_officer"], dossier)
    response = attach(desk["leader"], dossier, "result_ready", signed)
    assert response.status_code == 302, text_of(response)[:1500]

    # The returning officer's form asks for what this delivery needs, and only that.
    page = desk_page(desk["returning_officer"], dossier)
    assert ("Họ tên người nhận kết quả" in page) is (mode == "desk")
    assert ("Đã đối chiếu bản chính" in page) is (mode == "desk")
    assert ("Số hiệu bưu gửi" in page) is (mode == "post")
    response = act(
        desk["returning_officer"],
        dossier.reference,
        "return_result",
        "result_ready",
        **RETURN_FIELDS[mode],
    )
    assert response.status_code == 302, text_of(response)[:1500]

    saved = load(tu_ky, dossier.reference)
    assert saved.state == "returned" and saved.returned_at is not None
    assert RETURN_SUMMARY[mode] in desk_page(desk["returning_officer"], dossier)
    returned = in_schema(tu_ky, lambda: saved.events.get(type="result_returned").data)
    assert returned["mode"] == mode
    events = in_schema(tu_ky, lambda: list(saved.events.values_list("type", flat=True)))
    assert events[-3:] == ["approved", "result_attached", "result_returned"]
    assert in_schema(tu_ky, lambda: saved.events.get(type="approved").note) == "Đồng ý"

    # The citizen sees the history; online, downloads the signed file itself.
    citizen_client = client_for("tu_ky", citizen)
    assert RETURN_SUMMARY[mode] in text_of(citizen_client.get(f"/ho-so/{dossier.reference}/"))
    signed_doc = in_schema(
        tu_ky,
        lambda: saved.issued_documents.filter(kind="result", event__type="result_attached").get(),
    )
    download = citizen_client.get(f"/ho-so/{dossier.reference}/giay-to-phat-hanh/{signed_doc.pk}/")
    if mode == "online":
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == signed
    else:
        assert download.status_code == 403


def test_supplement_round_trip_and_the_second_request_warns_it_counts_late(
    offered, citizen, desk, client_for, dossier_in, tu_ky
):
    from workflows import services

    dossier = dossier_in("tu_ky", applicant=citizen)
    receiving = desk["receiving_officer"]
    assert "lần yêu cầu bổ sung thứ" not in desk_page(receiving, dossier)
    missing = "Bản chụp CCCD mặt sau\nGiấy ủy quyền có chứng thực"
    response = act(receiving, dossier.reference, "request_supplement", "submitted", reason=missing)
    assert response.status_code == 302, text_of(response)[:1500]
    saved = load(tu_ky, dossier.reference)
    assert saved.state == "supplement_requested" and saved.appointment_at is None  # clock stops
    slip = in_schema(tu_ky, lambda: saved.issued_documents.get(kind="supplement_request"))
    text = in_schema(tu_ky, lambda: pdf_text(slip.file.open("rb").read()))
    assert "Bản chụp CCCD mặt sau" in text and "Giấy ủy quyền có chứng thực" in text

    in_schema(
        tu_ky,
        lambda: services.dossier_resubmit(dossier=saved, user=citizen, note="Đã bổ sung"),
    )

    # The second request: the form warns before anything is sent, and wants a confirmation.
    page = desk_page(receiving, dossier)
    assert "Đây là lần yêu cầu bổ sung thứ 2" in page
    assert "bị tính là trễ hạn" in page
    typed = "Giấy ủy quyền chưa có chữ ký người ủy quyền"
    response = act(receiving, dossier.reference, "request_supplement", "submitted", reason=typed)
    assert response.status_code == 400
    assert typed in response.content.decode()  # nothing typed is lost
    assert 'id="id_request_supplement-acknowledge_late_errors"' in response.content.decode()
    assert load(tu_ky, dossier.reference).state == "submitted"
    response = act(
        receiving,
        dossier.reference,
        "request_supplement",
        "submitted",
        reason=typed,
        acknowledge_late="on",
    )
    assert response.status_code == 302, text_of(response)[:1500]
    rounds = in_schema(
        tu_ky,
        lambda: [
            e.data["round"]
            for e in DossierEvent.objects.filter(
                dossier__reference=dossier.reference, type="supplement_requested"
            ).order_by("pk")
        ],
    )
    assert rounds == [1, 2]
    assert "Yêu cầu bổ sung lần thứ 2: hồ sơ bị tính là trễ hạn." in desk_page(receiving, dossier)

    # Completed, received and approved at once: still late (Decision 766).
    again = load(tu_ky, dossier.reference)
    in_schema(tu_ky, lambda: services.dossier_resubmit(dossier=again, user=citizen, note="Đã ký"))
    for role, name, state, fields in [
        ("receiving_officer", "receive", "submitted", {}),
        ("receiving_officer", "forward_for_processing", "received", {}),
        ("specialist", "submit_for_approval", "in_processing", {}),
        ("leader", "approve", "awaiting_approval", {"note": "Đồng ý"}),
    ]:
        assert act(desk[role], dossier.reference, name, state, **fields).status_code == 302
    assert load(tu_ky, dossier.reference).timeliness == "late"


def test_a_refusal_needs_its_reason_and_issues_mau_03(offered, citizen, desk, dossier_in, tu_ky):
    dossier = dossier_in("tu_ky", applicant=citizen, state="in_processing", received_at=clock.now())
    response = act(desk["leader"], dossier.reference, "refuse", "in_processing", reason="  ")
    assert response.status_code == 400
    assert "Vui lòng ghi rõ lý do." in text_of(response)
    assert load(tu_ky, dossier.reference).state == "in_processing"
    reason = "Thửa đất đang có tranh chấp chưa được giải quyết"
    response = act(desk["leader"], dossier.reference, "refuse", "in_processing", reason=reason)
    assert response.status_code == 302
    saved = load(tu_ky, dossier.reference)
    assert saved.state == "refused" and saved.finished_at is not None
    slip = in_schema(tu_ky, lambda: saved.issued_documents.get(kind="refusal"))
    assert slip.form_number == "03"
    assert reason in in_schema(tu_ky, lambda: pdf_text(slip.file.open("rb").read()))


def test_stopping_the_processing_issues_mau_05_and_reports_status_8(
    offered, citizen, desk, client_for, dossier_in, tu_ky
):
    dossier = dossier_in("tu_ky", applicant=citizen, state="in_processing", received_at=clock.now())
    assert "Dừng giải quyết hồ sơ" in desk_page(desk["leader"], dossier)
    assert "Dừng giải quyết hồ sơ" not in desk_page(desk["specialist"], dossier)
    response = act(desk["leader"], dossier.reference, "stop_processing", "in_processing", reason="")
    assert response.status_code == 400
    assert "Vui lòng ghi rõ lý do dừng giải quyết hồ sơ." in text_of(response)
    assert load(tu_ky, dossier.reference).state == "in_processing"

    reason = "Tòa án nhân dân đang thụ lý vụ án liên quan đến thửa đất"
    response = act(
        desk["leader"], dossier.reference, "stop_processing", "in_processing", reason=reason
    )
    assert response.status_code == 302, text_of(response)[:1500]
    saved = load(tu_ky, dossier.reference)
    assert saved.state == "stopped" and saved.is_finished and saved.finished_at is not None
    assert national_status(state=saved.state, received_at=saved.received_at) == 8
    entry = DossierIndexEntry.objects.get(reference=dossier.reference)
    assert entry.national_status == 8
    notice = in_schema(tu_ky, lambda: saved.issued_documents.get(kind="stop_notice"))
    assert (notice.form_number, notice.framework) == ("05", "tt03-2025")
    text = in_schema(tu_ky, lambda: pdf_text(notice.file.open("rb").read()))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text.upper()
    assert reason in " ".join(text.split())
    assert saved.code in text and "Nguyễn Văn An" in text
    # Nothing more to do on it; the citizen reads why.
    assert "Bạn không có thao tác nào" in desk_page(desk["leader"], dossier)
    citizen_page = text_of(client_for("tu_ky", citizen).get(f"/ho-so/{dossier.reference}/"))
    assert "Dừng giải quyết" in citizen_page and reason in citizen_page


def test_bad_input_is_refused_at_the_field_with_nothing_lost(
    offered, citizen, desk, dossier_in, tu_ky
):
    # An approval without the leader's opinion.
    waiting = dossier_in(
        "tu_ky", applicant=citizen, state="awaiting_approval", received_at=clock.now()
    )
    response = act(desk["leader"], waiting.reference, "approve", "awaiting_approval", note=" ")
    assert response.status_code == 400
    assert 'id="id_approve-note_errors"' in response.content.decode()
    assert "Vui lòng ghi ý kiến phê duyệt." in text_of(response)
    assert load(tu_ky, waiting.reference).state == "awaiting_approval"

    # A result file that is not a PDF, whatever its name says.
    response = attach(desk["specialist"], waiting, "awaiting_approval", image_bytes(), "kq.pdf")
    assert response.status_code == 400
    assert "không phải là PDF" in text_of(response)
    assert 'id="id_result-file_errors"' in response.content.decode()
    assert not in_schema(
        tu_ky,
        lambda: waiting.issued_documents.filter(kind="result").exists(),
    )

    # A return at the desk without the collector's name: the ID number typed stays.
    ready = dossier_in("tu_ky", applicant=citizen, state="result_ready", received_at=clock.now())
    response = act(
        desk["returning_officer"],
        ready.reference,
        "return_result",
        "result_ready",
        collector_id_number="031190004567",
        originals_compared="on",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vui lòng nhập họ tên người nhận kết quả." in text_of(response)
    assert 'id="id_return_result-collector_name_errors"' in page
    assert 'value="031190004567"' in page
    # An ID number of the wrong shape.
    response = act(
        desk["returning_officer"],
        ready.reference,
        "return_result",
        "result_ready",
        **{**COLLECTOR, "collector_id_number": "12345"},
    )
    assert response.status_code == 400
    assert "12 chữ số" in text_of(response)
    assert load(tu_ky, ready.reference).state == "result_ready"

    # By post without a tracking number; online without an electronic result on file.
    by_post = dossier_in(
        "tu_ky",
        applicant=citizen,
        state="result_ready",
        received_at=clock.now(),
        delivery_method="post",
    )
    response = act(desk["returning_officer"], by_post.reference, "return_result", "result_ready")
    assert response.status_code == 400 and "Vui lòng nhập số hiệu bưu gửi." in text_of(response)
    online = dossier_in(
        "tu_ky",
        applicant=citizen,
        state="result_ready",
        received_at=clock.now(),
        delivery_method="online",
    )
    response = act(desk["returning_officer"], online.reference, "return_result", "result_ready")
    assert response.status_code == 400 and "chưa có kết quả điện tử" in text_of(response)
    assert load(tu_ky, online.reference).state == "result_ready"


def test_another_locality_or_a_missing_role_is_refused_and_nothing_changes(
    offered, citizen, desk, client_for, dossier_in, tu_ky, chu_puh_officer
):
    dossier = dossier_in(
        "tu_ky", applicant=citizen, state="awaiting_approval", received_at=clock.now()
    )
    # Chư Pưh's officer holds every role, but in Chư Pưh: none on Tứ Kỳ's portal…
    elsewhere = client_for("tu_ky", chu_puh_officer)
    response = act(elsewhere, dossier.reference, "approve", "awaiting_approval", note="Đồng ý")
    assert response.status_code == 403
    assert attach(elsewhere, dossier, "awaiting_approval", pdf_bytes()).status_code == 403
    # … and on their own portal, Tứ Kỳ's dossier does not exist.
    home = client_for("chu_puh", chu_puh_officer)
    assert (
        act(home, dossier.reference, "stop_processing", "awaiting_approval", reason="x").status_code
        == 404
    )

    # Tứ Kỳ's officers without the role: no button, and 403 if they press it anyway.
    returning = desk["returning_officer"]
    assert "Phê duyệt, ký kết quả" not in desk_page(returning, dossier)
    response = act(returning, dossier.reference, "approve", "awaiting_approval", note="Đồng ý")
    assert response.status_code == 403
    response = act(
        desk["specialist"], dossier.reference, "stop_processing", "awaiting_approval", reason="x"
    )
    assert response.status_code == 403
    assert attach(returning, dossier, "awaiting_approval", pdf_bytes()).status_code == 403
    assert (
        act(
            client_for("tu_ky", citizen), dossier.reference, "approve", "awaiting_approval"
        ).status_code
        == 403
    )

    saved = load(tu_ky, dossier.reference)
    assert saved.state == "awaiting_approval"
    assert not in_schema(tu_ky, lambda: saved.issued_documents.exists())
    assert in_schema(tu_ky, lambda: list(saved.events.values_list("type", flat=True))) == [
        "submitted"
    ]


def test_a_stale_page_gets_409_and_the_message(offered, citizen, desk, dossier_in, tu_ky):
    dossier = dossier_in(
        "tu_ky", applicant=citizen, state="awaiting_approval", received_at=clock.now()
    )
    # The page was read while the dossier was still with the specialist.
    response = act(desk["leader"], dossier.reference, "approve", "in_processing", note="Đồng ý")
    assert response.status_code == 409
    # The message, on the dossier's page reloaded as it is now, with the actions of its state.
    page = text_of(response)
    assert "Hồ sơ đã được người khác cập nhật, vui lòng tải lại." in page
    assert "Chờ lãnh đạo phê duyệt" in page and "Phê duyệt, ký kết quả" in page
    assert 'name="state" value="awaiting_approval"' in response.content.decode()
    response = attach(desk["leader"], dossier, "in_processing", pdf_bytes())
    assert response.status_code == 409
    # A colleague stops it; the leader's approval, from the earlier page, is refused.
    act(
        desk["leader"],
        dossier.reference,
        "stop_processing",
        "awaiting_approval",
        reason="Tranh chấp",
    )
    response = act(desk["leader"], dossier.reference, "approve", "awaiting_approval", note="Đồng ý")
    assert response.status_code == 409
    assert "Bạn không có thao tác nào" in text_of(response)  # stopped: nothing left to do
    assert load(tu_ky, dossier.reference).state == "stopped"


def test_the_apology_keeps_the_original_appointment_and_prints_the_new_one(
    offered, citizen, desk, dossier_in, tu_ky
):
    dossier = dossier_in("tu_ky", applicant=citizen, state="in_processing", received_at=clock.now())
    original = dossier.appointment_at
    response = desk["specialist"].post(
        f"/ho-so/can-bo/{dossier.reference}/xin-loi/",
        {
            "state": "in_processing",
            "apology-new_date": "30/12/2099",
            "apology-reason": "Chờ kết quả xác minh của cơ quan khác",
        },
    )
    assert response.status_code == 302, text_of(response)[:1500]
    saved = load(tu_ky, dossier.reference)
    assert saved.appointment_at == original and saved.extended_appointment_at is not None
    assert saved.state == "in_processing"
    letter = in_schema(tu_ky, lambda: saved.issued_documents.get(kind="apology"))
    assert letter.form_number == "04"
    text = " ".join(in_schema(tu_ky, lambda: pdf_text(letter.file.open("rb").read())).split())
    assert "30/12/2099" in text and "Chờ kết quả xác minh của cơ quan khác" in text
    assert to_local(original).strftime("%d/%m/%Y") in text


def test_a_result_signed_before_approval_is_the_result(offered, citizen, desk, dossier_in, tu_ky):
    dossier = dossier_in(
        "tu_ky",
        applicant=citizen,
        state="in_processing",
        received_at=clock.now(),
        delivery_method="online",
    )
    signed = pdf_bytes(3)
    assert attach(desk["specialist"], dossier, "in_processing", signed).status_code == 302
    act(desk["specialist"], dossier.reference, "submit_for_approval", "in_processing")
    act(desk["leader"], dossier.reference, "approve", "awaiting_approval", note="Đồng ý")
    saved = load(tu_ky, dossier.reference)
    results = in_schema(tu_ky, lambda: list(saved.issued_documents.filter(kind="result")))
    assert len(results) == 1  # no result rendered from the templates beside the signed one
    assert in_schema(tu_ky, lambda: results[0].file.open("rb").read()) == signed


def test_a_plugin_state_can_be_stopped_too(
    offered, citizen, desk, dossier_in, tu_ky, demo_localities
):
    """Land-change registration's field inspection: its own transitions on the same page, and
    the leader may stop the dossier while the inspection is under way."""
    from procedure_plugins.services import offering_enable

    offering_enable(locality=demo_localities["tu_ky"], code="1.004227")
    dossier = dossier_in(
        "tu_ky",
        applicant=citizen,
        procedure_code="1.004227",
        state="in_processing",
        received_at=clock.now(),
        answers={"loai_bien_dong": "thay_doi_dien_tich"},
    )
    assert "Kiểm tra, đo đạc thực địa" in desk_page(desk["specialist"], dossier)
    response = act(
        desk["specialist"],
        dossier.reference,
        "schedule_field_inspection",
        "in_processing",
        scheduled_for="15/12/2099",
    )
    assert response.status_code == 302, text_of(response)[:1500]
    page = desk_page(desk["leader"], dossier)
    assert "Dừng giải quyết hồ sơ" in page
    response = act(
        desk["leader"],
        dossier.reference,
        "stop_processing",
        "field_inspection",
        reason="Người sử dụng đất đề nghị dừng để hoà giải tranh chấp ranh giới",
    )
    assert response.status_code == 302, text_of(response)[:1500]
    saved = load(tu_ky, dossier.reference)
    assert saved.state == "stopped"
    assert (
        in_schema(tu_ky, lambda: saved.issued_documents.get(kind="stop_notice").form_number) == "05"
    )


def test_a_dossier_received_under_the_2018_forms_is_stopped_with_the_2025_notice(
    offered, citizen, desk, dossier_in, tu_ky
):
    """Circular 01/2018 had no stop notice: the form in force on the day it is issued."""
    received = at(2025, 3, 3, 9, 0)
    dossier = dossier_in(
        "tu_ky",
        applicant=citizen,
        state="in_processing",
        submitted_at=received,
        received_at=received,
    )
    response = act(
        desk["leader"], dossier.reference, "stop_processing", "in_processing", reason="Tranh chấp"
    )
    assert response.status_code == 302, text_of(response)[:1500]
    saved = load(tu_ky, dossier.reference)
    notice = in_schema(tu_ky, lambda: saved.issued_documents.get(kind="stop_notice"))
    assert (notice.form_number, notice.framework) == ("05", "tt03-2025")
    assert "Tranh chấp" in in_schema(tu_ky, lambda: pdf_text(notice.file.open("rb").read()))
