"""Reads of the dossier feature.

Everything here reads the schema of the current connection (the locality of the request),
except `applicant_dossiers_everywhere`, the one deliberate cross-locality read: it opens the
schemas of the localities the public index names for this citizen, and only those.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from procedure_plugins.registry import register
from procedure_plugins.schema import validate_answers
from procedure_plugins.schema.messages import schema_at
from procedure_plugins.schema.translation import translated

from . import links
from .calendar import to_local
from .choices import DeliveryMethod, IssuedKind
from .models import Attachment, Dossier, DossierEvent, HandOverDirection, IssuedDocument
from .public_index.models import DossierIndexEntry
from .states import BEFORE_DECISION, DossierState


def dossier_of_applicant(*, reference: Any, user: Any) -> Dossier | None:
    """The citizen's own dossier in this locality, or None (someone else's looks missing)."""
    if not getattr(user, "is_authenticated", False):
        return None
    # A hand-over copy (liên thông) is the other unit's working copy, not the citizen's.
    return (
        Dossier.objects.filter(reference=reference, applicant=user)
        .exclude(handovers__direction=HandOverDirection.IN)
        .first()
    )


def dossier_by_reference(*, reference: Any) -> Dossier | None:
    return Dossier.objects.filter(reference=reference).first()


def drafts_of(*, user: Any, procedure_code: str) -> QuerySet[Dossier]:
    return Dossier.objects.filter(
        applicant=user, procedure_code=procedure_code, state=DossierState.DRAFT
    ).order_by("-updated_at")


# -- what a submission still lacks ----------------------------------------------------------------


def answer_problems(*, dossier: Dossier) -> list[tuple[str, str, str]]:
    """(field title, message, field key) of every answer outside the form's schema."""
    schema = translated(dossier.plugin.schema)  # titles and messages in the reader's language
    found = []
    for error in validate_answers(schema, dossier.answers):
        title = schema_at(schema, error.path).get("title") or _("Tờ khai")
        found.append((str(title), error.message, error.key))
    return found


def missing_documents(*, dossier: Dossier) -> list[Any]:
    present = set(dossier.attachments.values_list("document_key", flat=True))
    answers = dossier.answers if isinstance(dossier.answers, dict) else {}
    return [doc for doc in dossier.plugin.documents_required_for(answers) if doc.key not in present]


def submission_problems(*, dossier: Dossier) -> dict[str, list[str]]:
    """What stops the draft from being submitted, by step ({} when it can be submitted)."""
    problems: dict[str, list[str]] = {}
    answers = answer_problems(dossier=dossier)
    if answers:
        problems["answers"] = [f"{title}: {message}" for title, message, _key in answers]
    missing = missing_documents(dossier=dossier)
    if missing:
        problems["documents"] = [
            _("Chưa đính kèm “%(name)s”.") % {"name": _(doc.name)} for doc in missing
        ]
    if not dossier.delivery_method:
        problems["delivery"] = [_("Chưa chọn hình thức nhận kết quả.")]
    return problems


def attachments_by_document(*, dossier: Dossier) -> list[tuple[Any, list[Attachment]]]:
    """(RequiredDocument, its files) in the plugin's order, for the upload and review pages."""
    files: dict[str, list[Attachment]] = defaultdict(list)
    for attachment in dossier.attachments.all():
        files[attachment.document_key].append(attachment)
    return [(doc, files.get(doc.key, [])) for doc in dossier.plugin.documents]


# -- the timeline ---------------------------------------------------------------------------------


def timeline(*, dossier: Dossier) -> list[DossierEvent]:
    return list(
        DossierEvent.objects.filter(dossier=dossier)
        .exclude(type="draft_created")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("document_key", "pk")),
            Prefetch("issued_documents", queryset=IssuedDocument.objects.order_by("pk")),
        )
        .order_by("at", "pk")
    )


def latest_issued(*, dossier: Dossier, kind: IssuedKind) -> IssuedDocument | None:
    return (
        IssuedDocument.objects.filter(dossier=dossier, kind=kind)
        .order_by("-issued_at", "-pk")
        .first()
    )


def dossiers_missing_receipt() -> QuerySet[Dossier]:
    """Submitted dossiers (they have a code) without a receipt: its render failed."""
    return (
        Dossier.objects.exclude(code__isnull=True)
        .exclude(code="")
        .exclude(issued_documents__kind=IssuedKind.RECEIPT)
        .order_by("pk")
    )


def results_for_download(*, dossier: Dossier) -> list[IssuedDocument]:
    """The electronic results the citizen may download: delivery online, result returned."""
    if dossier.delivery_method != DeliveryMethod.ONLINE or dossier.state != DossierState.RETURNED:
        return []
    return list(IssuedDocument.objects.filter(dossier=dossier, kind=IssuedKind.RESULT))


def open_supplement_request(*, dossier: Dossier) -> DossierEvent | None:
    if dossier.state != DossierState.SUPPLEMENT_REQUESTED:
        return None
    return dossier.events.filter(type="supplement_requested").order_by("-at", "-pk").first()


# -- what is expected of the citizen --------------------------------------------------------------


def _date(moment: datetime.datetime | None) -> str:
    return to_local(moment).strftime("%d/%m/%Y") if moment else ""


def expectation(dossier: Dossier, *, rated: bool | None = False) -> tuple[str, bool]:
    """(what happens next, in the citizen's words; whether the citizen must act)."""
    state = dossier.state
    if state == DossierState.DRAFT:
        return _("Hồ sơ chưa nộp: hoàn thành các bước và bấm “Nộp hồ sơ”."), True
    if state == DossierState.SUBMITTED:
        return _("Chờ Bộ phận Một cửa kiểm tra, tiếp nhận hồ sơ."), False
    if state == DossierState.SUPPLEMENT_REQUESTED:
        return _("Bạn cần bổ sung, hoàn thiện hồ sơ theo yêu cầu rồi nộp bổ sung."), True
    if state == DossierState.RESULT_READY:
        return _result_ready_expectation(dossier)
    if state == DossierState.RETURNED:
        return _returned_expectation(rated)
    if state in (DossierState.WITHDRAWN, DossierState.REFUSED, DossierState.STOPPED):
        return _("Hồ sơ đã kết thúc."), False
    if state in BEFORE_DECISION or state in dossier.workflow_state_labels():
        due = _date(dossier.due_at)
        if due:
            return _("Đang giải quyết; hẹn trả kết quả ngày %(date)s.") % {"date": due}, False
    return _("Đang giải quyết."), False


def _result_ready_expectation(dossier: Dossier) -> tuple[str, bool]:
    if dossier.delivery_method == DeliveryMethod.POST:
        return _("Đã có kết quả; kết quả sẽ được gửi qua bưu chính đến địa chỉ bạn đã khai."), False
    if dossier.delivery_method == DeliveryMethod.ONLINE:
        return _("Đã có kết quả; kết quả điện tử sẽ được gửi cho bạn trên Cổng."), False
    return (
        _(
            "Đã có kết quả: mời bạn đến Bộ phận Một cửa nhận kết quả, mang theo bản chính "
            "các giấy tờ đã nộp để đối chiếu."
        ),
        True,
    )


def _returned_expectation(rated: bool | None) -> tuple[str, bool]:
    if rated is None:  # not known (the public lookup reads the index only)
        return _("Đã trả kết quả."), False
    if not rated:
        return _("Đã trả kết quả. Mời bạn đánh giá mức độ hài lòng."), True
    return _("Đã trả kết quả. Cảm ơn bạn đã đánh giá."), False


# -- "Hồ sơ của tôi" across localities -------------------------------------------------------------


@dataclass
class DossierSummary:
    locality_name: str
    locality_url: str
    url: str
    reference: str
    code: str
    procedure_name: str
    state: str
    state_label: str
    submitted_at: datetime.datetime | None
    appointment_at: datetime.datetime | None
    returned_at: datetime.datetime | None
    expectation: str
    needs_action: bool
    is_draft: bool = field(default=False)


def _host_of(locality: Any) -> str:
    primary = [d for d in locality.domains.all() if d.is_primary]
    return primary[0].domain if primary else ""


def applicant_dossiers_everywhere(*, user: Any) -> list[DossierSummary]:
    """Every dossier of `user` in every locality, newest first (the cross-locality read).

    The public index (written by the submission services) names the localities; each of their
    schemas is opened once, for this citizen's rows only. A citizen who used two communes opens
    two schemas, whatever the number of localities in the country.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    with schema_context("public"):
        entries = list(
            DossierIndexEntry.counted()
            .filter(applicant=user)
            .select_related("locality")
            .prefetch_related("locality__domains")
        )
    by_locality: dict[int, tuple[Any, list[Any]]] = {}
    for entry in entries:
        by_locality.setdefault(entry.locality_id, (entry.locality, []))[1].append(entry.reference)
    summaries: list[DossierSummary] = []
    for locality, references in by_locality.values():
        host = _host_of(locality)
        base = links.base_url_for_host(host) if host else ""
        with schema_context(locality.schema_name):
            rows = Dossier.objects.filter(reference__in=references, applicant=user).select_related(
                "rating"
            )
            for dossier in rows:
                summaries.append(_summary(dossier, locality=locality, base=base))
    summaries.sort(
        key=lambda s: s.submitted_at or datetime.datetime.max.replace(tzinfo=datetime.UTC),
        reverse=True,
    )
    # Drafts first (they wait for the citizen), then the newest submissions.
    return [s for s in summaries if s.is_draft] + [s for s in summaries if not s.is_draft]


def _summary(dossier: Dossier, *, locality: Any, base: str) -> DossierSummary:
    try:
        name = register.get(dossier.procedure_code, dossier.plugin_version).name
    except KeyError:
        name = dossier.procedure_code
    rated = hasattr(dossier, "rating")
    text, needs_action = expectation(dossier, rated=rated)
    if dossier.state == DossierState.DRAFT:
        path = links.locality_path("workflows:draft_form", reference=dossier.reference)
    else:
        path = links.locality_path("workflows:detail", reference=dossier.reference)
    return DossierSummary(
        locality_name=locality.name,
        locality_url=base + "/",
        url=base + path,
        reference=str(dossier.reference),
        code=dossier.code or "",
        procedure_name=name,
        state=dossier.state,
        state_label=dossier.get_state_label(),
        submitted_at=dossier.submitted_at,
        appointment_at=dossier.due_at,
        returned_at=dossier.returned_at,
        expectation=text,
        needs_action=needs_action,
        is_draft=dossier.state == DossierState.DRAFT,
    )
