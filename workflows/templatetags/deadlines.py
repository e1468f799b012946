"""`{% dossier_deadlines dossier %}`: the dossier's steps (early / on time / late) and its
deadline marks (chậm tiếp nhận, quá hạn, chuyển lãnh đạo), for the desk page."""

from __future__ import annotations

from typing import Any

from django import template

from ..deadlines.selectors import dossier_steps
from ..models import DossierDeadline

register = template.Library()


@register.inclusion_tag("workflows/_deadline_steps.html")
def dossier_deadlines(dossier: Any) -> dict[str, Any]:
    return {
        "steps": dossier_steps(dossier),
        "marks": DossierDeadline.objects.filter(dossier=dossier).first(),
    }
