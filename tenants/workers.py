"""What the worker processes of provisioning and of migrate_localities have in common."""

from __future__ import annotations

import ctypes
import signal

from django.db import connections


def die_with_parent() -> None:
    """Linux: get SIGKILL when the parent dies, so a killed run leaves no worker behind (the
    server then rolls the worker's open transaction back)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


#: Connections a forked worker inherited from its parent: kept referenced and never used, so that
#: neither Django nor the garbage collector closes them (closing sends PostgreSQL a Terminate
#: message on the parent's own socket, and the parent's session is lost).
_inherited_connections: list = []


def forget_inherited_connections() -> None:
    """In a forked worker: let Django open its own connections instead of the parent's.

    The parent closes its connections before it forks, but a connection it holds inside an
    atomic block (a test's transaction) is not really closed, and a pool may fork a worker later,
    after the parent has queried again. Sharing one socket between two processes corrupts it.
    """

    for wrapper in connections.all(initialized_only=True):
        if wrapper.connection is not None:
            _inherited_connections.append(wrapper.connection)
            wrapper.connection = None
        wrapper.in_atomic_block = False
        wrapper.savepoint_ids = []
        wrapper.atomic_blocks = []
        wrapper.needs_rollback = False
        wrapper.closed_in_transaction = False
