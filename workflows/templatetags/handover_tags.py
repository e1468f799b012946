"""`{% handover_panel dossier %}` on the desk page: where the dossier came from or went, and the
hand-over actions this officer may take now (the service's own check functions decide)."""

from __future__ import annotations

from typing import Any

from django import template

from ..handover_selectors import handovers_of
from ..models.handover import origin_link
from ..services.handover import may_hand_over, may_return_to_origin

register = template.Library()


@register.inclusion_tag("workflows/handover/_panel.html", takes_context=True)
def handover_panel(context: Any, dossier: Any) -> dict:
    user = context["request"].user
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "dossier": dossier,
        "origin": origin_link(dossier),
        "links": handovers_of(dossier=dossier),
        "may_hand_over": may_hand_over(dossier=dossier, actor=user),
        "may_return": may_return_to_origin(dossier=dossier, actor=user),
    }
