"""What the worker processes of provisioning and of migrate_localities have in common."""

from __future__ import annotations

import signal


def die_with_parent() -> None:
    """Linux: get SIGKILL when the parent dies, so a killed run leaves no worker behind (the
    server then rolls the worker's open transaction back)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
