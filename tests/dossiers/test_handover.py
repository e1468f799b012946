"""Inter-unit hand-over (liên thông) through the officers' pages of two localities: Xã Tứ Kỳ sends
a dossier to Thành phố Hải Phòng (its province), Hải Phòng's officers process the child in their
own desk and send the result back, Tứ Kỳ returns it to the citizen. Chư Pưh (Gia Lai) is the
other province."""

from __future__ import annotations

import hashlib

import pytest
from django.db import transaction
from django_tenants.utils import schema_context, tenant_context

from workflows import clock
from workflows.handover_selectors import transferred_in
from workflows.models import Attachment, Dossier, DossierEvent, IssuedDocument
from workflows.public_index import lookup
from workflows.public_index.models import DossierIndexEntry
from workflows.services import boundary_free, handover
from workflows.tests.helpers import (
    APPROVAL,
    AT_DESK,
    EXTRACT_COPY,
    at,
    extract_copy_post,
    pdf_bytes,
    pdf_text,
    text_of,
)

from .journey import act, walk

TO_KHAI = pdf_bytes(2)


@pytest.fixture
def staff_of(db, demo_localities, officers):
    """`staff_of("hai_phong", "leader")`: an account holding that role in that locality only
    (Tứ Kỳ's come from the `officers` fixture)."""
    from identity.tests.factories import make_user
    from staff.roles import role_group

    made: dict[tuple[str, str], object] = {}

    def make(locality_name: str, role: str):
        if locality_name == "tu_ky":
            return officers[role]
        if (locality_name, role) not in made:
            user = make_user(full_name=f"Cán bộ {role} {locality_name}")
            with tenant_context(demo_localities[locality_name]):
                user.groups.add(role_group(role))
            made[(locality_name, role)] = user
        return made[(locality_name, role)]

    return make


@pytest.fixture
def in_processing(offered, citizen, officers, client_for):
    """An extract copy request submitted online at Tứ Kỳ with a two-page PDF, received and
    forwarded to the specialist: (reference, code)."""
    client = client_for("tu_ky", citizen)
    with clock.frozen_at(at(2026, 6, 15, 9, 0)):
        reference, response = walk(
            client, EXTRACT_COPY, extract_copy_post(), {"to_khai": [("to-khai.pdf", TO_KHAI)]}
        )
        assert response.status_code == 302
        desk = client_for("tu_ky", officers["receiving_officer"])
        assert act(desk, reference, "receive", "submitted").status_code == 302
        assert act(desk, reference, "forward_for_processing", "received").status_code == 302
    code = in_tu_ky(lambda: Dossier.objects.get(reference=reference).code)
    return reference, code


def in_schema(locality, read):
    with tenant_context(locality):
        return read()


def in_tu_ky(read):
    from tenants.models import Locality

    return in_schema(Locality.objects.get(code="11074"), read)


def child_of(hai_phong) -> Dossier:
    return in_schema(hai_phong, lambda: transferred_in(open_only=False).get())


def send(client, reference, target, *, state="in_processing", note="Đề nghị xác minh"):
    return client.post(
        f"/ho-so/can-bo/{reference}/lien-thong/",
        {"state": state, "target": str(target.pk), "note": note},
    )


def test_hand_over_to_the_province_and_back(
    in_processing, officers, staff_of, client_for, citizen, demo_localities, mailoutbox
):
    reference, code = in_processing
    hai_phong, chu_puh = demo_localities["hai_phong"], demo_localities["chu_puh"]
    specialist = client_for("tu_ky", officers["specialist"])

    # The specialist sees the hand-over and the units of the province only.
    page = specialist.get(f"/ho-so/can-bo/{reference}/")
    assert "Chuyển liên thông đến đơn vị khác" in text_of(page)
    form = specialist.get(f"/ho-so/can-bo/{reference}/lien-thong/")
    assert form.status_code == 200
    assert "Thành phố Hải Phòng" in text_of(form)
    assert "Chư Pưh" not in text_of(form)

    with clock.frozen_at(at(2026, 6, 15, 14, 0)):
        response = send(specialist, reference, hai_phong)
    assert response.status_code == 302, text_of(response)[:2000]
    origin_page = text_of(specialist.get(f"/ho-so/can-bo/{reference}/"))
    assert "Đang xử lý liên thông tại cơ quan khác" in origin_page
    assert "Chuyển liên thông đến Thành phố Hải Phòng" in origin_page

    # The child: in Hải Phòng's schema, received, with the same files (bytes and hashes).
    child = child_of(hai_phong)
    assert child.code == f"{code}-LT1"
    assert child.state == "received"
    files = in_schema(hai_phong, lambda: list(Attachment.objects.filter(dossier=child)))
    assert [(f.original_name, f.sha256) for f in files] == [
        ("to-khai.pdf", hashlib.sha256(TO_KHAI).hexdigest())
    ]

    # Hải Phòng's officers process it in their desk, marked "liên thông từ Xã Tứ Kỳ".
    hp_desk = client_for("hai_phong", staff_of("hai_phong", "receiving_officer"))
    page = hp_desk.get(f"/ho-so/can-bo/{child.reference}/")
    assert page.status_code == 200
    assert f"Hồ sơ liên thông từ Xã Tứ Kỳ (mã hồ sơ gốc {code})" in text_of(page)
    # ... and find it in their inbox's "Liên thông đến" (Tứ Kỳ's has nothing there).
    assert child.code in text_of(hp_desk.get("/ho-so/can-bo/?view=transferred_in"))
    tu_ky_in = text_of(specialist.get("/ho-so/can-bo/?view=transferred_in"))
    assert "Không có hồ sơ nào trong danh sách này" in tu_ky_in
    download = hp_desk.get(f"/ho-so/{child.reference}/tep/{files[0].pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == TO_KHAI

    # Only Hải Phòng's officers read the copy: the citizen does not see the child at all.
    citizen_there = client_for("hai_phong", citizen)
    assert citizen_there.get(f"/ho-so/{child.reference}/").status_code == 404
    assert citizen_there.get(f"/ho-so/{child.reference}/tep/{files[0].pk}/").status_code == 404

    hp_specialist = client_for("hai_phong", staff_of("hai_phong", "specialist"))
    hp_leader = client_for("hai_phong", staff_of("hai_phong", "leader"))
    hp_returning = client_for("hai_phong", staff_of("hai_phong", "returning_officer"))
    with clock.frozen_at(at(2026, 6, 16, 9, 0)):
        assert (
            act(hp_desk, child.reference, "forward_for_processing", "received").status_code == 302
        )
        assert (
            act(hp_specialist, child.reference, "submit_for_approval", "in_processing").status_code
            == 302
        )
        assert (
            act(hp_leader, child.reference, "approve", "awaiting_approval", **APPROVAL).status_code
            == 302
        )
    page = text_of(hp_returning.get(f"/ho-so/can-bo/{child.reference}/"))
    assert "Gửi kết quả liên thông về đơn vị chuyển" in page
    # Hải Phòng did its part: the citizen hears from Tứ Kỳ only.
    assert mailoutbox and not [m.subject for m in mailoutbox if "Hải Phòng" in m.subject]
    with clock.frozen_at(at(2026, 6, 16, 10, 0)):
        response = hp_returning.post(
            f"/ho-so/can-bo/{child.reference}/lien-thong/tra-ve/",
            {"state": "result_ready", "note": "Đã xác minh"},
        )
    assert response.status_code == 302, text_of(response)[:2000]
    child_page = text_of(hp_returning.get(f"/ho-so/can-bo/{child.reference}/"))
    assert "Đã trả kết quả" in child_page
    assert "Gửi kết quả liên thông về Xã Tứ Kỳ: Đã có kết quả" in child_page

    # Back at Tứ Kỳ: processing resumes, with Hải Phòng's result file, then the usual path.
    origin_page = text_of(specialist.get(f"/ho-so/can-bo/{reference}/"))
    assert "Đang xử lý" in origin_page
    assert "Nhận lại hồ sơ liên thông từ Thành phố Hải Phòng: Đã có kết quả" in origin_page
    assert "Đã xác minh" in origin_page
    origin = in_tu_ky(lambda: Dossier.objects.get(reference=reference))
    copied = in_tu_ky(lambda: list(IssuedDocument.objects.filter(dossier=origin, kind="result")))
    assert copied, "the other unit's result comes back with the dossier"
    result = specialist.get(f"/ho-so/{reference}/giay-to-phat-hanh/{copied[0].pk}/")
    assert result.status_code == 200
    assert "TRÍCH LỤC HỘ TỊCH" in pdf_text(b"".join(result.streaming_content))

    leader = client_for("tu_ky", officers["leader"])
    returning = client_for("tu_ky", officers["returning_officer"])
    with clock.frozen_at(at(2026, 6, 16, 14, 0)):
        assert act(specialist, reference, "submit_for_approval", "in_processing").status_code == 302
        assert act(leader, reference, "approve", "awaiting_approval", **APPROVAL).status_code == 302
        assert (
            act(returning, reference, "return_result", "result_ready", **AT_DESK).status_code == 302
        )
    citizen_page = text_of(client_for("tu_ky", citizen).get(f"/ho-so/{reference}/"))
    assert "Đã trả kết quả" in citizen_page

    # Both histories show every hand-over.
    origin_history = in_tu_ky(
        lambda: list(
            DossierEvent.objects.filter(dossier__reference=reference).values_list(
                "type", "transition"
            )
        )
    )
    assert ("handed_over", "hand_over") in origin_history
    assert ("taken_back", "take_back") in origin_history
    child_history = in_schema(
        hai_phong,
        lambda: list(
            DossierEvent.objects.filter(dossier=child).values_list("transition", flat=True)
        ),
    )
    assert child_history[0] == "handover_receive"
    assert child_history[-1] == "handover_return"

    # Only the origin counts: the child's index row is flagged, lookups find the origin only.
    with schema_context("public"):
        child_row = DossierIndexEntry.objects.get(reference=child.reference)
        assert child_row.handed_over_from_id == demo_localities["tu_ky"].pk
        counted = DossierIndexEntry.counted()
        assert not counted.filter(locality=hai_phong).exists()
        assert counted.filter(reference=reference, state="returned").exists()
        assert [hit.reference for hit in lookup.hits(column="code", value=code.upper())] == [
            origin.reference
        ]
        assert lookup.hits(column="code", value=child.code.upper()) == []
    national = client_for("national")
    found = national.get("/ho-so/tra-cuu/", {"ma": code})
    assert found.status_code == 200 and "Xã Tứ Kỳ" in text_of(found)
    # The child's code is not a code a citizen was given: refused (400), never a result.
    assert national.get("/ho-so/tra-cuu/", {"ma": child.code}).status_code in (400, 404)
    # Chư Pưh is not part of this.
    assert not in_schema(chu_puh, lambda: transferred_in(open_only=False).exists())


def test_a_refusal_comes_back_with_its_reason(
    in_processing, officers, staff_of, client_for, demo_localities
):
    reference, _code = in_processing
    hai_phong = demo_localities["hai_phong"]
    specialist = client_for("tu_ky", officers["specialist"])
    assert send(specialist, reference, hai_phong).status_code == 302
    child = child_of(hai_phong)
    hp_leader = client_for("hai_phong", staff_of("hai_phong", "leader"))
    response = act(hp_leader, child.reference, "refuse", "received", reason="Không đủ căn cứ.")
    assert response.status_code == 302
    hp_returning = client_for("hai_phong", staff_of("hai_phong", "returning_officer"))
    response = hp_returning.post(
        f"/ho-so/can-bo/{child.reference}/lien-thong/tra-ve/", {"state": "refused"}
    )
    assert response.status_code == 302
    page = text_of(specialist.get(f"/ho-so/can-bo/{reference}/"))
    assert "Nhận lại hồ sơ liên thông từ Thành phố Hải Phòng: Từ chối giải quyết" in page
    assert "Không đủ căn cứ." in page
    assert in_tu_ky(lambda: Dossier.objects.get(reference=reference).state) == "in_processing"


def test_an_outcome_after_the_citizen_withdrew_is_recorded(
    in_processing, officers, staff_of, client_for, citizen, demo_localities
):
    reference, _code = in_processing
    hai_phong = demo_localities["hai_phong"]
    assert (
        send(client_for("tu_ky", officers["specialist"]), reference, hai_phong).status_code == 302
    )
    withdrawn = client_for("tu_ky", citizen).post(
        f"/ho-so/{reference}/rut/", {"state": "transferred", "reason": "Không cần nữa"}
    )
    assert withdrawn.status_code == 302, text_of(withdrawn)[:1000]
    child = child_of(hai_phong)
    hp_leader = client_for("hai_phong", staff_of("hai_phong", "leader"))
    assert act(hp_leader, child.reference, "refuse", "received", reason="Đã rút").status_code == 302
    hp_returning = client_for("hai_phong", staff_of("hai_phong", "returning_officer"))
    back = hp_returning.post(
        f"/ho-so/can-bo/{child.reference}/lien-thong/tra-ve/", {"state": "refused"}
    )
    assert back.status_code == 302
    page = text_of(client_for("tu_ky", officers["specialist"]).get(f"/ho-so/can-bo/{reference}/"))
    assert "Công dân đã rút hồ sơ" in page
    assert "Nhận lại hồ sơ liên thông từ Thành phố Hải Phòng: Từ chối giải quyết" in page


def test_other_officers_cannot_see_or_act_on_the_child(
    in_processing, officers, staff_of, client_for, demo_localities
):
    reference, _code = in_processing
    hai_phong, chu_puh = demo_localities["hai_phong"], demo_localities["chu_puh"]
    specialist = client_for("tu_ky", officers["specialist"])
    assert send(specialist, reference, hai_phong).status_code == 302
    child = child_of(hai_phong)
    detail = f"/ho-so/can-bo/{child.reference}/"
    back = f"/ho-so/can-bo/{child.reference}/lien-thong/tra-ve/"

    # Tứ Kỳ's officer holds no role in Hải Phòng: 403 there, and the child is unknown at home.
    tu_ky_on_hp = client_for("hai_phong", officers["specialist"])
    assert tu_ky_on_hp.get(detail).status_code == 403
    assert tu_ky_on_hp.post(back, {"state": "received"}).status_code == 403
    assert specialist.get(detail).status_code == 404
    # Chư Pưh's officer: the child does not exist on Chư Pưh's host.
    chu_puh_officer = client_for("chu_puh", staff_of("chu_puh", "returning_officer"))
    assert chu_puh_officer.get(detail).status_code == 404
    assert chu_puh_officer.post(back, {"state": "received"}).status_code == 404
    # Hải Phòng's specialist may not send the outcome back (the returning officer's task) …
    hp_specialist = client_for("hai_phong", staff_of("hai_phong", "specialist"))
    assert hp_specialist.post(back, {"state": "received"}).status_code == 403
    # … nor hand the child on: its result goes back to its origin.
    assert send(hp_specialist, child.reference, chu_puh, state="received").status_code in (
        403,
        409,
    )
    # The origin's returning officer may not hand over; an account without a role sees nothing.
    returning = client_for("tu_ky", officers["returning_officer"])
    assert returning.get(f"/ho-so/can-bo/{reference}/lien-thong/").status_code == 403
    from identity.tests.factories import make_user

    nobody = client_for("tu_ky", make_user())
    assert nobody.get(f"/ho-so/can-bo/{reference}/lien-thong/").status_code == 403
    assert in_schema(hai_phong, lambda: Dossier.objects.get(pk=child.pk).state) == "received"


def test_boundary_free_transfer_within_the_province_only(
    offered, citizen, officers, staff_of, client_for, demo_localities
):
    hai_phong, chu_puh = demo_localities["hai_phong"], demo_localities["chu_puh"]
    client = client_for("tu_ky", citizen)
    reference, response = walk(client, EXTRACT_COPY, extract_copy_post(), {})
    desk = client_for("tu_ky", officers["receiving_officer"])
    assert act(desk, reference, "receive", "submitted").status_code == 302

    # Not declared boundary-free yet: the receiving officer has no transfer.
    assert "Chuyển liên thông đến đơn vị khác" not in text_of(
        desk.get(f"/ho-so/can-bo/{reference}/")
    )
    assert desk.get(f"/ho-so/can-bo/{reference}/lien-thong/").status_code == 409

    # Hải Phòng's administrator declares it; a commune cannot.
    settings_path = "/ho-so/can-bo/lien-thong/khong-phu-thuoc-dia-gioi/"
    assert client_for("tu_ky", officers["leader"]).get(settings_path).status_code == 403
    hp_specialist = client_for("hai_phong", staff_of("hai_phong", "specialist"))
    assert hp_specialist.post(settings_path, {"codes": [EXTRACT_COPY]}).status_code == 403
    admin = client_for("hai_phong", staff_of("hai_phong", "locality_admin"))
    assert admin.get(settings_path).status_code == 200
    assert admin.post(settings_path, {"codes": [EXTRACT_COPY]}).status_code == 302
    assert boundary_free.is_boundary_free(
        locality=demo_localities["tu_ky"], procedure_code=EXTRACT_COPY
    )

    # Another province: refused at the field, in Vietnamese, with what was typed kept.
    response = send(desk, reference, chu_puh, state="received", note="Chuyển theo thẩm quyền")
    assert response.status_code == 400
    page = text_of(response)
    assert "Đơn vị nhận phải thuộc Thành phố Hải Phòng" in page
    assert "Chuyển theo thẩm quyền" in page
    assert 'aria-invalid="true"' in response.content.decode()
    assert in_tu_ky(lambda: Dossier.objects.get(reference=reference).state) == "received"
    assert not in_schema(chu_puh, lambda: transferred_in(open_only=False).exists())

    # Its own unit, or something that is not a unit: refused at the field too.
    own = send(desk, reference, demo_localities["tu_ky"], state="received")
    assert own.status_code == 400
    assert "Không chuyển liên thông cho chính đơn vị mình." in text_of(own)
    garbage = desk.post(
        f"/ho-so/can-bo/{reference}/lien-thong/", {"state": "received", "target": "x'; --"}
    )
    assert garbage.status_code == 400
    assert "Vui lòng chọn đơn vị nhận hồ sơ trong danh sách." in text_of(garbage)

    # Within the province: transferred.
    response = send(desk, reference, hai_phong, state="received")
    assert response.status_code == 302, text_of(response)[:2000]
    page = text_of(desk.get(f"/ho-so/can-bo/{reference}/"))
    assert "Chuyển đơn vị có thẩm quyền: Thành phố Hải Phòng" in page
    assert child_of(hai_phong).state == "received"


def test_a_stale_page_gets_409(in_processing, officers, client_for, demo_localities):
    reference, _code = in_processing
    hai_phong = demo_localities["hai_phong"]
    specialist = client_for("tu_ky", officers["specialist"])
    # The page was loaded while the dossier was still "received".
    response = send(specialist, reference, hai_phong, state="received")
    assert response.status_code == 409
    assert "Hồ sơ đã được người khác cập nhật, vui lòng tải lại" in text_of(response)
    # Two specialists press at once: the second is refused, one child only.
    assert send(specialist, reference, hai_phong).status_code == 302
    assert send(specialist, reference, hai_phong).status_code == 409
    assert in_schema(hai_phong, lambda: transferred_in().count()) == 1


def test_one_transaction_spans_both_schemas(in_processing, officers, demo_localities):
    """The child's creation and the origin's change commit or roll back together: both schemas
    are in one database, and the services switch the connection's search_path inside one
    transaction."""
    reference, _code = in_processing
    hai_phong = demo_localities["hai_phong"]

    class Abort(Exception):
        pass

    with tenant_context(demo_localities["tu_ky"]):
        origin = Dossier.objects.get(reference=reference)
        with pytest.raises(Abort), transaction.atomic():
            handover.dossier_hand_over_to_unit(
                dossier=origin, user=officers["specialist"], target=hai_phong
            )
            assert in_schema(hai_phong, lambda: transferred_in().count()) == 1
            raise Abort
        origin.refresh_from_db()
        assert origin.state == "in_processing"
        assert not origin.handovers.exists()
    assert in_schema(hai_phong, lambda: transferred_in(open_only=False).count()) == 0
    with schema_context("public"):
        assert not DossierIndexEntry.objects.filter(locality=hai_phong).exists()


def test_the_index_rebuild_keeps_the_child_flagged(in_processing, officers, demo_localities):
    from workflows.public_index.rebuild import rebuild

    reference, _code = in_processing
    hai_phong, tu_ky = demo_localities["hai_phong"], demo_localities["tu_ky"]
    with tenant_context(tu_ky):
        handover.dossier_hand_over_to_unit(
            dossier=Dossier.objects.get(reference=reference),
            user=officers["specialist"],
            target=hai_phong,
        )
    child = child_of(hai_phong)
    schemas = [hai_phong.schema_name, tu_ky.schema_name]
    assert rebuild(dry_run=True, schemas=schemas).differences == []
    with schema_context("public"):
        DossierIndexEntry.objects.filter(reference=child.reference).update(handed_over_from=None)
    report = rebuild(schemas=schemas)
    assert [(d.code, d.fields) for d in report.differences] == [
        (child.code, ("handed_over_from_id",))
    ]
    with schema_context("public"):
        assert not DossierIndexEntry.counted().filter(reference=child.reference).exists()
