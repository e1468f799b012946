"""Slips are rendered after the action that issues them commits, and a GET never writes: a slip
not rendered yet gets a short "being prepared" page (HTTP 202); `manage.py render_pending_slips`
renders the slips a crashed worker left pending and issues missing receipts."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command
from django.db import connection, transaction

from workflows import clock, services
from workflows.calendar import VIETNAM_TZ
from workflows.models import Dossier, IssuedDocument
from workflows.tests.factories import make_dossier
from workflows.tests.helpers import pdf_text


def pdf_of(response) -> str:
    return pdf_text(b"".join(response.streaming_content))


def sweep(locality) -> str:
    out = io.StringIO()
    call_command("render_pending_slips", "--locality", locality.schema_name, stdout=out)
    return out.getvalue()


def test_a_receipt_not_yet_issued_is_announced_and_nothing_is_written(
    offered, citizen, client_for, demo_localities, use_locality
):
    use_locality(demo_localities["tu_ky"])
    dossier = make_dossier(applicant=citizen)  # submitted before receipts came with submission
    connection.set_schema_to_public()
    client = client_for("tu_ky", citizen)

    response = client.get(f"/ho-so/{dossier.reference}/bien-nhan.pdf")

    assert response.status_code == 202
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "đang được tạo, vui lòng tải lại sau giây lát" in page
    use_locality(demo_localities["tu_ky"])
    assert not IssuedDocument.objects.filter(dossier=dossier).exists()


def test_the_sweep_issues_missing_receipts_once(
    offered, citizen, client_for, demo_localities, use_locality
):
    use_locality(demo_localities["tu_ky"])
    dossier = make_dossier(applicant=citizen)
    connection.set_schema_to_public()

    first, second = sweep(demo_localities["tu_ky"]), sweep(demo_localities["tu_ky"])

    assert f"{dossier.code}: receipt issued" in first and "receipts issued: 1" in first
    assert "Slips rendered: 0; receipts issued: 0" in second
    response = client_for("tu_ky", citizen).get(f"/ho-so/{dossier.reference}/bien-nhan.pdf")
    assert response.status_code == 200 and dossier.code in pdf_of(response)
    use_locality(demo_localities["tu_ky"])
    assert IssuedDocument.objects.filter(dossier=dossier, kind="receipt").count() == 1


def test_a_slip_is_rendered_only_after_the_action_commits(
    offered,
    citizen,
    officers,
    client_for,
    demo_localities,
    use_locality,
    django_capture_on_commit_callbacks,
):
    use_locality(demo_localities["tu_ky"])
    dossier = make_dossier(applicant=citizen)
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        services.dossier_refuse_reception(
            dossier=dossier, user=officers["receiving_officer"], reason="Sai thẩm quyền"
        )
    slip = IssuedDocument.objects.get(dossier=dossier, kind="refusal")
    # Committed with the refusal (row and history), but no PDF yet: nothing rendered while the
    # dossier row was locked.
    assert slip.is_pending and slip.form_number == "03" and slip.event.type == "reception_refused"
    connection.set_schema_to_public()
    client = client_for("tu_ky", citizen)
    pending = client.get(f"/ho-so/{dossier.reference}/giay-to-phat-hanh/{slip.pk}/")
    assert pending.status_code == 202
    assert "Phiếu từ chối tiếp nhận giải quyết hồ sơ" in pending.content.decode()

    use_locality(demo_localities["tu_ky"])
    for callback in after_commit:  # what the commit runs: the render task, in the schema
        callback()
    connection.set_schema_to_public()

    response = client.get(f"/ho-so/{dossier.reference}/giay-to-phat-hanh/{slip.pk}/")
    assert response.status_code == 200 and "Sai thẩm quyền" in pdf_of(response)


def test_a_crashed_render_is_completed_by_the_sweep_once(
    offered, citizen, officers, client_for, demo_localities, use_locality
):
    use_locality(demo_localities["tu_ky"])
    dossier = make_dossier(applicant=citizen)
    # The test's transaction never commits: the render task is never sent, as if lost.
    services.dossier_request_supplement(
        dossier=dossier, user=officers["receiving_officer"], reason="Thiếu giấy chứng sinh"
    )
    slip = IssuedDocument.objects.get(dossier=dossier, kind="supplement_request")
    assert slip.is_pending
    connection.set_schema_to_public()

    first, second = sweep(demo_localities["tu_ky"]), sweep(demo_localities["tu_ky"])

    assert f"{dossier.code}: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ rendered" in first
    assert "Slips rendered: 0" in second
    response = client_for("tu_ky", citizen).get(
        f"/ho-so/{dossier.reference}/giay-to-phat-hanh/{slip.pk}/"
    )
    assert response.status_code == 200 and "Thiếu giấy chứng sinh" in pdf_of(response)


def test_an_action_rolled_back_leaves_no_slip_and_no_file(
    offered,
    citizen,
    officers,
    demo_localities,
    use_locality,
    dossier_media,
    django_capture_on_commit_callbacks,
):
    use_locality(demo_localities["tu_ky"])
    with clock.frozen_at(datetime.datetime(2026, 3, 9, 10, 0, tzinfo=VIETNAM_TZ)):
        dossier = make_dossier(applicant=citizen)
    with django_capture_on_commit_callbacks(execute=True) as after_commit:
        try:
            with transaction.atomic():
                services.dossier_receive(dossier=dossier, user=officers["receiving_officer"])
                raise RuntimeError("the desk's next step failed")
        except RuntimeError:
            pass

    assert after_commit == []
    assert Dossier.objects.get(pk=dossier.pk).state == "submitted"
    assert not IssuedDocument.objects.filter(dossier=dossier).exists()
    assert [p for p in dossier_media.rglob("*") if p.is_file()] == []
