"""Administrative procedures as plugins: the contract, the registry and the service catalogue.

`from procedure_plugins import register` gives the portal's registry (see registry.py). It is
imported lazily because this package is imported while Django is still loading its apps.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    if name in {"register", "Registry"}:
        from . import registry  # noqa: PLC0415 - imported while apps load

        return getattr(registry, name)
    raise AttributeError(name)
