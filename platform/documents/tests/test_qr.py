"""The printed QR code opens the dossier's lookup page: decoded from the rendered page."""

from __future__ import annotations

import subprocess

import pytest

from documents.services import render_slip

from .conftest import LOOKUP_URL, tu_ky_context


@pytest.mark.parametrize("framework_id", ["tt01-2018", "tt03-2025"])
def test_qr_code_on_the_printed_page_decodes_to_the_lookup_url(framework_id, tmp_path):
    slip = render_slip(form="receipt", context=tu_ky_context(), framework=framework_id)
    pdf = tmp_path / slip.filename
    pdf.write_bytes(slip.content)
    # 150 dpi: what an ordinary office scanner or a phone photo of the slip gives.
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    [page] = tmp_path.glob("page*.png")
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(page)], capture_output=True, text=True, check=True
    )
    assert decoded.stdout.strip() == LOOKUP_URL
