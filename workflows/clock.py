"""The one clock of the dossier feature: `workflows.clock.now()`.

Every moment the dossier feature records or computes from (submitted, received, due, finished,
history) is read here, never with `timezone.now()` directly, so that tests can put the whole
request cycle at a chosen moment (the eve of Tết, a make-up Saturday, 15:05 on a same-day
procedure) without patching Django or the standard library::

    from workflows import clock

    with clock.frozen_at(datetime(2026, 2, 16, 9, 0, tzinfo=VIETNAM_TZ)):
        client.post(...)          # the submission happens "on 16/02/2026 at 09:00"

In production nothing sets a frozen moment and `now()` is `django.utils.timezone.now()`. The
frozen moment is process-wide (a plain module attribute, not a context variable) so that worker
threads of a concurrency test see it as well; there is no setting or environment variable that
could freeze a production clock.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

__all__ = ["frozen_at", "now"]

_frozen: datetime.datetime | None = None


def now() -> datetime.datetime:
    """The current moment, timezone-aware (UTC), or the moment a test froze the clock at."""
    return _frozen if _frozen is not None else timezone.now()


@contextmanager
def frozen_at(moment: datetime.datetime) -> Iterator[datetime.datetime]:
    """Tests only: make `now()` return `moment` inside the block (nesting restores the outer)."""
    global _frozen
    if timezone.is_naive(moment):
        raise ValueError("Freeze the clock at a timezone-aware moment")
    previous = _frozen
    _frozen = moment
    try:
        yield moment
    finally:
        _frozen = previous
