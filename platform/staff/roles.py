"""The staff roles of a locality, each a `auth.Group` in that locality's schema.

Because groups and memberships are per schema (see identity/models.py), "officer of Xã Tứ Kỳ"
is simply membership of the group `receiving_officer` inside Tứ Kỳ's schema, and it grants
nothing in any other locality. Role groups are created by `staff`'s data migration, so every
locality schema (and the template it is cloned from) has them.
"""

from __future__ import annotations

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
    from django.contrib.auth.models import Group

    group, _created = Group.objects.get_or_create(name=str(role))
    return group
