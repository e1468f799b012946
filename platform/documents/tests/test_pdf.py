"""Slips load only the files we ship: no network, no other file of the server."""

from __future__ import annotations

import pytest
from weasyprint.urls import FatalURLFetchingError

from documents.weasy import FONTS_DIR, SlipURLFetcher, html_to_pdf


def test_fetcher_serves_the_bundled_font():
    font = FONTS_DIR / "LiberationSerif-Regular.ttf"
    response = SlipURLFetcher().fetch(font.as_uri())
    assert response.read() == font.read_bytes()


@pytest.mark.parametrize(
    "url",
    [
        "https://fonts.example.com/times.ttf",
        "http://203.0.113.7/logo.png",
        "ftp://203.0.113.7/logo.png",
        "file:///etc/passwd",
        FONTS_DIR.as_uri() + "/../registry.py",
    ],
)
def test_fetcher_refuses_anything_else(url):
    with pytest.raises(ValueError, match="Slips may"):
        SlipURLFetcher().fetch(url)


def test_a_template_reaching_for_the_network_fails_instead_of_printing_without_it():
    html = '<p>Biên nhận</p><img src="http://203.0.113.7/logo.png">'
    with pytest.raises(FatalURLFetchingError):
        html_to_pdf(html)


def test_data_urls_are_allowed():
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8"
        "/x8AAwMCAO+ip1sAAAAASUVORK5CYII="
    )
    assert html_to_pdf(f'<p>Tứ Kỳ</p><img src="{pixel}">').startswith(b"%PDF-")
