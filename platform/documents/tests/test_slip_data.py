"""A slip's context kept as plain data prints the same slip later (rendered after commit)."""

from __future__ import annotations

import json

from documents.services import render_slip
from documents.slips import SlipContext

from .conftest import pdf_text, tu_ky_context


def test_a_context_kept_as_json_prints_the_same_slip():
    context = tu_ky_context()
    kept = json.loads(json.dumps(context.as_data()))

    again = SlipContext.from_data(kept)

    assert again.as_data() == context.as_data()
    assert (
        again.received_at == context.received_at and again.handovers[1].note == "Trình ký kết quả"
    )
    for kind in ("receipt", "control_slip", "apology"):
        assert pdf_text(render_slip(form=kind, context=again).content) == pdf_text(
            render_slip(form=kind, context=context).content
        )
