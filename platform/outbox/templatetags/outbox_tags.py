"""`{% unread_notifications %}`: the header's link to the person's notifications, with the
number not yet read in this locality (nothing on the national root or for a visitor)."""

from django import template

from tenants.context import current_locality

from ..selectors import unread_count

register = template.Library()


@register.inclusion_tag("outbox/_unread.html", takes_context=True)
def unread_notifications(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or current_locality() is None:
        return {"show": False}
    return {"show": True, "count": unread_count(user=user)}
