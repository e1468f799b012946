"""Template helpers for account pages and the header's account area.

`{% form_field form.email %}` renders one field accessibly: a label bound to the input, the help
text and the errors each with an id the input names in `aria-describedby`, and `aria-invalid`
when the field has an error.
"""

from __future__ import annotations

from django import forms, template

from staff import selectors as staff_selectors
from staff.roles import Role
from tenants.context import current_locality, on_national_root

register = template.Library()


@register.inclusion_tag("identity/_field.html")
def form_field(field):
    ids = []
    help_id = f"{field.auto_id}_help" if field.help_text else ""
    errors_id = f"{field.auto_id}_errors" if field.errors else ""
    if errors_id:
        ids.append(errors_id)
    if help_id:
        ids.append(help_id)
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required:
        attrs["aria-required"] = "true"
    widget = field.field.widget
    return {
        "field": field,
        "widget_html": field.as_widget(attrs=attrs),
        "help_id": help_id,
        "errors_id": errors_id,
        "is_checkbox": isinstance(widget, forms.CheckboxInput),
    }


@register.inclusion_tag("identity/_form_errors.html")
def form_errors(form):
    """A summary when anything is wrong (announced to screen readers), with the errors that
    belong to no single field; field errors stay next to their fields."""
    field_errors = [
        (form[name].label, form[name].id_for_label) for name in form.errors if name in form.fields
    ]
    return {"errors": form.non_field_errors(), "field_errors": field_errors}


@register.inclusion_tag("identity/account_nav.html", takes_context=True)
def account_nav(context):
    """Who is logged in, on which locality's portal, with which roles here; or login links."""

    request = context.get("request")
    user = context.get("user")
    locality = context.get("locality")
    roles: list[str] = []
    can_manage_staff = can_manage_localities = False
    if user is not None and user.is_authenticated:
        here = current_locality()
        roles = [str(Role(role).label) for role in staff_selectors.user_roles(user)] if here else []
        can_manage_staff = here is not None and staff_selectors.can_manage_staff(user)
        can_manage_localities = (
            staff_selectors.managed_localities(user, here) is not None
            if here is None or here.level == "province"
            else False
        )
    return {
        "request": request,
        "user": user,
        "locality": locality,
        "is_national": on_national_root(),
        "roles": roles,
        "is_platform_admin": staff_selectors.is_platform_admin(user) if user else False,
        "can_manage_staff": can_manage_staff,
        "can_manage_localities": can_manage_localities,
        "has_admin_access": bool(
            user is not None
            and user.is_authenticated
            and not on_national_root()
            and user.has_perm("wagtailadmin.access_admin")
        ),
    }
