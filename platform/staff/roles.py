"""The staff roles of a locality, each a `auth.Group` in that locality's schema.

Because groups and memberships are per schema (see identity/models.py), "officer of Xã Tứ Kỳ"
is simply membership of the group `receiving_officer` inside Tứ Kỳ's schema, and it grants
nothing in any other locality. Role groups are created by `staff`'s data migration, so every
locality schema (and the template it is cloned from) has them.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RECEIVING_OFFICER = "receiving_officer", _("Cán bộ tiếp nhận")
    SPECIALIST = "specialist", _("Chuyên viên xử lý")
    LEADER = "leader", _("Lãnh đạo")
    RETURNING_OFFICER = "returning_officer", _("Cán bộ trả kết quả")
    EDITOR = "editor", _("Biên tập viên")
    LOCALITY_ADMIN = "locality_admin", _("Quản trị đơn vị")


def role_group(role: Role | str):
    """The group for a role in the current schema (created if a migration has not yet)."""

    group, _created = Group.objects.get_or_create(name=str(role))
    return group


#: Roles a locality administrator may give in their own locality. The locality administrator
#: role itself is given by a provincial or platform administrator (see staff/services.py).
LOCALITY_APPOINTABLE_ROLES = [role for role in Role if role != Role.LOCALITY_ADMIN]

#: Django/Wagtail permissions each role group carries in every locality schema. The editor gets
#: into the locality's Wagtail admin and may edit and publish pages (on the tree root, so every
#: page the CMS creates below it) and upload images and documents (root collection). Dossier
#: permissions come from the workflows app and guardian, not from here.
ROLE_MODEL_PERMISSIONS: dict[str, list[tuple[str, str, str]]] = {
    # (app_label, model, codename)
    Role.EDITOR: [("wagtailadmin", "admin", "access_admin")],
}
ROLE_PAGE_PERMISSIONS: dict[str, list[str]] = {
    Role.EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
ROLE_COLLECTION_PERMISSIONS: dict[str, list[tuple[str, str, str]]] = {
    Role.EDITOR: [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
}
