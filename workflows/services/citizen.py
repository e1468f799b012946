"""What the citizen does once the dossier is submitted: complete it, withdraw it, rate it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import clock, events
from ..calendar import (
    appointment_after_pauses,
    clock_start_after_supplement,
    supplement_stops_clock,
)
from ..choices import EventType
from ..models import Dossier, DossierPause, SatisfactionRating
from ..notifications import notify_applicant
from ..selectors import answer_problems, missing_documents
from ..states import DossierState
from .common import check_applicant, lock, run_transition

#: Dossiers the citizen may rate: finished with a result or a decision.
RATEABLE_STATES = (DossierState.RETURNED, DossierState.REFUSED, DossierState.STOPPED)


def close_open_pause(*, dossier: Dossier, at: Any) -> None:
    DossierPause.objects.filter(dossier=dossier, resumed_at__isnull=True).update(resumed_at=at)


def pauses_before_clock_start(*, dossier: Dossier) -> Any:
    """Pauses recorded for supplements asked before the clock started (before this fix, the
    desk recorded one; the calendar refuses them, and "Nộp bổ sung" then failed)."""
    if dossier.counted_from is None:
        return DossierPause.objects.none()
    return DossierPause.objects.filter(dossier=dossier, paused_at__lt=dossier.counted_from)


def start_or_resume_clock(*, dossier: Dossier, at: Any) -> None:
    """The complete dossier is back: close the supplement's pause, or, when the request came
    before the clock started (it stopped nothing), start the clock now
    (calendar.clock_start_after_supplement). The caller saves `counted_from`."""
    request = (
        dossier.events.filter(type=EventType.SUPPLEMENT_REQUESTED).order_by("-at", "-pk").first()
    )
    if (
        dossier.counted_from is None
        or request is None
        or supplement_stops_clock(clock_start=dossier.counted_from, requested_at=request.at)
    ):
        close_open_pause(dossier=dossier, at=at)
        return
    # A pause recorded the old way for this request stopped nothing: it goes (the
    # dossier_repair_pauses command does the same for dossiers not answered yet).
    pauses_before_clock_start(dossier=dossier).delete()
    dossier.counted_from = clock_start_after_supplement(
        clock_start=dossier.counted_from, requested_at=request.at, resubmitted_at=at
    )


def recompute_appointment(*, dossier: Dossier) -> None:
    """The appointment after the clock's pauses (calendar.appointment_after_pauses).

    Counted from the moment the clock started (`counted_from`, moved to the complete dossier when
    a supplement was asked for before the clock started); each completed pause either carries the
    remaining time over or restarts it, as the procedure says (`restart_clock`).
    """
    processing_time = dossier.processing_time
    if processing_time is None or dossier.counted_from is None:
        return
    pauses = [(p.paused_at, p.resumed_at) for p in dossier.pauses.order_by("paused_at", "pk")]
    dossier.appointment_at = appointment_after_pauses(
        received_at=dossier.counted_from,
        processing_time=processing_time,
        pauses=pauses,
        restart=dossier.restart_clock,
    )


@transaction.atomic
def dossier_resubmit(
    *,
    dossier: Dossier,
    user: Any,
    note: str = "",
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    """The citizen sends the missing pieces: the clock resumes (or restarts, or, when the request
    came before it started, starts now), back to the desk."""
    check_applicant(dossier=dossier, user=user)
    workflow = lock(dossier=dossier, expected_state=expected_state)
    problems = [f"{title}: {message}" for title, message, _key in answer_problems(dossier=workflow)]
    problems += [
        _("Chưa đính kèm “%(name)s”.") % {"name": _(doc.name)}
        for doc in missing_documents(dossier=workflow)
    ]
    if problems:
        raise ValidationError(problems)
    now = clock.now()
    from_state = run_transition(workflow=workflow, name="resubmit", user=user, **details)
    start_or_resume_clock(dossier=workflow, at=now)
    recompute_appointment(dossier=workflow)
    workflow.save(update_fields=["counted_from", "appointment_at", "updated_at"])
    event = events.dossier_resubmitted_event(
        dossier=workflow, user=user, from_state=from_state, note=note, at=now
    )
    workflow.attachments.filter(event__isnull=True).update(event=event)
    notify_applicant(dossier=workflow, kind="resubmitted", note=note)
    return workflow


@transaction.atomic
def dossier_withdraw(
    *,
    dossier: Dossier,
    user: Any,
    reason: str = "",
    expected_state: str | None = None,
    **details: Any,
) -> Dossier:
    """The citizen withdraws before a decision (rút hồ sơ)."""
    check_applicant(dossier=dossier, user=user)
    workflow = lock(dossier=dossier, expected_state=expected_state)
    from_state = run_transition(workflow=workflow, name="withdraw", user=user, **details)
    close_open_pause(dossier=workflow, at=clock.now())
    events.dossier_withdrawn_event(
        dossier=workflow, user=user, from_state=from_state, reason=reason
    )
    notify_applicant(dossier=workflow, kind="withdrawn", note=reason)
    return workflow


@transaction.atomic
def dossier_rate(
    *, dossier: Dossier, user: Any, score: int, comment: str = ""
) -> SatisfactionRating:
    """One satisfaction rating (1–5, with an optional comment) per finished dossier."""
    check_applicant(dossier=dossier, user=user)
    workflow = lock(dossier=dossier, check_state=False)
    if workflow.state not in RATEABLE_STATES:
        raise PermissionDenied(_("Chỉ đánh giá được hồ sơ đã có kết quả."))
    if not 1 <= int(score) <= 5:
        raise ValidationError({"score": _("Vui lòng chọn mức từ 1 đến 5.")})
    try:
        with transaction.atomic():
            rating = SatisfactionRating.objects.create(
                dossier=workflow, score=int(score), comment=comment.strip(), rated_at=clock.now()
            )
    except IntegrityError:
        raise ValidationError({"score": _("Bạn đã đánh giá hồ sơ này rồi.")}) from None
    events.dossier_rated_event(dossier=workflow, user=user, score=rating.score, comment=comment)
    return rating
