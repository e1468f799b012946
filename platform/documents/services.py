"""Render official slips to PDF (the caller keeps them with the dossier, in private storage).

    rendered = render_slip(form=SlipKind.RECEIPT, context=context)
    # -> rendered.filename == "H23.14-260616-0001-mau-01.pdf", rendered.content the PDF bytes

See documents/slips.py for the context (with a full example) and templates/documents/slips/
README.md for the legal texts each template follows.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from django.template import Context, Engine
from django.utils import timezone

from .language import in_official_language
from .pdf import html_to_pdf
from .qr import qr_png_data_uri
from .registry import SlipRegistry, default_registry
from .slips import RenderedSlip, SlipContext, SlipKind

#: Slips whose date line is, by default, the day the dossier was received; the others are dated
#: the day they are issued.
DATED_ON_RECEIPT = {SlipKind.RECEIPT, SlipKind.CONTROL_SLIP}


@functools.cache
def _engine(root: str) -> Engine:
    # A private engine that sees only the slip templates: no project-level template directory
    # can shadow the text of a legal form.
    return Engine(
        dirs=[root],
        libraries={"slip_format": "documents.templatetags.slip_format"},
        autoescape=True,
    )


@in_official_language()
def render_slip(
    *,
    form: SlipKind | str,
    context: SlipContext,
    framework: str | None = None,
    registry: SlipRegistry | None = None,
) -> RenderedSlip:
    """Render one slip of a dossier to PDF.

    `form` is the slip's kind (`SlipKind.RECEIPT`, "refusal", …), stable across laws; the form
    number comes from the framework. The framework is the one in force on the day the dossier
    was received (Vietnam time) unless `framework` names one ("tt01-2018"). `registry` is for
    tests; the default is the registry shipped in templates/documents/slips/frameworks.toml.

    Raises `SlipError` (message in Vietnamese) for an unknown kind or framework, a kind the
    framework has no form for, or a date before any registered framework.
    """
    registry = registry or default_registry()
    chosen = registry.get(framework) if framework else registry.in_force_on(context.received_on())
    slip_form = chosen.form(form)
    kind = slip_form.kind
    issued_on = context.issued_on or (
        context.received_on() if kind in DATED_ON_RECEIPT else timezone.localdate()
    )
    template = _engine(str(registry.root)).get_template(chosen.template_name(slip_form))
    html = template.render(
        Context(
            {
                "slip": context,
                "framework": chosen,
                "form": slip_form,
                "desk_name": context.desk_name or chosen.desk_name,
                "issued_on": issued_on,
                "qr_data_uri": qr_png_data_uri(context.lookup_url),
            }
        )
    )
    # Decomposed Vietnamese (e.g. "e" + combining circumflex + combining acute, as some keyboards
    # and PDFs produce) misplaces diacritics and breaks text search: print composed text only.
    html = unicodedata.normalize("NFC", html)
    return RenderedSlip(
        content=html_to_pdf(html),
        filename=f"{_safe_file_part(context.dossier_code)}-mau-{slip_form.number}.pdf",
        framework_id=chosen.id,
        kind=kind,
        template_version=chosen.template_version(slip_form),
    )


def _safe_file_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "ho-so"
