"""The QR code printed on each slip: it opens the dossier's lookup page on the locality's host."""

from __future__ import annotations

import base64
import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.image.pil import PilImage


def qr_png_data_uri(url: str) -> str:
    """A PNG `data:` URI of a QR code for `url`, inlined so that rendering fetches nothing.

    Error correction M survives a crease or a smudge on a printed slip; the 4-module quiet zone
    is what phone scanners need to find the code.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=8, border=4)
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(image_factory=PilImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
