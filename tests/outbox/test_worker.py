"""The outbox with a real worker through Redis: messages written in a committed transaction are
delivered by the worker; a worker killed mid-run loses nothing (the sweeper re-sends what it left,
after its lease runs out); a mail server refusing for a while is retried with backoff; a change
committed while Redis is down is delivered once it is back. Every
message reaches the SMTP server, and none is delivered twice under two Message-IDs.

These tests commit (the worker is another process): they carry no django_db mark, write in
autocommit and delete their rows at the end.
"""

from __future__ import annotations

import signal
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction
from django_tenants.utils import tenant_context

from outbox.channels import message_id
from outbox.choices import Channel, MessageState
from outbox.models import Message
from outbox.services import message_enqueue
from outbox.tasks import sweep
from tests.support import free_port, loopback_process, require_tool

from .stand_ins import smtp_server
from .worker import celery_worker, sending_through, worker_output

pytestmark = pytest.mark.slow


@pytest.fixture
def committing(django_db_setup, django_db_blocker, demo_localities):
    """Database access that commits, in Tứ Kỳ; the test's messages are deleted afterwards."""
    prefix = f"worker-test:{uuid.uuid4().hex[:8]}:"
    with django_db_blocker.unblock():
        yield demo_localities["tu_ky"], prefix
        with tenant_context(demo_localities["tu_ky"]):
            Message.objects.filter(key__startswith=prefix).delete()
        connection.set_schema_to_public()


def _enqueue(locality, prefix: str, count: int) -> list[int]:
    with tenant_context(locality), transaction.atomic():
        return [
            message_enqueue(
                channel=Channel.EMAIL,
                kind="test",
                recipient=f"nguoi{i}@example.com",
                key=f"{prefix}{i}",
                subject=f"Thông báo số {i}",
                body="Nội dung thông báo",
            ).pk
            for i in range(count)
        ]


def _states(locality, prefix: str) -> dict[str, int]:
    with tenant_context(locality):
        rows = Message.objects.filter(key__startswith=prefix)
        return {state: rows.filter(state=state).count() for state in MessageState.values}


def _wait(condition, *, timeout: float, every: float = 0.2, between=None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if between is not None:
            between()
        time.sleep(every)
    return condition()


def _environment(mailbox) -> dict[str, str]:
    return {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mailbox.port),
        "OUTBOX_LEASE_SECONDS": "3",
        "OUTBOX_SWEEP_GRACE_SECONDS": "1",
        "OUTBOX_RETRY_BASE_SECONDS": "1",
        "OUTBOX_RETRY_CAP_SECONDS": "4",
    }


def test_a_killed_worker_loses_nothing_and_nothing_leaves_twice(committing, redis_url):
    locality, prefix = committing
    count = 12
    with smtp_server() as mailbox, sending_through(redis_url):
        mailbox.delay = 1.0  # the server answers DATA after a second: the kill lands mid-send
        with celery_worker(redis_url, _environment(mailbox), "outbox-a") as first:
            ids = _enqueue(locality, prefix, count)

            def mid_send() -> bool:
                # Three or more sent, one `sending` whose mail the server has not taken yet
                # (it is inside that second): killed now, that row stays `sending`.
                states = _states(locality, prefix)
                return (
                    states[MessageState.SENT] >= 3
                    and states[MessageState.SENDING] == 1
                    and len(mailbox.messages) == states[MessageState.SENT]
                )

            assert _wait(mid_send, timeout=90, every=0.05), worker_output(first)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        left = _states(locality, prefix)
        # The kill left work behind: one message mid-send (its lease must run out), the rest
        # queued (some prefetched by the dead worker, unacknowledged in Redis for an hour).
        assert left[MessageState.SENDING] == 1 and left[MessageState.QUEUED] > 0, left
        with celery_worker(redis_url, _environment(mailbox), "outbox-b") as second:
            # What beat does every minute, here every two seconds: sweep every locality.
            delivered = _wait(
                lambda: _states(locality, prefix)[MessageState.SENT] == count,
                timeout=120,
                every=2,
                between=lambda: sweep.delay(),
            )
            assert delivered, (_states(locality, prefix), worker_output(second))
    with tenant_context(locality):
        keys = list(Message.objects.filter(pk__in=ids).values_list("key", flat=True))
    expected = {message_id(key) for key in keys}
    received = mailbox.message_ids()
    assert set(received) == expected  # every message arrived
    # At most the one message in flight when the worker was killed arrives twice, under the
    # same Message-ID, on which the receiver de-duplicates.
    assert len(received) - len(set(received)) <= 1, sorted(received)


def test_a_refusing_mail_server_is_retried_by_the_worker_until_it_accepts(committing, redis_url):
    locality, prefix = committing
    with smtp_server() as mailbox, sending_through(redis_url):
        mailbox.refuse = 3  # the first three deliveries get "451 try again later"
        with celery_worker(redis_url, _environment(mailbox), "outbox-c") as worker:
            _enqueue(locality, prefix, 3)
            done = _wait(
                lambda: _states(locality, prefix)[MessageState.SENT] == 3, timeout=90, every=0.5
            )
            assert done, (_states(locality, prefix), worker_output(worker))
    with tenant_context(locality):
        rows = list(Message.objects.filter(key__startswith=prefix))
    assert sum(row.attempts for row in rows) == 6  # three refusals, three deliveries
    assert all("451" in row.last_error for row in rows if row.attempts > 1)
    assert len(mailbox.messages) == 3 and len(set(mailbox.message_ids())) == 3


@contextmanager
def redis_on(port: int) -> Iterator[str]:
    """A throw-away redis-server on a given port (restarted on the same port by the test)."""
    executable = require_tool("redis-server", package="redis-server")
    with tempfile.TemporaryDirectory(prefix="redis-outbox-") as folder:
        command = [executable, "--bind", "127.0.0.1", "--port", str(port), "--dir", folder]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        with loopback_process(command, port=port, what="redis-server", timeout=20):
            yield f"redis://127.0.0.1:{port}/0"


def test_a_change_committed_while_redis_is_down_is_delivered_once_it_is_back(committing):
    locality, prefix = committing
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    with smtp_server() as mailbox, sending_through(url):
        with redis_on(port):
            pass  # Redis was there, and is now gone
        started = time.monotonic()
        _enqueue(locality, prefix, 2)  # commits; publishing the tasks fails, logged, not raised
        assert time.monotonic() - started < 15
        assert _states(locality, prefix)[MessageState.QUEUED] == 2
        with redis_on(port), celery_worker(url, _environment(mailbox), "outbox-d") as worker:
            delivered = _wait(
                lambda: _states(locality, prefix)[MessageState.SENT] == 2,
                timeout=90,
                every=2,
                between=lambda: sweep.delay(),
            )
            assert delivered, (_states(locality, prefix), worker_output(worker))
    assert len(mailbox.messages) == 2 and len(set(mailbox.message_ids())) == 2
