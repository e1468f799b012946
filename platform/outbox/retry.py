"""When a failed message is tried again: a doubling delay with a cap, as pure functions.

>>> retry_delay(attempt=1, base=30, cap=3600)   # after the first failure
30
>>> retry_delay(attempt=4, base=30, cap=3600)
240
>>> retry_delay(attempt=12, base=30, cap=3600)  # never more than the cap
3600
>>> gives_up(attempt=8, max_attempts=8), gives_up(attempt=7, max_attempts=8)
(True, False)
"""

from __future__ import annotations


def retry_delay(*, attempt: int, base: int, cap: int) -> int:
    """Seconds to wait after failed attempt number `attempt` (1 = the first)."""
    return int(min(cap, base * 2 ** max(0, attempt - 1)))


def gives_up(*, attempt: int, max_attempts: int) -> bool:
    """Whether attempt number `attempt` failing was the last one allowed."""
    return attempt >= max_attempts
