"""The standard one-stop-desk lifecycle of a dossier, as django-fsm transitions.

`DossierLifecycle` is the abstract base of `workflows.models.Dossier`. A procedure plugin uses the
lifecycle as it is (its `workflow` is `Dossier`) or extends it with a proxy model that adds states
and transitions (see procedure_plugins/builtins/land_change_registration/workflow.py).

Each transition declares, as data:
- `permission=`: who may run it, as a role of the current locality (`HasRole`) or the applicant
  (`IsApplicant`); groups are per locality schema, so an officer of one commune has no transition
  anywhere else;
- `conditions=`: pure functions of the dossier;
- `custom=`: `label` (what the officer or citizen sees on the button), `actor` ("officer" or
  "applicant"), `form` (the form the transition needs, or None) and `tone` ("primary", "neutral",
  "danger") for the button.

The method bodies only record what belongs to the state machine itself; receipts, history,
notifications and deadlines are written by the dossier services that call these methods.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from staff.roles import Role
from staff.selectors import user_has_any_role

from . import workflow_forms as forms
from .states import (
    AFTER_RECEPTION_BEFORE_RESULT,
    BEFORE_DECISION,
    END_STATES,
    INITIAL_STATE,
    DossierState,
)

APPLICANT = "applicant"
OFFICER = "officer"


class HasRole:
    """Permission: the user holds one of `roles` in the locality of the current connection."""

    def __init__(self, *roles: Role) -> None:
        self.roles = tuple(str(role) for role in roles)

    def __call__(self, dossier: models.Model, user: Any) -> bool:
        return user_has_any_role(user, self.roles)

    def __repr__(self) -> str:
        return f"HasRole({', '.join(self.roles)})"


class IsApplicant:
    """Permission: the user is the dossier's applicant."""

    def __call__(self, dossier: models.Model, user: Any) -> bool:
        return bool(
            getattr(user, "is_authenticated", False) and user.pk == dossier.applicant_id  # type: ignore[attr-defined]
        )

    def __repr__(self) -> str:
        return "IsApplicant()"


is_applicant = IsApplicant()
receiving_officer = HasRole(Role.RECEIVING_OFFICER)
specialist = HasRole(Role.SPECIALIST)
leader = HasRole(Role.LEADER)
returning_officer = HasRole(Role.RETURNING_OFFICER)


# -- conditions: pure functions of the dossier -----------------------------------------------------


def answers_present(dossier: Any) -> bool:
    """The form has been filled in (a blank dossier cannot be submitted or received)."""
    return bool(dossier.answers)


def custom(label: str, *, actor: str = OFFICER, form: type | None = None, tone: str = "primary"):
    return {"label": label, "actor": actor, "form": form, "tone": tone}


class DossierLifecycle(ConcurrentTransitionMixin, models.Model):
    """State and transitions of the standard lifecycle (DOMAIN.md, "The dossier and its life")."""

    # No `choices` on purpose: plugins add states (EXTRA_STATES) without a migration per plugin;
    # labels come from `state_labels()`.
    state = FSMField(
        _("trạng thái"), max_length=40, default=INITIAL_STATE, protected=True, db_index=True
    )

    #: States a workflow proxy adds, as a TextChoices of its own.
    EXTRA_STATES: ClassVar[type[models.TextChoices] | None] = None
    #: End states a workflow proxy adds.
    EXTRA_END_STATES: ClassVar[frozenset[str]] = frozenset()

    class Meta:
        abstract = True

    # -- states --------------------------------------------------------------------------------

    @classmethod
    def state_labels(cls) -> dict[str, str]:
        labels = {value: str(label) for value, label in DossierState.choices}
        if cls.EXTRA_STATES is not None:
            labels.update({value: str(label) for value, label in cls.EXTRA_STATES.choices})
        return labels

    @classmethod
    def end_states(cls) -> frozenset[str]:
        return frozenset(str(s) for s in END_STATES) | frozenset(cls.EXTRA_END_STATES)

    @classmethod
    def initial_state(cls) -> str:
        return str(INITIAL_STATE)

    def get_state_label(self) -> str:
        return self.state_labels().get(self.state, self.state)

    @property
    def is_finished(self) -> bool:
        return self.state in self.end_states()

    # -- the citizen ---------------------------------------------------------------------------

    @transition(
        field="state",
        source=DossierState.DRAFT,
        target=DossierState.SUBMITTED,
        conditions=[answers_present],
        permission=is_applicant,
        custom=custom(_("Nộp hồ sơ"), actor=APPLICANT),
    )
    def submit(self, **details: Any) -> None:
        """The citizen submits the draft."""

    @transition(
        field="state",
        source=DossierState.SUPPLEMENT_REQUESTED,
        target=DossierState.SUBMITTED,
        conditions=[answers_present],
        permission=is_applicant,
        custom=custom(_("Nộp bổ sung hồ sơ"), actor=APPLICANT),
    )
    def resubmit(self, **details: Any) -> None:
        """The citizen sends the missing pieces; the dossier goes back to the receiving desk."""

    @transition(
        field="state",
        source=BEFORE_DECISION,
        target=DossierState.WITHDRAWN,
        permission=is_applicant,
        custom=custom(_("Rút hồ sơ"), actor=APPLICANT, form=forms.WithdrawForm, tone="danger"),
    )
    def withdraw(self, **details: Any) -> None:
        """The citizen withdraws before a decision."""

    # -- the receiving officer (Bộ phận một cửa) -----------------------------------------------

    @transition(
        field="state",
        source=DossierState.SUBMITTED,
        target=DossierState.RECEIVED,
        conditions=[answers_present],
        permission=receiving_officer,
        custom=custom(_("Tiếp nhận hồ sơ")),
    )
    def receive(self, **details: Any) -> None:
        """Complete and valid: the appointment date is fixed and a receipt issued (Mẫu 01)."""

    @transition(
        field="state",
        source=DossierState.SUBMITTED,
        target=DossierState.SUPPLEMENT_REQUESTED,
        permission=receiving_officer,
        custom=custom(_("Yêu cầu bổ sung hồ sơ"), form=forms.SupplementRequestForm, tone="neutral"),
    )
    def request_supplement(self, **details: Any) -> None:
        """Incomplete: the citizen is told in one go what to add (Mẫu 02); the clock stops."""

    @transition(
        field="state",
        source=[DossierState.SUBMITTED, DossierState.SUPPLEMENT_REQUESTED],
        target=DossierState.REFUSED,
        permission=receiving_officer,
        custom=custom(_("Từ chối tiếp nhận"), form=forms.ReasonForm, tone="danger"),
    )
    def refuse_reception(self, **details: Any) -> None:
        """Not within the unit's competence or not eligible: refused with reasons (Mẫu 03)."""

    @transition(
        field="state",
        source=DossierState.RECEIVED,
        target=DossierState.IN_PROCESSING,
        permission=receiving_officer,
        custom=custom(_("Chuyển xử lý"), form=forms.NoteForm),
    )
    def forward_for_processing(self, **details: Any) -> None:
        """Handed to the specialist department, with the control slip (Mẫu 05)."""

    @transition(
        field="state",
        source=DossierState.RECEIVED,
        target=DossierState.TRANSFERRED,
        permission=receiving_officer,
        custom=custom(_("Chuyển đơn vị có thẩm quyền"), tone="neutral"),
    )
    def transfer_to_competent_unit(self, **details: Any) -> None:
        """A procedure the province declares boundary-free (không phụ thuộc địa giới): the desk
        that received it sends it to the competent unit of the province
        (workflows/services/handover.py checks the procedure and the unit)."""

    # -- the specialist ------------------------------------------------------------------------

    @transition(
        field="state",
        source=DossierState.IN_PROCESSING,
        target=DossierState.TRANSFERRED,
        permission=specialist,
        custom=custom(_("Chuyển liên thông"), form=forms.HandOverForm, tone="neutral"),
    )
    def hand_over(self, **details: Any) -> None:
        """Inter-unit hand-over (liên thông): another department or a higher level takes part."""

    @transition(
        field="state",
        source=DossierState.TRANSFERRED,
        target=DossierState.IN_PROCESSING,
        permission=specialist,
        custom=custom(_("Nhận lại hồ sơ liên thông"), form=forms.NoteForm),
    )
    def take_back(self, **details: Any) -> None:
        """The other unit has done its part; processing resumes here."""

    @transition(
        field="state",
        source=DossierState.IN_PROCESSING,
        target=DossierState.AWAITING_APPROVAL,
        permission=specialist,
        custom=custom(_("Trình lãnh đạo phê duyệt"), form=forms.NoteForm),
    )
    def submit_for_approval(self, **details: Any) -> None:
        """The draft result goes to the leader."""

    # -- the leader ----------------------------------------------------------------------------

    @transition(
        field="state",
        source=DossierState.AWAITING_APPROVAL,
        target=DossierState.RESULT_READY,
        permission=leader,
        custom=custom(_("Phê duyệt, ký kết quả"), form=forms.ApprovalForm),
    )
    def approve(self, **details: Any) -> None:
        """Signed, with the leader's opinion: the result is ready to return."""

    @transition(
        field="state",
        source=DossierState.AWAITING_APPROVAL,
        target=DossierState.IN_PROCESSING,
        permission=leader,
        custom=custom(_("Trả lại chuyên viên"), form=forms.ReasonForm, tone="neutral"),
    )
    def send_back(self, **details: Any) -> None:
        """Not approved as drafted: back to the specialist with the reason."""

    @transition(
        field="state",
        source=AFTER_RECEPTION_BEFORE_RESULT,
        target=DossierState.REFUSED,
        permission=leader,
        custom=custom(_("Từ chối giải quyết"), form=forms.ReasonForm, tone="danger"),
    )
    def refuse(self, **details: Any) -> None:
        """The unit refuses with reasons at any stage after reception."""

    @transition(
        field="state",
        source=AFTER_RECEPTION_BEFORE_RESULT,
        target=DossierState.STOPPED,
        permission=leader,
        custom=custom(_("Dừng giải quyết hồ sơ"), form=forms.StopForm, tone="danger"),
    )
    def stop_processing(self, **details: Any) -> None:
        """Processing cannot go on (a dispute, a court case, the law changed): the unit stops it
        with a notice (Mẫu 05, national status 8). A refusal (Mẫu 03) judges the dossier; a
        stop does not."""

    # -- the returning officer -----------------------------------------------------------------

    @transition(
        field="state",
        source=DossierState.RESULT_READY,
        target=DossierState.RETURNED,
        permission=returning_officer,
        custom=custom(_("Trả kết quả"), form=forms.ReturnResultForm),
    )
    def return_result(self, **details: Any) -> None:
        """Handed over at the desk (to whom, originals compared), posted (tracking number), or
        sent online (the electronic result on file): workflows.services.results.return_check."""
