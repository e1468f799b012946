"""Images and renditions stay with the locality that uploaded them."""

from __future__ import annotations

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tenants.utils import tenant_context
from wagtail.images.models import Image

from cms.tests.test_editing import png_bytes

pytestmark = pytest.mark.django_db


def test_two_localities_uploading_the_same_logo_keep_separate_files_and_renditions(
    demo_localities, editor_of, logged_in, media_root, real_cache
):
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    logo = png_bytes(120, 80)
    uploaded = {}
    for locality in (tu_ky, chu_puh):
        client = logged_in(locality, editor_of(locality))
        response = client.post(
            reverse("wagtailimages:add"),
            {"title": "Biểu trưng", "file": SimpleUploadedFile("logo.png", logo, "image/png")},
        )
        assert response.status_code == 302, response.content.decode()[:500]
        with tenant_context(locality):
            # Paths are resolved against the schema of the connection: read them inside it.
            image = Image.objects.get(title="Biểu trưng")
            rendition = image.get_rendition("fill-60x60")
            uploaded[locality.schema_name] = {
                "original": image.file.path,
                "rendition": rendition.file.path,
                "url": rendition.url,
            }

    for locality in (tu_ky, chu_puh):
        files = uploaded[locality.schema_name]
        folder = os.path.join(media_root, locality.schema_name) + os.sep
        # Same file name, same bytes: each locality has its own original and its own rendition.
        assert files["original"].startswith(folder)
        assert files["rendition"].startswith(folder)
        assert os.path.exists(files["original"]) and os.path.exists(files["rendition"])
        assert files["url"].startswith(f"/media/{locality.schema_name}/images/")
    assert uploaded[tu_ky.schema_name]["original"] != uploaded[chu_puh.schema_name]["original"]
    with open(uploaded[tu_ky.schema_name]["original"], "rb") as original:
        assert original.read() == logo


def test_rendition_cache_does_not_leak_between_localities_with_the_same_image_id(
    demo_localities, media_root, real_cache
):
    # The same image id in two schemas, different pictures. Wagtail caches renditions by image id
    # and filter; without tenant-scoped cache keys Chư Pưh would be handed Tứ Kỳ's rendition.
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    sizes = {tu_ky.schema_name: (40, 40), chu_puh.schema_name: (200, 100)}
    expected = {tu_ky.schema_name: (30, 30), chu_puh.schema_name: (30, 15)}
    for locality in (tu_ky, chu_puh):
        with tenant_context(locality):
            image = Image(pk=987654, title="Logo")
            picture = png_bytes(*sizes[locality.schema_name])
            image.file.save("logo.png", SimpleUploadedFile("logo.png", picture), save=False)
            image.save()
            rendition = image.get_rendition("width-30")
            assert (rendition.width, rendition.height) == expected[locality.schema_name]
    for locality in (tu_ky, chu_puh):
        with tenant_context(locality):
            cached = Image.objects.get(pk=987654).get_rendition("width-30")
            assert (cached.width, cached.height) == expected[locality.schema_name]
