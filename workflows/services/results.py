"""The result of a dossier: the signed file the unit attaches, and handing it over.

    result_attach_check(dossier=dossier, actor=officer)            # may they attach one now?
    dossier_attach_result(dossier=dossier, user=officer, upload=request.FILES["file"])
    dossier_return_result(dossier=dossier, user=officer, collector_name="Nguyễn Văn An",
                          collector_id_number="031090001234", originals_compared=True)

How the result is handed over depends on the delivery the citizen chose (`return_check`): at the
desk, who collected it (name and ID number) and that the originals were compared; by post, the
postal tracking number; online, the electronic result must be on file (the citizen downloads it
from their dossier page once returned: selectors.results_for_download).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from staff.roles import Role
from staff.selectors import user_has_any_role

from .. import clock, events, slips
from ..choices import DeliveryMethod, IssuedKind
from ..errors import TransitionNotAvailable
from ..models import Dossier, IssuedDocument
from ..notifications import notify_applicant
from ..states import DossierState
from ..uploads import inspect_upload
from .common import at_step, check_transition, lock, run_transition

# -- the signed result file -----------------------------------------------------------------------

RESULT_ROLES = (Role.SPECIALIST, Role.LEADER)
#: Before approval (the specialist's draft, signed by hand and scanned) or at it (the leader's).
RESULT_STATES = (
    DossierState.IN_PROCESSING,
    DossierState.AWAITING_APPROVAL,
    DossierState.RESULT_READY,
)


@dataclass(frozen=True)
class ResultFileRule:
    """What a result file may be, in the shape `uploads.inspect_upload` reads."""

    accepted_types: tuple[str, ...] = ("application/pdf",)
    max_size_mb: int = 20


RESULT_FILE = ResultFileRule()


def result_attach_check(*, dossier: Dossier, actor: Any) -> None:
    """May `actor` attach the signed result to `dossier` now? PermissionDenied for a role that
    may not, TransitionNotAvailable for a dossier not (or no longer) at that step."""
    if not user_has_any_role(actor, RESULT_ROLES):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này với hồ sơ."))
    # The plugin's own in-between states (a field inspection) are steps of processing too.
    if not at_step(dossier.as_workflow(), RESULT_STATES):
        raise TransitionNotAvailable()


def may_attach_result(*, dossier: Dossier, actor: Any) -> bool:
    try:
        result_attach_check(dossier=dossier, actor=actor)
    except (PermissionDenied, TransitionNotAvailable):
        return False
    return True


def signed_results(*, dossier: Dossier) -> list[IssuedDocument]:
    return list(
        IssuedDocument.objects.filter(dossier=dossier, kind=IssuedKind.RESULT)
        .exclude(file="")
        .order_by("pk")
    )


@transaction.atomic
def dossier_attach_result(
    *,
    dossier: Dossier,
    user: Any,
    upload: UploadedFile,
    note: str = "",
    expected_state: str | None = None,
) -> IssuedDocument:
    """Keep the signed result (a PDF, checked by content as the citizen's uploads are) with the
    dossier, as its electronic result; the state stays."""
    result_attach_check(dossier=dossier, actor=user)
    inspected = inspect_upload(upload=upload, document=RESULT_FILE)
    workflow = lock(dossier=dossier, expected_state=expected_state)
    result_attach_check(dossier=workflow, actor=user)  # the state as locked
    event = events.result_attached_event(
        dossier=workflow,
        user=user,
        file_name=inspected.name,
        size=inspected.size,
        sha256=inspected.sha256,
        note=note,
    )
    document = IssuedDocument(
        dossier=workflow, kind=IssuedKind.RESULT, issued_at=clock.now(), event=event
    )
    upload.seek(0)
    count = IssuedDocument.objects.filter(dossier=workflow, kind=IssuedKind.RESULT).count()
    filename = f"{workflow.code}-ket-qua-da-ky-{count + 1}.pdf".replace("/", "-")
    document.file.save(filename, ContentFile(upload.read()), save=False)
    try:
        document.save()
    except Exception:
        document.file.storage.delete(document.file.name)
        raise
    return document


# -- handing the result over ----------------------------------------------------------------------


def return_check(
    *,
    dossier: Dossier,
    collector_name: str = "",
    collector_id_number: str = "",
    originals_compared: bool = False,
    tracking_number: str = "",
) -> dict[str, Any]:
    """What the hand-over records, for the dossier's delivery method; `ValidationError` at the
    field for what is missing."""
    method = dossier.delivery_method or DeliveryMethod.DESK
    problems: dict[str, str] = {}
    handover: dict[str, Any]
    if method == DeliveryMethod.POST:
        if not tracking_number.strip():
            problems["tracking_number"] = _("Vui lòng nhập số hiệu bưu gửi.")
        handover = {"mode": "post", "tracking_number": tracking_number.strip()}
    elif method == DeliveryMethod.ONLINE:
        if not signed_results(dossier=dossier):
            problems["__all__"] = _(
                "Hồ sơ chưa có kết quả điện tử: hãy đính kèm tệp kết quả đã ký (PDF) trước khi "
                "trả kết quả trực tuyến."
            )
        handover = {"mode": "online"}
    else:
        if not collector_name.strip():
            problems["collector_name"] = _("Vui lòng nhập họ tên người nhận kết quả.")
        if not collector_id_number.strip():
            problems["collector_id_number"] = _("Vui lòng nhập số CCCD/CMND của người nhận.")
        if not originals_compared:
            problems["originals_compared"] = _(
                "Vui lòng đối chiếu bản chính giấy tờ trước khi trả kết quả."
            )
        handover = {
            "mode": "desk",
            "collector_name": collector_name.strip(),
            "collector_id_number": collector_id_number.strip(),
            "originals_compared": originals_compared,
        }
    if problems:
        raise ValidationError(problems)
    return handover


def handover_summary(handover: dict[str, Any]) -> str:
    """The hand-over in words, for the history."""
    if handover["mode"] == "post":
        return _("Gửi qua bưu chính, số hiệu bưu gửi %(number)s.") % {
            "number": handover["tracking_number"]
        }
    if handover["mode"] == "online":
        return _("Trả kết quả điện tử trên Cổng dịch vụ công.")
    return _("Trả tại Bộ phận Một cửa cho %(name)s (CCCD/CMND %(id)s); đã đối chiếu bản chính.") % {
        "name": handover["collector_name"],
        "id": handover["collector_id_number"],
    }


@transaction.atomic
def dossier_return_result(
    *,
    dossier: Dossier,
    user: Any,
    note: str = "",
    collector_name: str = "",
    collector_id_number: str = "",
    originals_compared: bool = False,
    tracking_number: str = "",
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    """Handed over at the desk, posted, or sent online (`return_check`); the control slip is
    completed and the applicant told."""
    workflow = lock(dossier=dossier, expected_state=expected_state)
    check_transition(workflow=workflow, name="return_result", user=user)  # 403 before 400
    handover = return_check(
        dossier=workflow,
        collector_name=collector_name,
        collector_id_number=collector_id_number,
        originals_compared=originals_compared,
        tracking_number=tracking_number,
    )
    from_state = run_transition(workflow=workflow, name="return_result", user=user, **details)
    workflow.returned_at = clock.now()
    workflow.save(update_fields=["returned_at", "updated_at"])
    event = events.result_returned_event(
        dossier=workflow,
        user=user,
        from_state=from_state,
        note=note,
        handover=handover,
        summary=handover_summary(handover),
    )
    slips.issue_slip(dossier=workflow, kind=IssuedKind.CONTROL_SLIP, event=event, officer=user)
    notify_applicant(dossier=workflow, kind="returned", note=note)
    return workflow
