"""The workflow engine the officers' desk (and any other client) drives.

    options = available_transitions(dossier=dossier, user=officer)   # what this person may do
    form = transition_form(dossier=dossier, name="request_supplement", data=request.POST)
    dossier = dossier_transition(dossier=dossier, user=officer, name="request_supplement",
                                 data=request.POST, expected_state=request.POST["state"])

Transitions of the standard lifecycle go through their service (workflows/services), which
adds what the law asks for (dates, slips, e-mails); transitions a plugin adds (a field
inspection) go through the generic path: lock, check, run, save, history entry. Either way the
transition's form (`custom["form"]` on the transition, possibly the plugin's own) validates
the data first and its cleaned data reaches the transition method and the history.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from . import events, services
from .errors import DossierChanged, TransitionNotAvailable
from .models import Dossier
from .services.common import lock, run_transition, transition_meta
from .workflow import APPLICANT, OFFICER

#: The standard lifecycle's transitions and the service that runs each. `submit` is not here:
#: a submission is the citizen's journey (code, appointment, receipt), not a button.
SERVICES: dict[str, Callable[..., Dossier]] = {
    "resubmit": services.dossier_resubmit,
    "withdraw": services.dossier_withdraw,
    "receive": services.dossier_receive,
    "request_supplement": services.dossier_request_supplement,
    "refuse_reception": services.dossier_refuse_reception,
    "forward_for_processing": services.dossier_forward,
    "hand_over": services.dossier_hand_over,
    "take_back": services.dossier_take_back,
    "submit_for_approval": services.dossier_submit_for_approval,
    "approve": services.dossier_approve,
    "send_back": services.dossier_send_back,
    "refuse": services.dossier_refuse,
    "stop_processing": services.dossier_stop,
    "return_result": services.dossier_return_result,
}
#: Hand-overs to another unit have their own page and service (workflows/services/handover.py):
#: they create the other unit's dossier and bring its result back.
NOT_A_BUTTON = frozenset({"submit", "hand_over", "take_back", "transfer_to_competent_unit"})


@dataclass(frozen=True)
class TransitionOption:
    name: str
    label: str
    actor: str
    tone: str
    form_class: type[forms.Form] | None
    target: str

    @property
    def needs_form(self) -> bool:
        return self.form_class is not None


def _option(transition: Any) -> TransitionOption:
    custom = transition.custom or {}
    return TransitionOption(
        name=transition.name,
        label=str(custom.get("label", transition.name)),
        actor=str(custom.get("actor", OFFICER)),
        tone=str(custom.get("tone", "primary")),
        form_class=custom.get("form"),
        target=str(transition.target or ""),
    )


def available_transitions(
    *, dossier: Dossier, user: Any, actor: str | None = None
) -> list[TransitionOption]:
    """What `user` may do now (state, conditions and permission checked), in declared order.

    `actor="officer"` or `"applicant"` keeps one side's buttons only.
    """
    workflow = dossier.as_workflow()
    options = [
        _option(t)
        for t in workflow.get_available_user_state_transitions(user)
        if t.name not in NOT_A_BUTTON
    ]
    if actor is not None:
        options = [o for o in options if o.actor == actor]
    return options


def option_for(*, dossier: Dossier, name: str) -> TransitionOption:
    """The transition `name` as declared for the dossier's current state (any user)."""
    workflow = dossier.as_workflow()
    _method, meta = transition_meta(workflow, name)
    transition = meta.get_transition(workflow.state)
    if transition is None or name in NOT_A_BUTTON:
        raise TransitionNotAvailable()
    return _option(transition)


def transition_form(
    *, dossier: Dossier, name: str, data: Mapping[str, Any] | None = None, prefix: str | None = None
) -> forms.Form | None:
    """The form transition `name` needs (bound to `data` when given), or None."""
    form_class = option_for(dossier=dossier, name=name).form_class
    if form_class is None:
        return None
    return form_class(data=data, prefix=prefix) if data is not None else form_class(prefix=prefix)


def clean_transition_data(
    *, dossier: Dossier, name: str, data: Mapping[str, Any] | None
) -> dict[str, Any]:
    form = transition_form(dossier=dossier, name=name, data=data or {})
    if form is None:
        return {}
    if not form.is_valid():
        raise ValidationError(
            {
                field: [error["message"] for error in errors]
                for field, errors in form.errors.get_json_data().items()
            }
        )
    return dict(form.cleaned_data)


def dossier_transition(
    *,
    dossier: Dossier,
    user: Any,
    name: str,
    data: Mapping[str, Any] | None = None,
    expected_state: str | None = None,
) -> Dossier:
    """Run transition `name` on `dossier` as `user` with the form `data`.

    Raises `ValidationError` (form errors, by field), `PermissionDenied`, `DossierChanged`
    (someone acted first: HTTP 409), `TransitionNotAvailable`.
    """
    if expected_state is not None and dossier.state != expected_state:
        raise DossierChanged()  # checked again under the row lock by the service
    cleaned = clean_transition_data(dossier=dossier, name=name, data=data)
    service = SERVICES.get(name)
    if service is not None:
        return service(dossier=dossier, user=user, expected_state=expected_state, **cleaned)
    return _plugin_transition(
        dossier=dossier, user=user, name=name, cleaned=cleaned, expected_state=expected_state
    )


@transaction.atomic
def _plugin_transition(
    *,
    dossier: Dossier,
    user: Any,
    name: str,
    cleaned: dict[str, Any],
    expected_state: str | None,
) -> Dossier:
    workflow = lock(dossier=dossier, expected_state=expected_state)
    option = option_for(dossier=workflow, name=name)
    from_state = run_transition(workflow=workflow, name=name, user=user, **cleaned)
    events.plugin_transition_event(
        dossier=workflow,
        user=user,
        from_state=from_state,
        transition=name,
        label=option.label,
        role=APPLICANT if option.actor == APPLICANT else OFFICER,
        data=cleaned,
    )
    return workflow
