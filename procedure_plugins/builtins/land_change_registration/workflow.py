"""Land-change registration: the standard lifecycle plus a field inspection (kiểm tra, đo đạc
thực địa) by the land registration office when the change touches the parcel on the ground.

A change of area or boundaries cannot be sent for approval before the inspection's findings are
recorded (condition `field_inspection_done_or_not_needed`); the citizen may still withdraw, and the
unit refuse, while the inspection is under way.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from workflows.models import Dossier
from workflows.states import AFTER_RECEPTION_BEFORE_RESULT, BEFORE_DECISION, DossierState
from workflows.workflow import APPLICANT, custom, is_applicant, leader, specialist
from workflows.workflow_forms import ReasonForm, StopForm, WithdrawForm


class LandChangeState(models.TextChoices):
    FIELD_INSPECTION = "field_inspection", _("Đang kiểm tra, đo đạc thực địa")


#: Kinds of change that alter the parcel on the ground (see schema.CHANGE_KINDS).
CHANGES_ON_THE_GROUND = ("thay_doi_dien_tich", "tach_hop_thua")


def field_inspection_needed(dossier: Any) -> bool:
    return dossier.answers.get("loai_bien_dong") in CHANGES_ON_THE_GROUND


def field_inspection_done_or_not_needed(dossier: Any) -> bool:
    """Pure: the findings are recorded, or the change does not need an inspection."""
    return not field_inspection_needed(dossier) or "field_inspection" in dossier.workflow_data


class FieldInspectionScheduleForm(forms.Form):
    scheduled_for = forms.DateField(
        label=_("Ngày kiểm tra, đo đạc thực địa"),
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "required": _("Vui lòng nhập ngày kiểm tra."),
            "invalid": _("Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy."),
        },
    )
    note = forms.CharField(
        label=_("Nội dung thông báo cho người sử dụng đất"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FieldInspectionReportForm(forms.Form):
    findings = forms.CharField(
        label=_("Kết quả kiểm tra, đo đạc"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Vui lòng ghi kết quả kiểm tra, đo đạc.")},
    )


ON_THE_GROUND = LandChangeState.FIELD_INSPECTION


class LandChangeDossier(Dossier):
    EXTRA_STATES = LandChangeState

    class Meta:
        proxy = True
        app_label = "procedure_workflows"
        verbose_name = "hồ sơ đăng ký biến động đất đai"

    @transition(
        field="state",
        source=DossierState.IN_PROCESSING,
        target=ON_THE_GROUND,
        conditions=[field_inspection_needed],
        permission=specialist,
        custom=custom(
            _("Kiểm tra, đo đạc thực địa"), form=FieldInspectionScheduleForm, tone="neutral"
        ),
    )
    def schedule_field_inspection(self, **details: Any) -> None:
        """The office goes to the parcel; the land user is told the date."""

    @transition(
        field="state",
        source=ON_THE_GROUND,
        target=DossierState.IN_PROCESSING,
        permission=specialist,
        custom=custom(_("Ghi kết quả kiểm tra thực địa"), form=FieldInspectionReportForm),
    )
    def record_field_inspection(self, *, findings: str = "", **details: Any) -> None:
        self.workflow_data = {**self.workflow_data, "field_inspection": {"findings": findings}}

    @transition(
        field="state",
        source=DossierState.IN_PROCESSING,
        target=DossierState.AWAITING_APPROVAL,
        conditions=[field_inspection_done_or_not_needed],
        permission=specialist,
        custom=custom(_("Trình lãnh đạo phê duyệt")),
    )
    def submit_for_approval(self, **details: Any) -> None:
        """Only once the inspection's findings are on file when the parcel changed."""

    @transition(
        field="state",
        source=[*BEFORE_DECISION, ON_THE_GROUND],
        target=DossierState.WITHDRAWN,
        permission=is_applicant,
        custom=custom(_("Rút hồ sơ"), actor=APPLICANT, form=WithdrawForm, tone="danger"),
    )
    def withdraw(self, **details: Any) -> None:
        """The citizen withdraws before a decision, inspection included."""

    @transition(
        field="state",
        source=[*AFTER_RECEPTION_BEFORE_RESULT, ON_THE_GROUND],
        target=DossierState.REFUSED,
        permission=leader,
        custom=custom(_("Từ chối giải quyết"), form=ReasonForm, tone="danger"),
    )
    def refuse(self, **details: Any) -> None:
        """Refused with reasons at any stage after reception, inspection included."""

    @transition(
        field="state",
        source=[*AFTER_RECEPTION_BEFORE_RESULT, ON_THE_GROUND],
        target=DossierState.STOPPED,
        permission=leader,
        custom=custom(_("Dừng giải quyết hồ sơ"), form=StopForm, tone="danger"),
    )
    def stop_processing(self, **details: Any) -> None:
        """Stopped with a notice (Mẫu 05) at any stage after reception, inspection included."""
