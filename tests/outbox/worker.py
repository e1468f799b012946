"""The portal's own Celery app switched to send through the session's Redis for a block (the
worker process itself: tests/support.py `celery_worker`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tests.support import celery_worker, worker_output

__all__ = ["celery_worker", "sending_through", "worker_output"]


@contextmanager
def sending_through(redis_url: str) -> Iterator[None]:
    """Tasks sent by this process (after a commit, by the sweeper) go to Redis, not in-process."""
    from portal.celery import app

    saved = app.conf.broker_url, app.conf.task_always_eager

    def forget_connections() -> None:
        # Not closed: kombu keeps one pool per broker URL for the process and would hand the
        # closed one back to the next block.
        app._pool = None
        app.amqp._producer_pool = None

    forget_connections()
    app.conf.broker_url, app.conf.task_always_eager = redis_url, False
    try:
        yield
    finally:
        forget_connections()
        app.conf.broker_url, app.conf.task_always_eager = saved
