"""A citizen's dossiers through the API with the portal's session (the portal's own scripts):
the form checked by the plugin's schema as on the form page, files checked by content,
submission, withdrawal, rating; CSRF on every write; another person's or another locality's
dossier does not exist."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from identity.tests.factories import make_user
from workflows.tests.factories import EXTRACT_COPY_ANSWERS
from workflows.tests.helpers import EXTRACT_COPY, pdf_bytes

pytestmark = pytest.mark.django_db


def problem(response) -> dict:
    assert response["Content-Type"] == "application/problem+json", response.content[:300]
    return response.json()


def draft(api) -> str:
    response = api.post("/api/v1/dossiers", {"procedure_code": EXTRACT_COPY})
    assert response.status_code == 201, response.content[:500]
    return response.json()["reference"]


def test_a_write_without_the_csrf_token_is_refused(offered, citizen, api_for):
    api = api_for("tu_ky", citizen, csrf=False)
    response = api.post("/api/v1/dossiers", {"procedure_code": EXTRACT_COPY})
    assert response.status_code == 403
    assert "CSRF" in problem(response)["detail"]


def test_nobody_logged_in_gets_401(offered, api_for):
    response = api_for("tu_ky").get("/api/v1/dossiers")
    assert response.status_code == 401
    assert problem(response)["title"] == "Chưa đăng nhập"


def test_submission_checks_the_form_as_the_form_page_does(offered, citizen, api_for):
    api = api_for("tu_ky", citizen)
    reference = draft(api)
    wrong = {**EXTRACT_COPY_ANSWERS, "so_ban_sao": 0, "nguoi_duoc_cap": {"ho_ten": ""}}
    response = api.put(f"/api/v1/dossiers/{reference}/answers", {"answers": wrong})
    assert response.status_code == 400
    errors = {e["field"]: e["message"] for e in problem(response)["errors"]}
    assert "answers.nguoi_duoc_cap.ho_ten" in errors
    assert "answers.so_ban_sao" in errors
    # Kept as typed (a draft is work in progress), as the page keeps it.
    kept = api.get(f"/api/v1/dossiers/{reference}").json()
    assert kept["answers"]["so_ban_sao"] == 0

    submit = api.post(f"/api/v1/dossiers/{reference}/submit")
    assert submit.status_code == 400
    fields = {e["field"] for e in problem(submit)["errors"]}
    assert {"answers", "delivery"} <= fields

    assert (
        api.put(
            f"/api/v1/dossiers/{reference}/answers", {"answers": EXTRACT_COPY_ANSWERS}
        ).status_code
        == 200
    )
    text = api.upload(
        f"/api/v1/dossiers/{reference}/files",
        {"document_key": "giay_to_tuy_than", "file": SimpleUploadedFile("cccd.pdf", b"not a pdf")},
    )
    assert text.status_code == 400
    assert problem(text)["errors"][0]["message"]
    upload = api.upload(
        f"/api/v1/dossiers/{reference}/files",
        {"document_key": "giay_to_tuy_than", "file": SimpleUploadedFile("cccd.pdf", pdf_bytes())},
    )
    assert upload.status_code == 201, upload.content[:500]
    post = api.put(f"/api/v1/dossiers/{reference}/delivery", {"method": "post"})
    assert post.status_code == 400
    assert api.put(f"/api/v1/dossiers/{reference}/delivery", {"method": "desk"}).status_code == 200
    done = api.post(f"/api/v1/dossiers/{reference}/submit")
    assert done.status_code == 200, done.content[:800]
    dossier = done.json()
    assert dossier["code"].startswith("11074-") and dossier["state"] == "submitted"
    assert dossier["documents"][2]["files"][0]["name"] == "cccd.pdf"
    assert [event["type"] for event in dossier["timeline"]] == ["submitted"]
    assert api.post(f"/api/v1/dossiers/{reference}/submit").json()["code"] == dossier["code"]
    listed = api.get("/api/v1/dossiers").json()
    assert listed["items"][0]["code"] == dossier["code"]


def test_withdrawal_needs_the_state_the_app_showed_and_rating_a_finished_dossier(
    offered, citizen, api_for, dossier_in
):
    dossier = dossier_in("tu_ky", applicant=citizen)
    api = api_for("tu_ky", citizen)
    path = f"/api/v1/dossiers/{dossier.reference}"
    assert "withdraw" in [a["name"] for a in api.get(path).json()["actions"]]
    rating = api.post(f"{path}/rating", {"score": 5})
    assert rating.status_code == 403
    stale = api.post(f"{path}/withdraw", {"reason": "Nộp nhầm", "expected_state": "received"})
    assert stale.status_code == 409
    assert problem(stale)["type"].endswith("/dossier-changed")
    done = api.post(f"{path}/withdraw", {"reason": "Nộp nhầm", "expected_state": "submitted"})
    assert done.status_code == 200 and done.json()["state"] == "withdrawn"
    again = api.post(f"{path}/withdraw", {"reason": "", "expected_state": "withdrawn"})
    assert again.status_code == 409


def test_another_persons_or_another_localitys_dossier_does_not_exist(
    offered, citizen, api_for, dossier_in
):
    dossier = dossier_in("tu_ky", applicant=citizen)
    path = f"/api/v1/dossiers/{dossier.reference}"
    someone = make_user()
    assert api_for("tu_ky", someone).get(path).status_code == 404
    assert api_for("tu_ky", someone).post(f"{path}/withdraw", {}).status_code == 404
    assert api_for("chu_puh", citizen).get(path).status_code == 404
    assert api_for("tu_ky", citizen).get(path).status_code == 200
