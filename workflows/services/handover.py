"""Inter-unit hand-over (liên thông): a dossier goes to another unit of the province and comes back.

    targets = handover_targets(dossier=dossier, actor=officer)          # what the form lists
    dossier_hand_over_to_unit(dossier=dossier, user=officer, target=hai_phong, note="…",
                              expected_state="in_processing")
    # … in Hải Phòng's schema its officers process the child in their own desk …
    dossier_handover_return(dossier=child, user=returning_officer, note="",
                            expected_state="result_ready")             # back to the origin

Two ways out of a unit, both to a unit of the same province (same administrative map):

- **hand_over** (liên thông giải quyết): the specialist of the unit processing the dossier asks
  another unit (a commune's dossier to a department of the province) to do its part;
- **transfer_to_competent_unit**: a procedure the province declares boundary-free (không phụ thuộc
  địa giới, `BoundaryFreeProcedure` in the province's schema) may be received at any desk of the
  province; the receiving officer of that desk sends it to the competent unit.

Either way the origin goes to "transferred", and a *child* dossier is created in the other unit's
schema (state "received", with the origin's answers, dates and a copy of every file, the bytes
copied and their SHA-256 checked against the origin's), marked as received from the origin
(`HandOver(direction=IN)`); the origin keeps `HandOver(direction=OUT)`. The child's officers
process it in their own desk with the normal states; when it reaches "result_ready" (or
"refused"), its returning officer sends the outcome back: the child is returned, its electronic
results are copied to the origin, and the origin resumes processing ("take_back" to
"in_processing"), then approves and returns the result to the citizen as usual.

**Atomicity across schemas.** Every locality schema lives in the same PostgreSQL database and
django-tenants switches schemas by `SET search_path` on the one connection, so one transaction
spans both schemas: each service below is `@transaction.atomic`, locks the dossier it changes
(`SELECT … FOR UPDATE`) and writes the other side inside the same transaction (the connection is
switched with `tenant_context` and switched back). A failure anywhere rolls back the child, both
links, both histories, both index rows and the origin's state together
(`test_handover.py::test_one_transaction_spans_both_schemas` proves it). Files written to the
private storage before a rollback stay as orphans in the dossier's folder, never served (as for
uploads).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from staff.roles import Role
from staff.selectors import user_has_any_role
from tenants.context import require_locality
from tenants.models import Locality

from .. import clock, events
from ..choices import IssuedKind
from ..errors import TransitionNotAvailable
from ..models import (
    Attachment,
    Dossier,
    HandOver,
    HandOverDirection,
    HandOverKind,
    HandOverOutcome,
    IssuedDocument,
)
from ..models.handover import origin_link
from ..states import DossierState
from .boundary_free import NOT_ALLOWED, is_boundary_free, province_units, target_problem
from .common import lock, run_transition, save

#: The transition each kind of hand-over runs on the origin.
TRANSITIONS: dict[str, str] = {
    HandOverKind.STANDARD: "hand_over",
    HandOverKind.BOUNDARY_FREE: "transfer_to_competent_unit",
}
#: The child's states from which its outcome goes back to the origin.
RETURNABLE = {
    DossierState.RESULT_READY: HandOverOutcome.RESULT,
    DossierState.REFUSED: HandOverOutcome.REFUSED,
}
#: What a child takes from its origin as it is (the code, state and dates are its own).
CHILD_COPIES = (
    "procedure_code",
    "plugin_version",
    "applicant_id",
    "answers",
    "workflow_data",
    "intake",
    "subject_name",
    "subject_id_number",
    "subject_relation",
    "delivery_method",
    "processing_time_data",
    "restart_clock",
    "submitted_at",
    "counted_from",
)
#: What a copied file keeps (its name on disk is written again in the child's folder).
ATTACHMENT_COPIES = (
    "document_key",
    "original_name",
    "content_type",
    "size",
    "sha256",
    "uploaded_by_id",
    "uploaded_at",
)


# -- who may hand over what, now ------------------------------------------------------------------


def handover_check(*, dossier: Dossier, actor: Any) -> str:
    """The kind of hand-over `actor` may make with `dossier` now (HandOverKind), or
    PermissionDenied (not their role) / TransitionNotAvailable (not in a state to hand over).

    - the specialist, while the dossier is being processed: a hand-over (liên thông);
    - the receiving officer, once received, if the province declares the procedure
      boundary-free: a transfer to the competent unit.
    A child dossier is handed over no further (its result goes back to its origin).
    """
    is_specialist = user_has_any_role(actor, (Role.SPECIALIST,))
    is_receiving = user_has_any_role(actor, (Role.RECEIVING_OFFICER,))
    if not (is_specialist or is_receiving):
        raise PermissionDenied(NOT_ALLOWED)
    if origin_link(dossier) is not None:
        raise TransitionNotAvailable(
            _("Hồ sơ liên thông từ đơn vị khác: trả kết quả về đơn vị chuyển, không chuyển tiếp.")
        )
    if dossier.state == DossierState.IN_PROCESSING:
        if is_specialist:
            return HandOverKind.STANDARD
        raise PermissionDenied(NOT_ALLOWED)
    if dossier.state == DossierState.RECEIVED:
        if not is_receiving:
            raise PermissionDenied(NOT_ALLOWED)
        if is_boundary_free(locality=require_locality(), procedure_code=dossier.procedure_code):
            return HandOverKind.BOUNDARY_FREE
        raise TransitionNotAvailable(
            _(
                "Thủ tục này không được tỉnh công bố là không phụ thuộc địa giới hành chính: "
                "chỉ chuyển liên thông khi đang xử lý."
            )
        )
    raise TransitionNotAvailable()


def _passes(check: Callable[..., Any], **arguments: Any) -> bool:
    try:
        check(**arguments)
    except (PermissionDenied, TransitionNotAvailable):
        return False
    return True


def may_hand_over(*, dossier: Dossier, actor: Any) -> bool:
    return _passes(handover_check, dossier=dossier, actor=actor)


def handover_targets(*, dossier: Dossier, actor: Any) -> list[Locality]:
    """The units the hand-over form lists for this officer and dossier (empty if none may)."""
    if not may_hand_over(dossier=dossier, actor=actor):
        return []
    return list(province_units(require_locality()))


def return_check(*, dossier: Dossier, actor: Any) -> HandOver:
    """The origin link of a child whose outcome `actor` may send back now, or
    PermissionDenied (not the child unit's returning officer) / TransitionNotAvailable."""
    if not user_has_any_role(actor, (Role.RETURNING_OFFICER,)):
        raise PermissionDenied(NOT_ALLOWED)
    link = origin_link(dossier)
    if link is None or not link.is_open or dossier.state not in RETURNABLE:
        raise TransitionNotAvailable()
    return link


def may_return_to_origin(*, dossier: Dossier, actor: Any) -> bool:
    return _passes(return_check, dossier=dossier, actor=actor)


# -- copying files between schemas ----------------------------------------------------------------


def _read_checked(field_file: Any, *, sha256: str | None = None) -> bytes:
    """The file's bytes, read from the current schema's private folder; refused if they no
    longer match the hash kept when it was stored."""
    with field_file.open("rb") as handle:
        content = handle.read()
    if sha256 and hashlib.sha256(content).hexdigest() != sha256:
        raise ValidationError(
            _("Tệp “%(name)s” không khớp mã băm đã lưu: không chuyển được hồ sơ.")
            % {"name": field_file.name.rsplit("/", 1)[-1]}
        )
    return content


def _store(field_file: Any, *, name: str, content: bytes) -> None:
    """Write into the *current* schema's private folder (the storage reads the schema)."""
    field_file.save(name, ContentFile(content), save=False)


# -- the origin sends ------------------------------------------------------------------------------


def _link(
    *,
    dossier: Dossier,
    direction: str,
    other: tuple[Locality, Any, str],
    at: Any,
    kind: str,
    note: str,
    user: Any,
    **_ignored: Any,
) -> HandOver:
    """This side's row; `other` is (unit, dossier reference, dossier code) of the other side."""
    unit, reference, code = other
    return HandOver.objects.create(
        dossier=dossier,
        direction=direction,
        kind=kind,
        other_locality=unit,
        other_reference=reference,
        other_code=code,
        note=note,
        sent_at=at,
        sent_by=user,
        sent_by_name=(getattr(user, "full_name", "") or getattr(user, "username", ""))[:200],
    )


def _child_code(origin: Dossier) -> str:
    """`<origin code>-LT<n>`: the n-th hand-over of the origin (never the origin's own code, so
    a lookup by code finds the origin only)."""
    number = HandOver.objects.filter(dossier=origin, direction=HandOverDirection.OUT).count() + 1
    return f"{origin.code or 'HS'}"[:33] + f"-LT{number}"


def _create_child(
    *, origin: Dossier, origin_unit: Locality, files: list[tuple[Attachment, bytes]], **meta: Any
) -> Dossier:
    """In the target's schema (the connection is switched by the caller)."""
    now = clock.now()
    child = origin.plugin.workflow.objects.create(
        **{name: getattr(origin, name) for name in CHILD_COPIES},
        state=DossierState.RECEIVED,
        code=meta["code"],
        received_at=now,
        appointment_at=origin.due_at,
    )
    for attachment, content in files:
        copy = Attachment(
            dossier=child, **{name: getattr(attachment, name) for name in ATTACHMENT_COPIES}
        )
        _store(copy.file, name=attachment.file.name.rsplit("/", 1)[-1], content=content)
        copy.save()
    _link(
        dossier=child,
        direction=HandOverDirection.IN,
        other=(origin_unit, origin.reference, origin.code or ""),
        at=now,
        **meta,
    )
    events.handover_received_event(
        dossier=child,
        user=meta["user"],
        label=_("Nhận hồ sơ liên thông từ %(unit)s (mã %(code)s)")
        % {"unit": origin_unit.name, "code": origin.code},
        origin=origin_unit,
        origin_reference=origin.reference,
        origin_code=origin.code or "",
        documents=len(files),
        note=meta["note"],
    )
    return child


@transaction.atomic
def dossier_hand_over_to_unit(
    *,
    dossier: Dossier,
    user: Any,
    target: Locality | None,
    note: str = "",
    expected_state: str | None = None,
) -> Dossier:
    """Send `dossier` (of the connection's locality) to `target`: the origin goes to
    "transferred" and a child is created in `target`'s schema with copies of the files, in one
    transaction (see the module docstring). ValidationError at "target" for a unit outside the
    province; PermissionDenied / TransitionNotAvailable / DossierChanged as the desk's actions."""
    origin_unit = require_locality()
    handover_check(dossier=dossier, actor=user)
    if (problem := target_problem(origin=origin_unit, target=target)) is not None:
        raise ValidationError({"target": problem})
    assert target is not None
    workflow = lock(dossier=dossier, expected_state=expected_state)
    kind = handover_check(dossier=workflow, actor=user)  # the state as locked
    files = [
        (attachment, _read_checked(attachment.file, sha256=attachment.sha256))
        for attachment in Attachment.objects.filter(dossier=workflow)
    ]
    code = _child_code(workflow)
    from_state = run_transition(workflow=workflow, name=TRANSITIONS[kind], user=user)
    with tenant_context(target):
        child = _create_child(
            origin=workflow,
            origin_unit=origin_unit,
            files=files,
            code=code,
            kind=kind,
            note=note,
            user=user,
        )
        child_reference, child_code = child.reference, child.code or ""
    _link(
        dossier=workflow,
        direction=HandOverDirection.OUT,
        other=(target, child_reference, child_code),
        at=clock.now(),
        kind=kind,
        note=note,
        user=user,
    )
    events.handover_sent_event(
        dossier=workflow,
        user=user,
        from_state=from_state,
        transition=TRANSITIONS[kind],
        label=(
            _("Chuyển liên thông đến %(unit)s")
            if kind == HandOverKind.STANDARD
            else _("Chuyển đơn vị có thẩm quyền: %(unit)s")
        )
        % {"unit": target.name},
        unit=target,
        child_reference=child_reference,
        child_code=child_code,
        documents=len(files),
        note=note,
    )
    return workflow


# -- the child's unit sends the outcome back -------------------------------------------------------


def _results_of(child: Dossier) -> list[tuple[IssuedDocument, bytes]]:
    return [
        (document, _read_checked(document.file))
        for document in IssuedDocument.objects.filter(dossier=child, kind=IssuedKind.RESULT)
        if document.file
    ]


@transaction.atomic
def dossier_handover_return(
    *, dossier: Dossier, user: Any, note: str = "", expected_state: str | None = None
) -> Dossier:
    """The child's outcome goes back to its origin: a result (the child is returned, its
    electronic results copied to the origin) or a refusal (with the child's reason); the origin
    resumes processing ("take_back"). Both sides in one transaction."""
    return_check(dossier=dossier, actor=user)
    child = lock(dossier=dossier, expected_state=expected_state)
    link = return_check(dossier=child, actor=user)
    outcome = RETURNABLE[DossierState(child.state)]
    reason = ""
    if outcome == HandOverOutcome.REFUSED:
        refusal = child.events.filter(to_state=DossierState.REFUSED).order_by("-at", "-pk").first()
        reason = refusal.note if refusal is not None else ""
    results = _results_of(child)
    child_unit = require_locality()
    from_state = child.state
    if outcome == HandOverOutcome.RESULT:
        child.return_result()  # checked above: the child unit's returning officer
        child.returned_at = clock.now()
        child.save()
    outcome_note = "\n".join(part for part in (note, reason) if part)
    HandOver.objects.filter(pk=link.pk).update(
        outcome=outcome, outcome_note=outcome_note, returned_at=clock.now()
    )
    outcome_label = HandOverOutcome(outcome).label
    events.handover_result_sent_event(
        dossier=child,
        user=user,
        from_state=from_state,
        label=_("Gửi kết quả liên thông về %(unit)s: %(outcome)s")
        % {"unit": link.other_locality.name, "outcome": outcome_label},
        outcome=outcome,
        note=outcome_note,
    )
    with tenant_context(link.other_locality):
        _origin_takes_back(
            link=link,
            child_reference=child.reference,
            child_unit=child_unit,
            user=user,
            outcome=outcome,
            note=outcome_note,
            results=results,
        )
    return child


def _origin_takes_back(
    *,
    link: HandOver,
    child_reference: Any,
    child_unit: Locality,
    user: Any,
    outcome: str,
    note: str,
    results: list[tuple[IssuedDocument, bytes]],
) -> None:
    """In the origin's schema: the open hand-over closes, the results are copied, and the origin
    goes back to "in_processing" (the origin's specialist then has it in their desk). `link` is
    the child's row: nothing of it is read through the connection here (its foreign keys point
    into the child's schema)."""
    origin = Dossier.objects.filter(reference=link.other_reference).first()
    if origin is None:
        raise TransitionNotAvailable(_("Không còn hồ sơ gốc tại đơn vị chuyển."))
    # Not compared with a state seen on a page: the origin's officers did not act. If the citizen
    # withdrew meanwhile, the outcome is still recorded, and the origin stays as it is.
    workflow = lock(dossier=origin, check_state=False)
    now = clock.now()
    HandOver.objects.filter(
        dossier=workflow,
        direction=HandOverDirection.OUT,
        other_reference=child_reference,
        returned_at__isnull=True,
    ).update(outcome=outcome, outcome_note=note, returned_at=now)
    from_state = workflow.state
    if workflow.state == DossierState.TRANSFERRED:
        # The other unit's officer acts on the origin only through this hand-over, never with a
        # role of the origin: the transition runs without the origin's role check.
        workflow.take_back()
        save(workflow)
    event = events.handover_result_received_event(
        dossier=workflow,
        user=user,
        from_state=from_state,
        label=_("Nhận lại hồ sơ liên thông từ %(unit)s: %(outcome)s")
        % {"unit": child_unit.name, "outcome": HandOverOutcome(outcome).label},
        unit=child_unit,
        outcome=outcome,
        results=len(results),
        note=note,
    )
    for document, content in results:
        copy = IssuedDocument(
            dossier=workflow,
            kind=IssuedKind.RESULT,
            slip_data={**document.slip_data, "handed_over_from": child_unit.name},
            form_number="",
            framework=document.framework,
            template_version=document.template_version,
            issued_at=document.issued_at,
            event=event,
        )
        _store(copy.file, name=document.filename, content=content)
        copy.save()
