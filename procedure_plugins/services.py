"""Writes of the service catalogue: provincial IT enables procedures and sets local values.

Every refusal is a `ValidationError` whose message names the procedure (code and name) and the
limit or rule it breaks, so the person at the keyboard knows what to change.

Who may act is decided here too, once (`offering_enable_check`, `offering_adjust_check`): the
management page, its template and these services ask the same functions. `actor=None` is the
operator at the shell (management commands, demo seeding), who may do everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from staff import selectors as staff_selectors
from staff.roles import Role
from tenants import page_cache
from tenants.choices import Level
from tenants.models import Locality
from workflows.deadlines.shares import DEFAULT_STEP_SHARES, Step, share_problems

from .contract import ProcedurePlugin, ProcessingKind, format_vnd
from .models import ProcedureOffering
from .registry import Registry, register


def offering_enable_check(*, actor: Any, locality: Locality) -> None:
    """Switching procedures on and off is provincial IT's: platform administrators and the
    administrators of the province the locality belongs to (or is). Raises PermissionDenied."""
    if actor is None or staff_selectors.is_platform_admin(actor):
        return
    if staff_selectors.is_provincial_admin_for(actor, locality):
        return
    raise PermissionDenied(_("Chỉ quản trị cấp tỉnh mới bật, tắt thủ tục."))


def offering_adjust_check(*, actor: Any, locality: Locality) -> None:
    """Local processing time, fee and agency name: provincial IT, or the locality's own
    administrator. Raises PermissionDenied."""
    try:
        offering_enable_check(actor=actor, locality=locality)
    except PermissionDenied:
        if Role.LOCALITY_ADMIN not in staff_selectors.user_roles_in(actor, locality):
            raise PermissionDenied(
                _("Trang này dành cho quản trị đơn vị và quản trị cấp tỉnh.")
            ) from None


def may_enable_offerings(*, actor: Any, locality: Locality) -> bool:
    try:
        offering_enable_check(actor=actor, locality=locality)
    except PermissionDenied:
        return False
    return True


def may_adjust_offerings(*, actor: Any, locality: Locality) -> bool:
    try:
        offering_adjust_check(actor=actor, locality=locality)
    except PermissionDenied:
        return False
    return True


def _plugin(code: str, registry: Registry | None) -> type[ProcedurePlugin]:
    registry = registry if registry is not None else register
    try:
        return registry.get(code)
    except KeyError:
        raise ValidationError(
            _("Thủ tục %(code)s chưa được cài đặt hoặc đang lỗi nên không thể cung cấp.")
            % {"code": code},
            code="unknown_procedure",
        ) from None


def _named(plugin: type[ProcedurePlugin]) -> str:
    return f"{plugin.code} ({plugin.name})"


def _check_level(plugin: type[ProcedurePlugin], locality: Locality) -> None:
    if locality.level not in plugin.levels:
        levels = ", ".join(str(Level(level).label) for level in plugin.levels)
        raise ValidationError(
            _("Thủ tục %(plugin)s do cấp %(levels)s thực hiện, không cung cấp được tại %(unit)s.")
            % {"plugin": _named(plugin), "levels": levels, "unit": locality.name},
            code="wrong_level",
        )


@transaction.atomic
def offering_enable(
    *, locality: Locality, code: str, actor: Any = None, registry: Registry | None = None
) -> ProcedureOffering:
    """Offer procedure `code` on `locality`'s portal (again, if it was switched off)."""
    offering_enable_check(actor=actor, locality=locality)
    plugin = _plugin(code, registry)
    _check_level(plugin, locality)
    with schema_context("public"):
        offering, created = ProcedureOffering.objects.get_or_create(
            locality=locality, procedure_code=code
        )
        if not created and not offering.is_active:
            offering.is_active = True
            offering.save(update_fields=["is_active", "updated_at"])
    return offering


@transaction.atomic
def offerings_enable_for_level(
    *,
    province: Locality,
    level: str,
    code: str,
    actor: Any = None,
    registry: Registry | None = None,
) -> list[ProcedureOffering]:
    """Offer `code` on every active locality of `level` in `province` (the province itself when
    `level` is "province"). Returns the offerings, new or existing."""
    offering_enable_check(actor=actor, locality=province)
    plugin = _plugin(code, registry)
    if province.level != Level.PROVINCE:
        raise ValidationError(
            _("%(unit)s không phải là tỉnh, thành phố.") % {"unit": province.name},
            code="not_a_province",
        )
    if level not in plugin.levels:
        _check_level(plugin, Locality(level=level, name=str(Level(level).label)))
    with schema_context("public"):
        if level == Level.PROVINCE:
            units = [province]
        else:
            units = list(Locality.objects.filter(parent=province, level=level, is_active=True))
        return [
            offering_enable(locality=unit, code=code, actor=actor, registry=registry)
            for unit in units
        ]


@transaction.atomic
def offering_disable(*, locality: Locality, code: str, actor: Any = None) -> None:
    """Stop offering `code` on `locality` (dossiers already submitted are not touched)."""
    offering_enable_check(actor=actor, locality=locality)
    with schema_context("public"):
        ProcedureOffering.objects.filter(locality=locality, procedure_code=code).update(
            is_active=False
        )
    page_cache.changed(locality.schema_name)  # an update() sends no post_save


@transaction.atomic
def offering_set_local_values(
    *,
    offering: ProcedureOffering,
    processing_time_amount: int | None = None,
    fee_amount: int | None = None,
    agency_name: str | None = None,
    actor: Any = None,
    registry: Registry | None = None,
) -> ProcedureOffering:
    """Set a locality's own processing time and fee, within the plugin's declared limits.

    None leaves the national value (clears a previous local value).
    """
    offering_adjust_check(actor=actor, locality=offering.locality)
    plugin = _plugin(offering.procedure_code, registry)
    errors: dict[str, list[str]] = {}
    if processing_time_amount is not None:
        limits = plugin.processing_time_limits
        unit = ProcessingKind(plugin.processing_time.kind).label
        if limits is None:
            errors["processing_time_amount"] = [
                _(
                    "Thủ tục %(plugin)s: thời hạn giải quyết do pháp luật quy định "
                    "(%(time)s), địa phương không được điều chỉnh."
                )
                % {"plugin": _named(plugin), "time": str(plugin.processing_time)}
            ]
        elif not limits[0] <= processing_time_amount <= limits[1]:
            errors["processing_time_amount"] = [
                _(
                    "Thủ tục %(plugin)s: thời hạn giải quyết phải từ %(low)s đến %(high)s "
                    "%(unit)s (giới hạn của thủ tục); đã nhập %(value)s."
                )
                % {
                    "plugin": _named(plugin),
                    "low": limits[0],
                    "high": limits[1],
                    "unit": unit,
                    "value": processing_time_amount,
                }
            ]
    if fee_amount is not None:
        limits = plugin.fee.limits
        if limits is None or plugin.fee.base_amount is None:
            errors["fee_amount"] = [
                _(
                    "Thủ tục %(plugin)s: phí, lệ phí do pháp luật quy định (%(fee)s), địa "
                    "phương không được điều chỉnh."
                )
                % {"plugin": _named(plugin), "fee": plugin.fee.describe()}
            ]
        elif not limits[0] <= fee_amount <= limits[1]:
            errors["fee_amount"] = [
                _(
                    "Thủ tục %(plugin)s: mức thu phải từ %(low)s đến %(high)s (giới hạn của "
                    "thủ tục); đã nhập %(value)s."
                )
                % {
                    "plugin": _named(plugin),
                    "low": format_vnd(limits[0]),
                    "high": format_vnd(limits[1]),
                    "value": format_vnd(fee_amount),
                }
            ]
    if errors:
        raise ValidationError(errors)
    offering.processing_time_amount = processing_time_amount
    offering.fee_amount = fee_amount
    if agency_name is not None:
        offering.agency_name = agency_name.strip()[:200]
    with schema_context("public"):
        offering.save(
            update_fields=["processing_time_amount", "fee_amount", "agency_name", "updated_at"]
        )
    return offering


def _percent(value: Any) -> str:
    return f"{value}%" if isinstance(value, int) else "—"


@transaction.atomic
def offering_set_step_shares(
    *,
    offering: ProcedureOffering,
    shares: Mapping[str, Any] | None,
    actor: Any = None,
    registry: Registry | None = None,
) -> ProcedureOffering:
    """Set the locality's own share of the legal time for each desk step (percent, adding up to
    100), each within the plugin's `step_shares.limits`; None goes back to the plugin's shares.
    Who may: as for the processing time (`offering_adjust_check`).

    Example: `offering_set_step_shares(offering=o, shares={"receive": 10, "process": 50,
    "approve": 30, "return_result": 10}, actor=admin)`.
    """
    offering_adjust_check(actor=actor, locality=offering.locality)
    plugin = _plugin(offering.procedure_code, registry)
    declared = getattr(plugin, "step_shares", None) or DEFAULT_STEP_SHARES
    saved = None
    if shares is not None:
        if declared.limits is None:
            raise ValidationError(
                {
                    "step_shares": _(
                        "Thủ tục %(plugin)s: tỷ lệ thời hạn từng bước do thủ tục quy định, địa "
                        "phương không được điều chỉnh."
                    )
                    % {"plugin": _named(plugin)}
                }
            )
        low, high = declared.limits
        if share_problems(shares, declared.limits):
            raise ValidationError(
                {
                    "step_shares": _(
                        "Thủ tục %(plugin)s: tỷ lệ mỗi bước (%(steps)s) phải là số nguyên từ "
                        "%(low)s%% đến %(high)s%% và tổng bằng 100%%; đã nhập %(value)s."
                    )
                    % {
                        "plugin": _named(plugin),
                        "steps": ", ".join(str(label) for label in Step.labels),
                        "low": low,
                        "high": high,
                        "value": ", ".join(_percent(shares.get(step)) for step in Step.values),
                    }
                }
            )
        saved = {step: int(shares[step]) for step in Step.values}
    offering.step_shares = saved
    with schema_context("public"):
        offering.save(update_fields=["step_shares", "updated_at"])
    return offering
