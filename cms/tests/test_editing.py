"""Editors in their own locality's Wagtail admin: refusals, clear messages, preview, moderation."""

from __future__ import annotations

import io
import random
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tenants.utils import tenant_context
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import GuidancePage, HomePage

pytestmark = pytest.mark.django_db


def png_bytes(width: int = 40, height: int = 40, *, noise: bool = False) -> bytes:
    image = PILImage.new("RGB", (width, height), (200, 30, 30))
    if noise:
        rng = random.Random(7)
        # Random pixels do not compress: the PNG is about as big as the raw pixels.
        image.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(width * height)])
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def guidance_form(title: str, slug: str, **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung hướng dẫn.</p>"))]),
            **extra,
        }
    )


def home_of(locality) -> HomePage:
    with tenant_context(locality):
        return HomePage.objects.get()


def add_url(parent: Page) -> str:
    return reverse("wagtailadmin_pages:add", args=("cms", "guidancepage", parent.pk))


def test_editor_of_tu_ky_is_refused_in_chu_puhs_admin(demo_localities, editor_of, logged_in):
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    editor = editor_of(tu_ky)
    assert logged_in(tu_ky, editor).get("/quan-tri/").status_code == 200
    client = logged_in(chu_puh, editor)
    assert client.get("/quan-tri/").status_code in (302, 403)
    home = home_of(chu_puh)
    response = client.post(
        add_url(home), guidance_form("Trang lạ", "trang-la", **{"action-publish": "publish"})
    )
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/quan-tri/" not in response["Location"] or "login" in response["Location"]
    with tenant_context(chu_puh):
        assert not Page.objects.filter(slug="trang-la").exists()


def test_slug_clash_is_refused_with_a_vietnamese_message(demo_localities, editor_of, logged_in):
    tu_ky = demo_localities["tu_ky"]
    client = logged_in(tu_ky, editor_of(tu_ky))
    response = client.post(add_url(home_of(tu_ky)), guidance_form("Tin tức khác", "tin-tuc"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đường dẫn “tin-tuc” đã được một trang khác cùng cấp sử dụng" in page
    assert "Tin tức khác" in page  # what the editor typed is still there
    with tenant_context(tu_ky):
        assert not GuidancePage.objects.filter(title="Tin tức khác").exists()


def upload_image(client, name: str, content: bytes, content_type: str = "image/png"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Biểu trưng", "file": SimpleUploadedFile(name, content, content_type)},
    )


def test_oversized_image_is_refused_with_a_clear_message(
    demo_localities, editor_of, logged_in, media_root, settings
):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024
    tu_ky = demo_localities["tu_ky"]
    client = logged_in(tu_ky, editor_of(tu_ky))
    big = png_bytes(200, 200, noise=True)
    assert len(big) > 20 * 1024
    response = upload_image(client, "anh-lon.png", big)
    assert response.status_code == 200
    assert "Tệp quá lớn" in response.content.decode()
    assert "Dung lượng tối đa là 20,0" in response.content.decode()
    with tenant_context(tu_ky):
        assert not Image.objects.filter(title="Biểu trưng").exists()


def test_non_image_uploads_are_refused_with_a_clear_message(
    demo_localities, editor_of, logged_in, media_root
):
    tu_ky = demo_localities["tu_ky"]
    client = logged_in(tu_ky, editor_of(tu_ky))
    text = upload_image(client, "ghi-chu.txt", b"khong phai anh", "text/plain")
    assert text.status_code == 200
    assert "Hãy tải lên một hình ảnh hợp lệ" in text.content.decode()
    disguised = upload_image(client, "logo.png", b"<?php echo 1; ?>")
    assert disguised.status_code == 200
    assert "Hãy tải lên một hình ảnh hợp lệ" in disguised.content.decode()
    unsupported = upload_image(client, "logo.tiff", png_bytes(), "image/tiff")
    assert unsupported.status_code == 200
    assert "không phải ảnh thuộc định dạng được hỗ trợ" in unsupported.content.decode()
    document = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Mẫu tờ khai",
            "file": SimpleUploadedFile("to-khai.exe", b"MZ\x90\x00", "application/octet-stream"),
        },
    )
    assert document.status_code == 200
    assert "Không nhận tệp có phần mở rộng “exe”" in document.content.decode()
    with tenant_context(tu_ky):
        assert not Image.objects.exists()


def test_preview_works_on_the_localitys_host(demo_localities, editor_of, logged_in):
    tu_ky = demo_localities["tu_ky"]
    client = logged_in(tu_ky, editor_of(tu_ky))
    home = home_of(tu_ky)
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("cms", "guidancepage", home.pk)
    )
    posted = client.post(preview_url, guidance_form("Bản nháp hướng dẫn", "ban-nhap"))
    assert posted.json()["is_valid"] is True
    shown = client.get(preview_url)
    assert shown.status_code == 200
    page = shown.content.decode()
    # Rendered by Tứ Kỳ's portal: the preview request went through Tứ Kỳ's host and schema.
    assert "Bản nháp hướng dẫn" in page
    assert "Xã Tứ Kỳ" in page


def test_moderation_email_links_to_the_localitys_own_admin(demo_localities, editor_of, logged_in):
    tu_ky = demo_localities["tu_ky"]
    author = editor_of(tu_ky)
    reviewer = editor_of(tu_ky)
    reviewer.email = "bien-tap-tu-ky@example.vn"
    reviewer.save(update_fields=["email"])
    client = logged_in(tu_ky, author)
    mail.outbox.clear()
    response = client.post(
        add_url(home_of(tu_ky)),
        guidance_form("Xin duyệt: lịch tiếp dân", "lich-tiep-dan", **{"action-submit": "submit"}),
    )
    assert response.status_code == 302
    with tenant_context(tu_ky):
        page = GuidancePage.objects.get(slug="lich-tiep-dan")
        assert not page.live
        assert page.current_workflow_state is not None
    to_reviewer = [message for message in mail.outbox if reviewer.email in message.to]
    assert to_reviewer, [m.to for m in mail.outbox]
    body = to_reviewer[0].body
    assert f"http://tu-ky.hai-phong.dichvucong.localhost:8000/quan-tri/pages/{page.pk}/" in body
    assert set(re.findall(r"https?://[^/\s]+", body)) == {
        "http://tu-ky.hai-phong.dichvucong.localhost:8000"
    }
    # The reviewer follows the preview link from the e-mail, on Tứ Kỳ's host.
    preview_path = re.search(r"/quan-tri/pages/workflow/preview/\S+", body).group(0)
    preview = logged_in(tu_ky, reviewer).get(preview_path)
    assert preview.status_code == 200
    assert "Xin duyệt: lịch tiếp dân" in preview.content.decode()
    # ...and approves it there: the page goes live on Tứ Kỳ's portal.
    with tenant_context(tu_ky):
        task_state = GuidancePage.objects.get(pk=page.pk).current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    assert logged_in(tu_ky, reviewer).post(approve, {"comment": ""}).status_code in (200, 302)
    with tenant_context(tu_ky):
        assert GuidancePage.objects.get(pk=page.pk).live


def test_editor_edits_the_footer_of_their_own_portal(demo_localities, editor_of, logged_in):
    from wagtail.models import Site

    tu_ky = demo_localities["tu_ky"]
    client = logged_in(tu_ky, editor_of(tu_ky))
    with tenant_context(tu_ky):
        site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["cms", "footersettings", site.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "agency": "UBND xã Tứ Kỳ",
            "address": "Thị trấn Tứ Kỳ cũ, thành phố Hải Phòng",
            "phone": "0220 3747 123",
            "fax": "",
            "email": "khong-phai-email",
            "content_responsible": "",
            "licence": "",
            "support_phone": "",
            "support_email": "",
            "show_visit_counters": "on",
        },
    )
    assert response.status_code == 200  # refused: the e-mail address is not one
    assert "Nhập địa chỉ email." in response.content.decode()  # Django's Vietnamese message
    assert "Thị trấn Tứ Kỳ cũ" in response.content.decode()  # nothing typed is lost
    response = client.post(
        url,
        {
            "agency": "UBND xã Tứ Kỳ",
            "address": "Thị trấn Tứ Kỳ cũ, thành phố Hải Phòng",
            "phone": "0220 3747 123",
            "email": "ubnd@tuky.haiphong.gov.vn",
            "show_visit_counters": "on",
        },
    )
    assert response.status_code == 302
    page = logged_in(tu_ky, editor_of(tu_ky)).get("/").content.decode()
    assert "UBND xã Tứ Kỳ" in page and "ubnd@tuky.haiphong.gov.vn" in page
