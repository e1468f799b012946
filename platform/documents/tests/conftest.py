"""A dossier of Xã Tứ Kỳ to print slips for, and readers of the real PDF bytes."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from documents.slips import (
    Applicant,
    DocumentForm,
    DocumentItem,
    HandoverOutcome,
    HandoverRow,
    SlipContext,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "H23.14-260616-0001"
LOOKUP_URL = f"http://tu-ky.hai-phong.dichvucong.localhost:8000/ho-so/tra-cuu/?ma={CODE}"


def tu_ky_context(**overrides) -> SlipContext:
    """A birth registration received by Xã Tứ Kỳ on 16/06/2026, due on 19/06/2026."""
    context = SlipContext(
        authority_name="Ủy ban nhân dân xã Tứ Kỳ",
        superior_name="Thành phố Hải Phòng",
        place_name="Tứ Kỳ",
        dossier_code=CODE,
        procedure_name="Đăng ký khai sinh",
        procedure_code="1.001193",
        applicant=Applicant(
            name="Nguyễn Thị Hồng Nhung",
            id_number="031190001234",
            address="Thôn Đông, xã Tứ Kỳ, thành phố Hải Phòng",
            phone="0912345678",
            email="nhung@example.vn",
        ),
        documents=[
            DocumentItem(name="Tờ khai đăng ký khai sinh"),
            DocumentItem(name="Giấy chứng sinh"),
            DocumentItem(name="Căn cước của người đi đăng ký", form=DocumentForm.ELECTRONIC),
        ],
        received_at=datetime(2026, 6, 16, 9, 15, tzinfo=HCM),
        appointment_at=datetime(2026, 6, 19, 14, 0, tzinfo=HCM),
        processing_time="03 ngày làm việc",
        delivery_method="Nhận trực tiếp tại Bộ phận Một cửa",
        officer_name="Trần Văn Bình",
        officer_phone="0225 3888 999",
        reason="Giấy chứng sinh không ghi rõ họ, chữ đệm, tên người mẹ.",
        missing_items=["Bản chính Giấy chứng sinh ghi đầy đủ họ, chữ đệm, tên người mẹ"],
        new_appointment_at=datetime(2026, 6, 24, 16, 0, tzinfo=HCM),
        signer_title="KT. Chủ tịch\nPhó Chủ tịch",
        signer_name="Lê Văn Cường",
        processing_unit="Công chức Tư pháp - Hộ tịch",
        coordinating_units=["Công an xã Tứ Kỳ"],
        handovers=[
            HandoverRow(
                sender="Bộ phận Một cửa",
                receiver="Công chức Tư pháp - Hộ tịch",
                at=datetime(2026, 6, 16, 10, 0, tzinfo=HCM),
                sender_person="Trần Văn Bình",
                receiver_person="Phạm Thị Dung",
                outcome=HandoverOutcome.EARLY,
            ),
            HandoverRow(
                sender="Công chức Tư pháp - Hộ tịch",
                receiver="Lãnh đạo Ủy ban nhân dân xã",
                at=datetime(2026, 6, 18, 15, 30, tzinfo=HCM),
                sender_person="Phạm Thị Dung",
                receiver_person="Lê Văn Cường",
                outcome=HandoverOutcome.ON_TIME,
                note="Trình ký kết quả",
            ),
        ],
        lookup_url=LOOKUP_URL,
    )
    return replace(context, **overrides)


def pdf_text(content: bytes) -> str:
    """The text pypdf extracts from every page, whitespace collapsed (line breaks fall anywhere)."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def pdftotext(content: bytes) -> str:
    """The same with poppler's pdftotext: a second, independent reader of the bytes."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


@pytest.fixture
def context_factory():
    return tu_ky_context
