"""The inbox in other pages: the header's link with its counts, and the assign panel of a
dossier's desk page.

    {% load inbox_tags %}{% inbox_link %}          (base.html, every page of a locality portal)
    {% load inbox_tags %}{% assign_panel dossier %}  (desk_detail.html)
"""

from __future__ import annotations

from typing import Any

from django import template

from tenants.context import current_locality

from ..inbox.forms import AssignForm
from ..inbox.query import INBOX_ROLES, Inbox
from ..services import assignment

register = template.Library()


@register.inclusion_tag("workflows/_inbox_link.html", takes_context=True)
def inbox_link(context: dict[str, Any]) -> dict[str, Any]:
    """ "Hồ sơ cần xử lý (12 · 2 quá hạn)" for an officer of this locality; nothing otherwise."""
    user = context.get("user")
    if user is None or not user.is_authenticated or current_locality() is None:
        return {"show": False}
    inbox = Inbox(user=user)
    if not any(str(role) in inbox.roles for role in INBOX_ROLES):
        return {"show": False}
    return {
        "show": True,
        "todo": inbox.count("todo"),
        "deadlines": inbox.deadline_counts("todo"),
    }


@register.inclusion_tag("workflows/_assign_panel.html", takes_context=True)
def assign_panel(context: dict[str, Any], dossier: Any) -> dict[str, Any]:
    """Who holds the dossier, and the assign / reassign form when this officer may use it."""
    user = context.get("user")
    current = assignment.assignment_in_force(dossier=dossier)
    may = assignment.may_assign(dossier=dossier, actor=user)
    form = context.get("assign_form")
    if form is None and may:
        form = AssignForm(
            prefix="assign",
            initial={"state": dossier.state, "current": current.user_id if current else ""},
        )
    return {
        "dossier": dossier,
        "current": current,
        "may_assign": may,
        "assign_form": form,
        "csrf_token": context.get("csrf_token"),
    }
