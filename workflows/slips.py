"""Official slips and electronic results of a dossier, rendered and kept with it.

`issue_slip(dossier=..., kind=IssuedKind.RECEIPT, ...)` builds the `documents.slips.SlipContext`
from the dossier and writes the `IssuedDocument` row, holding that context, in the caller's
transaction; after the transaction commits, the `workflows.render_issued_slip` task renders it
with `documents.services.render_slip` (the legal framework in force on the day the dossier was
received) and stores the PDF with the dossier's files. Slips issued by the desk's transitions
are written by the services that run them (receipt at submission and at reception, Mẫu 02 with a
supplement request, Mẫu 03 with a refusal, Mẫu 04 with an apology, Mẫu 05 when processing stops,
the control slip when the dossier goes to processing and when the result is returned)."""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from documents.language import in_official_language
from documents.registry import default_registry
from documents.services import render_slip
from documents.slips import (
    Applicant,
    DocumentForm,
    DocumentItem,
    SlipContext,
    SlipKind,
)
from tenants.choices import Level
from tenants.context import require_locality

from . import clock, links
from .calendar import next_working_moment, to_local
from .choices import DeliveryMethod, IssuedKind
from .control import PROCESSING_UNIT, handover_rows
from .models import Dossier, DossierEvent, IssuedDocument


def authority_name(locality: Any) -> str:
    """`Xã Tứ Kỳ` → `Ủy ban nhân dân xã Tứ Kỳ` (the body that signs the slips)."""
    name = locality.name
    return _("Ủy ban nhân dân %(name)s") % {"name": name[:1].lower() + name[1:]}


def place_name(locality: Any) -> str:
    """`Xã Tứ Kỳ` → `Tứ Kỳ` for the date line."""
    prefix = f"{locality.division_type} " if locality.division_type else ""
    if prefix and locality.name.startswith(prefix):
        return locality.name[len(prefix) :]
    return locality.name


def delivery_label(dossier: Dossier) -> str:
    if not dossier.delivery_method:
        return ""
    return str(DeliveryMethod(dossier.delivery_method).label)


def _documents(dossier: Dossier) -> list[DocumentItem]:
    plugin = dossier.plugin
    present = set(dossier.attachments.values_list("document_key", flat=True))
    return [
        DocumentItem(name=doc.name, count=doc.copies, form=DocumentForm.ELECTRONIC)
        for doc in plugin.documents
        if doc.key in present
    ]


@in_official_language()
def slip_context(
    *,
    dossier: Dossier,
    officer: Any = None,
    reason: str = "",
    missing_items: list[str] | None = None,
    new_appointment_at: datetime.datetime | None = None,
    issued_on: datetime.date | None = None,
) -> SlipContext:
    locality = require_locality()
    parent = locality.parent
    applicant = dossier.applicant
    received_at = dossier.received_at or dossier.counted_from
    if received_at is None:
        received_at = next_working_moment(at=clock.now())
    processing_time = dossier.processing_time
    return SlipContext(
        authority_name=authority_name(locality),
        superior_name=parent.name if parent is not None and parent.level != Level.NATIONAL else "",
        place_name=place_name(locality),
        issued_on=issued_on,
        dossier_code=dossier.code or "",
        procedure_name=dossier.plugin.name,
        procedure_code=dossier.procedure_code,
        applicant=Applicant(
            name=applicant.full_name or applicant.username,
            id_number=applicant.id_number or "",
            address=applicant.address,
            phone=applicant.phone,
            email=applicant.email,
        ),
        received_at=received_at,
        lookup_url=links.lookup_url(dossier.code or "", locality),
        documents=_documents(dossier),
        processing_time=str(processing_time) if processing_time else "",
        appointment_at=dossier.appointment_at,
        delivery_method=delivery_label(dossier),
        delivery_address=dossier.delivery_address,
        officer_name=(getattr(officer, "full_name", "") or "") if officer else "",
        reason=reason,
        missing_items=tuple(missing_items or ()),
        new_appointment_at=new_appointment_at,
        processing_unit=str(PROCESSING_UNIT),
        handovers=tuple(handover_rows(dossier)),
    )


SLIP_KINDS = {
    IssuedKind.RECEIPT: SlipKind.RECEIPT,
    IssuedKind.SUPPLEMENT_REQUEST: SlipKind.SUPPLEMENT_REQUEST,
    IssuedKind.REFUSAL: SlipKind.REFUSAL,
    IssuedKind.APOLOGY: SlipKind.APOLOGY,
    IssuedKind.STOP_NOTICE: SlipKind.STOP_NOTICE,
    IssuedKind.CONTROL_SLIP: SlipKind.CONTROL_SLIP,
}


@in_official_language()
def issue_slip(
    *,
    dossier: Dossier,
    kind: IssuedKind,
    event: DossierEvent | None = None,
    officer: Any = None,
    reason: str = "",
    missing_items: list[str] | None = None,
    new_appointment_at: datetime.datetime | None = None,
) -> IssuedDocument:
    """Issue one official slip of `dossier`: its row, in the caller's transaction, holds what the
    slip prints as of now; the PDF is rendered after that transaction commits (`render_issued`,
    through the `workflows.render_issued_slip` task). A rollback leaves neither row nor file,
    and a slow render never holds the dossier's lock."""
    context = slip_context(
        dossier=dossier,
        officer=officer,
        reason=reason,
        missing_items=missing_items,
        new_appointment_at=new_appointment_at,
        # Receipts and control slips are dated the day received (documents' default); the
        # others the day they are issued, on the dossier feature's clock.
        issued_on=to_local(clock.now()).date()
        if kind not in (IssuedKind.RECEIPT, IssuedKind.CONTROL_SLIP)
        else None,
    )
    registry = default_registry()
    framework = registry.in_force_on(context.received_on())
    if SLIP_KINDS[kind] not in framework.forms:
        # A form the law of the reception day did not have (Mẫu 05, stopping, is new in 2025):
        # the framework in force on the day it is issued.
        framework = registry.in_force_on(context.issued_on or to_local(clock.now()).date())
    document = IssuedDocument.objects.create(
        dossier=dossier,
        kind=kind,
        form_number=framework.form(SLIP_KINDS[kind]).number,
        framework=framework.id,
        issued_at=clock.now(),
        event=event,
        slip_data=context.as_data(),
    )
    # robust: a failed render must not turn the committed action into an error page; the slip
    # stays pending and `manage.py render_pending_slips` renders it.
    transaction.on_commit(partial(render_issued_slip.delay, document.pk), robust=True)
    return document


@transaction.atomic
def render_issued(*, document_id: int) -> bool:
    """Render and store the PDF of an issued slip still pending; False if there is nothing to do.

    Idempotent: the row is locked (the dossier is not) and a slip already rendered is left as
    it is, so a task delivered twice or a sweep racing the task renders it once. A slip whose
    transaction rolled back does not exist, so a late task finds nothing.
    """
    document = IssuedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None or not document.is_pending:
        return False
    slip_kind = SLIP_KINDS[IssuedKind(document.kind)]
    rendered = render_slip(
        form=slip_kind,
        context=SlipContext.from_data(document.slip_data),
        framework=document.framework or None,
    )
    document.file.save(rendered.filename, ContentFile(rendered.content), save=False)
    document.template_version = rendered.template_version[:120]
    try:
        document.save(update_fields=["file", "template_version"])
    except Exception:
        document.file.storage.delete(document.file.name)  # no orphan file beside a rollback
        raise
    return True


@shared_task(name="workflows.render_issued_slip")
def render_issued_slip(document_id: int) -> bool:
    """Sent after the issuing transaction commits; runs in the dossier's locality schema (the
    schema travels with the task: tenant-schemas-celery)."""
    return render_issued(document_id=document_id)


def pending_slips() -> list[IssuedDocument]:
    """Slips of the current locality issued but never rendered (their task failed or was lost)."""
    return list(
        IssuedDocument.objects.exclude(kind=IssuedKind.RESULT)
        .filter(file="")
        .select_related("dossier")
        .order_by("pk")
    )


def issue_results(*, dossier: Dossier, event: DossierEvent | None = None) -> list[IssuedDocument]:
    """The electronic result(s) from the plugin's result templates, as PDFs kept with the dossier.

    They are what an online delivery sends; a desk or postal delivery hands over the signed paper.
    """
    from documents.pdf import html_to_pdf
    from procedure_plugins.templating import render_plugin_template

    plugin = dossier.plugin
    issued = []
    for key, template in plugin.result_templates.items():
        html = render_plugin_template(
            plugin, template, {"answers": dossier.answers, "dossier": dossier, "code": dossier.code}
        )
        document = IssuedDocument(
            dossier=dossier, kind=IssuedKind.RESULT, issued_at=clock.now(), event=event
        )
        filename = f"{dossier.code}-{key}.pdf".replace("/", "-")
        document.file.save(filename, ContentFile(html_to_pdf(html)), save=False)
        document.save()
        issued.append(document)
    return issued
