"""`manage.py check` fails if the slip registry or a template it names is broken."""

from __future__ import annotations

from django.core import checks

from .registry import SLIPS_ROOT, RegistryError, SlipRegistry


@checks.register()
def slip_registry_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return registry_problems(SLIPS_ROOT)


def registry_problems(root) -> list[checks.CheckMessage]:
    try:
        SlipRegistry.from_directory(root)
    except RegistryError as error:
        return [checks.Error(str(error), id="documents.E001", obj=str(root))]
    return []
