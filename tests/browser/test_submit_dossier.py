"""A citizen submits a dossier in a real browser: login, the procedure page's "Nộp hồ sơ",
the form (address pickers with JavaScript), an upload, the delivery method, the review, the
captcha, the confirmation with the code and the receipt PDF.

The portal runs in its own process (runserver on the test database), so what the journey needs
is committed first and everything it made is deleted afterwards.
"""

from __future__ import annotations

import base64
import re
import secrets
import shutil
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.support import forget_sessions
from workflows.tests.helpers import EXTRACT_COPY, pdf_bytes, pdf_text

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PASSWORD = "Sao-Mai-2025"


@pytest.fixture
def committed_citizen(demo_localities, django_db_blocker):
    from django.contrib.auth import get_user_model

    from identity.tests.factories import make_user
    from procedure_plugins.models import ProcedureOffering
    from workflows.models import Dossier, DossierCodeCounter
    from workflows.public_index.models import DossierIndexEntry

    tu_ky = demo_localities["tu_ky"]
    tag = uuid.uuid4().hex[:8]
    with django_db_blocker.unblock():
        offering, created = ProcedureOffering.objects.get_or_create(
            locality=tu_ky, procedure_code=EXTRACT_COPY
        )
        counters_before = set(
            _in(tu_ky, lambda: list(DossierCodeCounter.objects.values_list("period", flat=True)))
        )
        user = make_user(
            username=f"trinh-duyet-{tag}",
            # A unique ID number (it logs in too); `secrets`, since pytest-randomly seeds `random`.
            id_number=f"031195{100000 + secrets.randbelow(900000)}",
            email=f"{tag}@trinh-duyet.test",
            full_name="Lê Thị Mai",
            address="Thôn Đoài",
        )
    yield user
    with django_db_blocker.unblock():
        references = [
            str(r)
            for r in _in(
                tu_ky,
                lambda: list(
                    Dossier.objects.filter(applicant=user).values_list("reference", flat=True)
                ),
            )
        ]
        _in(tu_ky, lambda: Dossier.objects.filter(applicant=user).delete())
        _in(
            tu_ky,
            lambda: DossierCodeCounter.objects.exclude(period__in=counters_before).delete(),
        )
        DossierIndexEntry.objects.filter(applicant=user).delete()
        forget_sessions([user])
        get_user_model().objects.filter(pk=user.pk)._raw_delete(connection.alias)
        if created:
            offering.delete()
        for reference in references:
            shutil.rmtree(
                Path(settings.PRIVATE_FILES_ROOT) / tu_ky.schema_name / "ho-so" / reference,
                ignore_errors=True,
            )


def _in(locality, work):
    connection.set_tenant(locality)
    try:
        return work()
    finally:
        connection.set_schema_to_public()


def test_a_citizen_submits_a_dossier_in_the_browser(
    live_portal, page, committed_citizen, django_db_blocker, tmp_path
):
    from captcha.models import CaptchaStore

    host = "tu-ky.hai-phong.dichvucong.localhost"
    page.goto(live_portal(host, "/tai-khoan/dang-nhap/"))
    page.get_by_label("Tên đăng nhập, số CCCD/CMND hoặc thư điện tử").fill(
        committed_citizen.username
    )
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()

    page.goto(live_portal(host, f"/thu-tuc/{EXTRACT_COPY}/"))
    page.get_by_role("link", name="Nộp hồ sơ").first.click()
    page.get_by_role("button", name="Bắt đầu").click()

    # The form, prefilled from the profile; the commune list arrives when a province is chosen.
    assert page.locator('[name="nguoi_yeu_cau.ho_ten"]').input_value() == "Lê Thị Mai"
    page.locator('[name="nguoi_yeu_cau.so_dinh_danh"]').fill("031195001122")
    page.locator('[name="nguoi_yeu_cau.noi_cu_tru.province"]').select_option(
        label="Thành phố Hải Phòng"
    )
    page.locator('[name="nguoi_yeu_cau.noi_cu_tru.commune"] option[value="11074"]').wait_for(
        state="attached"
    )
    page.locator('[name="nguoi_yeu_cau.noi_cu_tru.commune"]').select_option("11074")
    page.locator('[name="quan_he"][value="ban_than"]').check()
    page.locator('[name="loai_su_kien"]').select_option("khai_sinh")
    page.locator('[name="nguoi_duoc_cap.ho_ten"]').fill("Lê Thị Mai")
    page.locator('[name="nguoi_duoc_cap.ngay_sinh"]').fill("15/08/1995")
    page.locator('[name="noi_dang_ky"]').fill("UBND xã Tứ Kỳ")
    page.locator('[name="so_ban_sao"]').fill("1")
    page.locator('[name="muc_dich"][value="hoc_tap"]').check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    # One document, uploaded from disk.
    scan = tmp_path / "can-cuoc.pdf"
    scan.write_bytes(pdf_bytes())
    page.locator("#files-giay_to_tuy_than").set_input_files(str(scan))
    page.locator("#doc-giay_to_tuy_than").get_by_role("button", name="Tải lên").click()
    assert "Đã tải lên: can-cuoc.pdf" in page.content()
    page.get_by_role("button", name="Tiếp tục").click()

    page.get_by_label("Nhận trực tiếp tại Bộ phận Một cửa").check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    # Review, declaration, captcha (answered from the store, as a person reads the image).
    assert "Lê Thị Mai" in page.locator("table.answers").inner_text()
    page.get_by_label(re.compile("Tôi cam đoan")).check()
    key = page.locator('[name="captcha_0"]').input_value()
    with django_db_blocker.unblock():
        answer = CaptchaStore.objects.get(hashkey=key).response
    page.get_by_label("Mã xác nhận").fill(answer)
    page.get_by_role("button", name="Nộp hồ sơ").click()

    page.wait_for_url("**/da-nop/")
    assert page.locator("h1").inner_text() == "Đã nộp hồ sơ thành công"
    code = page.locator(".code").inner_text()
    assert re.fullmatch(r"11074-\d{6}-\d{4}", code)
    href = page.get_by_role("link", name=re.compile("Tải giấy tiếp nhận")).get_attribute("href")
    # Fetched by the page itself (its cookies, its host mapping), as the link would open it.
    receipt = page.evaluate(
        """async (url) => {
            const response = await fetch(url);
            const bytes = new Uint8Array(await response.arrayBuffer());
            let text = "";
            for (const byte of bytes) text += String.fromCharCode(byte);
            return {type: response.headers.get("content-type"), body: btoa(text)};
        }""",
        href,
    )
    assert receipt["type"] == "application/pdf"
    assert code in pdf_text(base64.b64decode(receipt["body"]))

    page.goto(live_portal(host, "/ho-so/cua-toi/"))
    assert code in page.locator("table.dossiers").inner_text()
