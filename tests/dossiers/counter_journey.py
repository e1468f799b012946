"""Counter intake walked through the receiving officer's pages (workflows/views/counter.py)."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from staff.roles import Role
from workflows.tests.helpers import (
    BIRTH_REGISTRATION,
    birth_registration_post,
    pdf_bytes,
    pdf_text,
    text_of,
)

START = "/ho-so/can-bo/tiep-nhan/"
NEW_ID = "031190001234"


def receiving(officers):
    return officers[str(Role.RECEIVING_OFFICER)]


def start_post(**overrides: str) -> dict[str, str]:
    data = {
        "procedure": BIRTH_REGISTRATION,
        "intake": "counter",
        "id_number": NEW_ID,
        "full_name": "Trần Thị Mai",
        "date_of_birth": "12/04/1990",
        "address": "Thôn Tây, xã Tứ Kỳ",
        "phone": "0987654321",
        "email": "mai.tran@example.com",
        "accept_terms": "on",
        "start": "1",
    }
    data.update(overrides)
    return data


def dossier_post(**overrides) -> dict:
    data = {
        **birth_registration_post(),
        "file-giay_chung_sinh": SimpleUploadedFile("giay-chung-sinh.pdf", pdf_bytes(2)),
        "reused-giay_chung_sinh": "on",
        "delivery-method": "desk",
        "register": "1",
    }
    data.update(overrides)
    return data


def register_at_counter(client, start: dict, dossier: dict) -> str:
    """The two pages: start (302 to the form), the form (302 to "done"); the reference."""
    response = client.post(START, start)
    assert response.status_code == 302, text_of(response)[:2000]
    match = re.match(r"^/ho-so/can-bo/tiep-nhan/([0-9a-f-]{36})/$", response["Location"])
    assert match, response["Location"]
    reference = match.group(1)
    response = client.post(response["Location"], dossier)
    assert response.status_code == 302, text_of(response)[:3000]
    assert response["Location"] == f"/ho-so/can-bo/tiep-nhan/{reference}/xong/"
    return reference


def printed_receipt(client, reference: str) -> str:
    done = client.get(f"/ho-so/can-bo/tiep-nhan/{reference}/xong/")
    assert done.status_code == 200
    receipt = done.context["receipt"]
    response = client.get(f"/ho-so/{reference}/giay-to-phat-hanh/{receipt.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(b"".join(response.streaming_content))
