"""The dossier (hồ sơ): one citizen's request under one procedure, in its locality's schema.

This is the base row every procedure shares; its lifecycle is in workflows/workflow.py. A dossier
is pinned to the plugin version it was submitted under (`plugin_version`), so upgrading a plugin
never changes the form or the workflow of a dossier already in flight: `dossier.plugin` and
`dossier.as_workflow()` always resolve that version.

The dossier feature adds attachments, codes, dates, delivery and history beside it (related
models and new columns), so this model keeps only what the plugin layer needs.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from procedure_plugins.registry import register

from ..workflow import DossierLifecycle
from .record import DossierRecord


class Dossier(DossierLifecycle, DossierRecord):
    procedure_code = models.CharField(
        _("mã thủ tục"), max_length=30, db_index=True, help_text=_("Ví dụ: 1.001193")
    )
    plugin_version = models.PositiveIntegerField(_("phiên bản thủ tục"))
    # The national account lives in the public schema; the dossier row in the locality's
    # schema. No reverse accessor: "dossiers of a user" is a per-locality query (selectors).
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    answers = models.JSONField(_("nội dung tờ khai"), default=dict, blank=True)
    # What a plugin's own transitions record (e.g. the findings of a field inspection).
    workflow_data = models.JSONField(_("dữ liệu quy trình"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["applicant", "state"], name="dossier_applicant_state"),
            models.Index(fields=["procedure_code", "state"], name="dossier_procedure_state"),
        ]

    def __str__(self) -> str:
        return f"{self.procedure_code} #{self.pk} ({self.get_state_label()})"

    # -- the plugin this dossier is pinned to --------------------------------------------------

    @property
    def plugin(self) -> Any:
        """The procedure plugin at the version this dossier was submitted under."""

        return register.get(self.procedure_code, self.plugin_version)

    def workflow_state_labels(self) -> dict[str, str]:
        """Every state's label in this dossier's own workflow: its procedure at its pinned
        version, a plugin's own states included (a plain `Dossier` row of a land-change dossier
        reads "Đang kiểm tra, đo đạc thực địa" for `field_inspection`). The base lifecycle's
        labels when the plugin is no longer installed."""
        try:
            return self.plugin.workflow.state_labels()
        except KeyError:
            return self.state_labels()

    def get_state_label(self) -> str:
        """What a person reads for the state, on every page, list, e-mail and index. A state no
        installed workflow knows reads "Đang giải quyết", never as its code."""
        return self.workflow_state_labels().get(self.state) or str(_("Đang giải quyết"))

    def as_workflow(self) -> Dossier:
        """This dossier as an instance of its plugin's workflow class (a proxy of Dossier).

        Transitions that the plugin adds exist only on that class. The returned object shares
        nothing mutable with `self` except the field values copied at this point.
        """
        workflow_class = self.plugin.workflow
        if type(self) is workflow_class:
            return self
        clone = workflow_class.__new__(workflow_class)
        clone.__dict__.update(self.__dict__)
        return clone
