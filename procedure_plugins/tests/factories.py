"""Plugin classes made on the fly for registry and check tests."""

from __future__ import annotations

import itertools
from typing import Any

from django.db import models
from django_fsm import transition

from procedure_plugins.choices import ApplicantType, OnlineLevel
from procedure_plugins.contract import (
    Fixed,
    LegalDocument,
    ProcedurePlugin,
    RequiredDocument,
    working_days,
)
from procedure_plugins.schema.fields import form, text
from workflows.models import Dossier
from workflows.states import AFTER_RECEPTION_BEFORE_RESULT, BEFORE_DECISION, DossierState
from workflows.workflow import APPLICANT, custom, is_applicant, leader, specialist

_names = itertools.count(1)

GOOD_SCHEMA = form("Đơn thử", {"ho_ten": text("Họ và tên")}, required=["ho_ten"])


def make_plugin(class_name: str = "", **attributes: Any) -> type[ProcedurePlugin]:
    """A complete, valid plugin class; override any attribute: `make_plugin(schema={...})`."""
    body: dict[str, Any] = {
        "__module__": "tinh_thu.plugin",
        "version": 1,
        "name": "Thủ tục thử nghiệm",
        "field": "Thử nghiệm",
        "agency": "UBND cấp xã",
        "levels": ("commune",),
        "online_level": OnlineLevel.FULL,
        "applicant_types": (ApplicantType.CITIZEN,),
        "processing_time": working_days(5),
        "processing_time_limits": (2, 5),
        "fee": Fixed(amount=50_000, limits=(0, 60_000)),
        "legal_basis": (LegalDocument("1/2025/TT-THU", "Thông tư thử"),),
        "documents": (RequiredDocument(key="don", name="Đơn"),),
        "result": "Văn bản trả lời.",
        "schema": GOOD_SCHEMA,
        "workflow": Dossier,
        "source": "Viết cho kiểm thử.",
    }
    body.update(attributes)
    # A complete plugin names the national status of every state its workflow adds.
    extra = getattr(body["workflow"], "EXTRA_STATES", None)
    if "national_status_codes" not in attributes and extra is not None:
        body["national_status_codes"] = dict.fromkeys(extra.values, 4)
    return type(class_name or f"TestPlugin{next(_names)}", (ProcedurePlugin,), body)


class ArchiveState(models.TextChoices):
    ARCHIVED = "archived", "Lưu kho (không bao giờ kết thúc)"


class OrphanState(models.TextChoices):
    ORPHAN = "orphan", "Trạng thái không tới được"


class TrapDossier(Dossier):
    """A workflow with a reachable state from which no end state can be reached."""

    EXTRA_STATES = ArchiveState

    class Meta:
        proxy = True
        app_label = "procedure_workflows"

    @transition(
        field="state",
        source=DossierState.IN_PROCESSING,
        target=ArchiveState.ARCHIVED,
        permission=specialist,
    )
    def archive(self, **details: Any) -> None:
        """Goes nowhere afterwards."""


class UnreachableDossier(Dossier):
    """A workflow that declares a state no transition leads to."""

    EXTRA_STATES = OrphanState

    class Meta:
        proxy = True
        app_label = "procedure_workflows"

    @transition(field="state", source=OrphanState.ORPHAN, target=DossierState.RETURNED)
    def leave_orphan(self, **details: Any) -> None:
        """Starts from a state nothing reaches."""


class MisnamedStateDossier(Dossier):
    """A transition into an undeclared state whose name reads like another fault's message."""

    class Meta:
        proxy = True
        app_label = "procedure_workflows"

    @transition(field="state", source=DossierState.SUBMITTED, target="unreachable_end_state")
    def archive(self, **details: Any) -> None:
        """Leads to a state the workflow never declared."""


class EndlessDossier(Dossier):
    """A workflow with no end state at all."""

    class Meta:
        proxy = True
        app_label = "procedure_workflows"

    @classmethod
    def end_states(cls) -> frozenset[str]:
        return frozenset()


class ReviewState(models.TextChoices):
    LEGAL_REVIEW = "legal_review", "Đang thẩm định pháp lý"


class ReviewedDossier(Dossier):
    """Version 2 of a test procedure adds a legal review before approval."""

    EXTRA_STATES = ReviewState

    class Meta:
        proxy = True
        app_label = "procedure_workflows"

    @transition(
        field="state",
        source=DossierState.IN_PROCESSING,
        target=ReviewState.LEGAL_REVIEW,
        permission=specialist,
        custom={"label": "Thẩm định pháp lý"},
    )
    def start_legal_review(self, **details: Any) -> None:
        """Sent to the legal department."""

    @transition(
        field="state",
        source=ReviewState.LEGAL_REVIEW,
        target=DossierState.IN_PROCESSING,
        permission=specialist,
        custom={"label": "Xong thẩm định"},
    )
    def finish_legal_review(self, **details: Any) -> None:
        """Back to the specialist."""

    @transition(
        field="state",
        source=[*BEFORE_DECISION, ReviewState.LEGAL_REVIEW],
        target=DossierState.WITHDRAWN,
        permission=is_applicant,
        custom=custom("Rút hồ sơ", actor=APPLICANT),
    )
    def withdraw(self, **details: Any) -> None:
        """The citizen may withdraw during the review too."""

    @transition(
        field="state",
        source=[*AFTER_RECEPTION_BEFORE_RESULT, ReviewState.LEGAL_REVIEW],
        target=DossierState.REFUSED,
        permission=leader,
        custom=custom("Từ chối giải quyết"),
    )
    def refuse(self, **details: Any) -> None:
        """The unit may refuse during the review too."""


class VerificationState(models.TextChoices):
    POLICE_VERIFICATION = "police_verification", "Đang xác minh với công an"


class NoWayOutDossier(Dossier):
    """A state added without adding it to `withdraw` and `refuse`: the citizen and the unit are
    stuck with the dossier until the verification ends."""

    EXTRA_STATES = VerificationState

    class Meta:
        proxy = True
        app_label = "procedure_workflows"

    @transition(
        field="state",
        source=DossierState.IN_PROCESSING,
        target=VerificationState.POLICE_VERIFICATION,
        permission=specialist,
    )
    def ask_police(self, **details: Any) -> None:
        """Sent to the police for verification."""

    @transition(
        field="state",
        source=VerificationState.POLICE_VERIFICATION,
        target=DossierState.IN_PROCESSING,
        permission=specialist,
    )
    def police_answered(self, **details: Any) -> None:
        """Back to the specialist."""
