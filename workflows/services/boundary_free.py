"""The province's side of a hand-over: which units a dossier may go to, and the procedures the
province declares boundary-free (không phụ thuộc địa giới hành chính).

    province_units(tu_ky)                     # Hải Phòng and its communes, Tứ Kỳ excluded
    target_problem(origin=tu_ky, target=chu_puh)   # "Đơn vị nhận phải thuộc Thành phố Hải Phòng: …"
    is_boundary_free(locality=tu_ky, procedure_code="2.000635")   # read in Hải Phòng's schema

The boundary-free list lives in the province's schema (`BoundaryFreeProcedure`), changed by the
province's administrator or leader on the province's portal; its communes read it there.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tenants.utils import schema_context

from staff.roles import Role
from staff.selectors import user_has_any_role
from tenants.choices import Level
from tenants.context import require_locality
from tenants.models import Locality

from ..models import BoundaryFreeProcedure

NOT_ALLOWED = gettext_lazy("Bạn không có quyền thực hiện thao tác này với hồ sơ.")


# -- the province and its boundary-free procedures ------------------------------------------------


def province_of(locality: Locality) -> Locality | None:
    """The province a unit belongs to (itself for a province); None for the national root."""
    if locality.level == Level.PROVINCE:
        return locality
    chain = locality.ancestors()
    return chain[0] if chain and chain[0].level == Level.PROVINCE else None


def is_boundary_free(*, locality: Locality, procedure_code: str) -> bool:
    """Does `locality`'s province declare the procedure boundary-free? (A read of the
    province's schema: the province sets it for all its desks.)"""
    province = province_of(locality)
    if province is None:
        return False
    with schema_context(province.schema_name):
        return BoundaryFreeProcedure.objects.filter(procedure_code=procedure_code).exists()


BOUNDARY_FREE_ROLES = (Role.LOCALITY_ADMIN, Role.LEADER)


def boundary_free_check(*, actor: Any) -> Locality:
    """The province whose boundary-free list `actor` may change here: its administrator or
    leader, on the province's own portal. PermissionDenied otherwise (a commune's list is its
    province's)."""
    locality = require_locality()
    if not user_has_any_role(actor, BOUNDARY_FREE_ROLES):
        raise PermissionDenied(NOT_ALLOWED)
    if locality.level != Level.PROVINCE:
        raise PermissionDenied(
            _(
                "Danh mục thủ tục không phụ thuộc địa giới hành chính do tỉnh, thành phố công bố "
                "cho mọi đơn vị của tỉnh: thay đổi trên cổng của tỉnh, thành phố."
            )
        )
    return locality


def boundary_free_codes() -> list[str]:
    """The codes this locality's schema declares (a province's list)."""
    return list(BoundaryFreeProcedure.objects.values_list("procedure_code", flat=True))


@transaction.atomic
def boundary_free_replace(*, user: Any, codes: list[str]) -> list[str]:
    """The province's boundary-free procedures become exactly `codes`."""
    boundary_free_check(actor=user)
    BoundaryFreeProcedure.objects.exclude(procedure_code__in=codes).delete()
    for code in codes:
        BoundaryFreeProcedure.objects.get_or_create(procedure_code=code)
    return sorted(codes)


def province_units(locality: Locality) -> QuerySet[Locality]:
    """Every active unit of `locality`'s province on the same administrative map, itself
    excluded: the units a dossier may be handed over to."""
    province = province_of(locality)
    if province is None:
        return Locality.objects.none()
    return (
        Locality.objects.filter(
            Q(pk=province.pk) | Q(parent=province) | Q(parent__parent=province),
            is_active=True,
            dataset=locality.dataset,
        )
        .exclude(pk=locality.pk)
        .order_by("level", "name")
    )


def target_problem(*, origin: Locality, target: Locality | None) -> str | None:
    """Why `target` may not receive a hand-over from `origin` (a message for the field), or None."""
    if target is None or not target.is_active or target.level == Level.NATIONAL:
        return _("Vui lòng chọn đơn vị nhận hồ sơ trong danh sách.")
    if target.pk == origin.pk:
        return _("Không chuyển liên thông cho chính đơn vị mình.")
    if not province_units(origin).filter(pk=target.pk).exists():
        province = province_of(origin)
        return _("Đơn vị nhận phải thuộc %(province)s: %(unit)s thuộc tỉnh, thành phố khác.") % {
            "province": province.name if province else origin.name,
            "unit": target.name,
        }
    return None
