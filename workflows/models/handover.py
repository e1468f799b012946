"""Inter-unit hand-over (liên thông) and the province's boundary-free procedures.

A hand-over is recorded on both sides, each row in its own locality's schema:

- in the origin's schema, `HandOver(direction=OUT)` on the origin dossier names the unit it went
  to and the child dossier created there (`other_locality`, `other_reference`, `other_code`);
- in the other unit's schema, `HandOver(direction=IN)` on the child dossier names the origin.

A child is the other unit's working copy: its officers process it in their own desk; only the
origin is reported nationally and counted in statistics (the national index flags the child,
`DossierIndexEntry.handed_over_from`). When the other unit sends its result back, both rows get
the outcome. Written only by workflows/services/handover.py.

`BoundaryFreeProcedure` lives in a province's schema: the procedures that province declares "không
phụ thuộc địa giới hành chính" (any desk of the province may receive them and transfer them to
the competent unit).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class HandOverDirection(models.TextChoices):
    OUT = "out", _("Chuyển đi")
    IN = "in", _("Nhận đến")


class HandOverKind(models.TextChoices):
    STANDARD = "standard", _("Liên thông giải quyết")
    BOUNDARY_FREE = "boundary_free", _("Chuyển đơn vị có thẩm quyền (không phụ thuộc địa giới)")


class HandOverOutcome(models.TextChoices):
    RESULT = "result", _("Đã có kết quả")
    REFUSED = "refused", _("Từ chối giải quyết")


class HandOver(models.Model):
    """One hand-over of one dossier, as seen from this locality (see the module docstring)."""

    dossier = models.ForeignKey(
        "workflows.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="handovers",
    )
    direction = models.CharField(_("chiều"), max_length=3, choices=HandOverDirection.choices)
    kind = models.CharField(
        _("loại"), max_length=20, choices=HandOverKind.choices, default=HandOverKind.STANDARD
    )
    #: The unit on the other side (public schema, like the applicant's account). DO_NOTHING:
    #: Django's deletion of a locality runs in the public schema, where this table does not
    #: exist, so it must not look for rows here; the database's own foreign key still refuses
    #: to delete a unit that a hand-over names.
    other_locality = models.ForeignKey(
        "tenants.Locality",
        verbose_name=_("đơn vị bên kia"),
        on_delete=models.DO_NOTHING,
        related_name="+",
    )
    #: The dossier on the other side, in `other_locality`'s schema.
    other_reference = models.UUIDField(_("mã tham chiếu hồ sơ bên kia"))
    other_code = models.CharField(_("mã hồ sơ bên kia"), max_length=40, blank=True)
    note = models.TextField(_("nội dung đề nghị phối hợp"), blank=True)
    sent_at = models.DateTimeField(_("chuyển lúc"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chuyển"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_by_name = models.CharField(_("tên người chuyển"), max_length=200, blank=True)
    outcome = models.CharField(
        _("kết quả liên thông"), max_length=10, choices=HandOverOutcome.choices, blank=True
    )
    outcome_note = models.TextField(_("ghi chú kết quả"), blank=True)
    returned_at = models.DateTimeField(_("trả về lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ liên thông")
        verbose_name_plural = _("hồ sơ liên thông")
        ordering = ["sent_at", "pk"]
        constraints = [
            # A child has one origin.
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(direction="in"),
                name="handover_one_origin_per_child",
            ),
            # An origin waits for one unit at a time (its state is "transferred" meanwhile).
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(direction="out", returned_at__isnull=True),
                name="handover_one_open_per_origin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.other_code or self.other_reference}"

    @property
    def is_open(self) -> bool:
        return self.returned_at is None


def origin_link(dossier: Any) -> HandOver | None:
    """The row naming the origin of `dossier` if it is a child (a hand-over copy), else None."""
    if dossier is None or dossier.pk is None:
        return None
    return (
        HandOver.objects.filter(dossier_id=dossier.pk, direction=HandOverDirection.IN)
        .select_related("other_locality")
        .first()
    )


def is_handover_copy(dossier: Any) -> bool:
    """True for a child dossier: not the citizen's, not reported, no e-mail to the applicant."""
    return origin_link(dossier) is not None


class BoundaryFreeProcedure(models.Model):
    """A procedure this province receives at any of its desks (không phụ thuộc địa giới).

    Kept in the province's schema, set by the province's administrators; communes read it
    through `services.handover.is_boundary_free`. Example: `BoundaryFreeProcedure(
    procedure_code="2.000635")` in Hải Phòng's schema lets Xã Tứ Kỳ's desk receive an extract
    copy request and transfer it to the competent unit of Hải Phòng.
    """

    procedure_code = models.CharField(
        _("mã thủ tục"), max_length=30, unique=True, help_text=_("Ví dụ: 2.000635")
    )
    note = models.CharField(_("căn cứ, ghi chú"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thủ tục không phụ thuộc địa giới hành chính")
        verbose_name_plural = _("thủ tục không phụ thuộc địa giới hành chính")
        ordering = ["procedure_code"]

    def __str__(self) -> str:
        return self.procedure_code
