"""The citizen's submission walked page by page through HTTP, as a browser would."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from identity.tests.factories import solve_captcha
from workflows.tests.helpers import reference_from


def start(client, code: str):
    """Open the start page and press "Bắt đầu"; returns the draft's reference."""
    page = client.get(f"/ho-so/nop/{code}/")
    assert page.status_code == 200, page.content[:500]
    token = page.context["form"]["token"].value()
    response = client.post(f"/ho-so/nop/{code}/", {"token": str(token)})
    assert response.status_code == 302, response.content[:500]
    return reference_from(response["Location"])


def fill_form(client, reference: str, data: dict):
    response = client.post(f"/ho-so/{reference}/to-khai/", {**data, "next": "1"})
    assert response.status_code == 302, _errors(response)
    return response


def upload(client, reference: str, key: str, files: list[tuple[str, bytes]]):
    return client.post(
        f"/ho-so/{reference}/giay-to/",
        {
            "document": key,
            "files": [SimpleUploadedFile(name, content) for name, content in files],
        },
    )


def choose_delivery(client, reference: str, **data):
    response = client.post(f"/ho-so/{reference}/nhan-ket-qua/", {"method": "desk", **data})
    assert response.status_code == 302, _errors(response)
    return response


def submit(client, reference: str):
    review = client.get(f"/ho-so/{reference}/kiem-tra/")
    assert review.status_code == 200
    token = review.context["form"]["review"].value()
    return client.post(
        f"/ho-so/{reference}/kiem-tra/",
        {"review": token, "declaration": "on", **solve_captcha(review)},
    )


def walk(client, code: str, answers: dict, documents: dict, delivery: dict | None = None):
    """Start → form → documents → delivery → review → submit; returns (reference, response)."""
    reference = start(client, code)
    fill_form(client, reference, answers)
    for key, files in documents.items():
        response = upload(client, reference, key, files)
        assert response.status_code == 302, _errors(response)
    response = client.post(f"/ho-so/{reference}/giay-to/", {"next": "1"})
    assert response.status_code == 302, _errors(response)
    choose_delivery(client, reference, **(delivery or {}))
    return reference, submit(client, reference)


def act(client, reference: str, name: str, state: str, **fields):
    """An officer presses a transition's button on the dossier's desk page, with its form's
    fields (`reason=...`), having seen the dossier in `state`."""
    data = {"state": state, **{f"{name}-{key}": value for key, value in fields.items()}}
    return client.post(f"/ho-so/can-bo/{reference}/thao-tac/{name}/", data)


def _errors(response) -> str:
    from workflows.tests.helpers import text_of

    return text_of(response)[:3000]
