"""Visit counters: counted in the cache per locality, flushed to the database periodically."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import tenant_context

from cms.counters import flush_visits, visit_counts
from cms.models import VisitDay
from cms.tasks import dispatch

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
PHONE = "Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 Chrome/140.0 Mobile Safari/537.36"


def counters_on(page: str) -> dict[str, int]:
    return {name: int(value) for name, value in re.findall(r'data-counter="(\w+)">(\d+)<', page)}


def visit(client, path="/", agent=FIREFOX, address="203.0.113.7"):
    response = client.get(path, HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    assert response.status_code == 200
    return response.content.decode()


def test_visits_are_counted_per_visitor_and_per_locality(host_client, demo_localities, real_cache):
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    client = host_client(tu_ky)
    visit(client)
    visit(client, "/tin-tuc/")  # same visitor within 30 minutes: the same visit
    visit(client, agent=PHONE, address="198.51.100.20")
    visit(client, agent="Googlebot/2.1 (+http://www.google.com/bot.html)")  # not counted
    counts = counters_on(visit(client))
    assert counts == {"today": 2, "week": 2, "month": 2, "year": 2, "total": 2, "online": 2}
    there = counters_on(visit(host_client(chu_puh), address="192.0.2.1"))
    assert there["today"] == 1 and there["online"] == 1


def test_a_page_view_writes_nothing_to_the_database(host_client, demo_localities, real_cache):
    client = host_client(demo_localities["tu_ky"])
    visit(client)  # first view of the day may create the footer settings row
    with CaptureQueriesContext(connection) as queries:
        visit(client, agent=PHONE, address="198.51.100.21")
    writes = [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.I)]
    assert writes == []


def test_flush_moves_pending_visits_into_the_database(host_client, demo_localities, real_cache):
    tu_ky = demo_localities["tu_ky"]
    client = host_client(tu_ky)
    visit(client)
    visit(client, agent=PHONE, address="198.51.100.22")
    with tenant_context(tu_ky):
        VisitDay.objects.filter(date=timezone.localdate()).delete()
        assert flush_visits() == {timezone.localdate().isoformat(): 2}
        assert VisitDay.objects.get(date=timezone.localdate()).visits == 2
        assert flush_visits() == {}  # nothing pending any more: nothing counted twice
        assert visit_counts().today == 2
    visit(client, agent="Mozilla/5.0 Safari/605.1.15", address="198.51.100.23")
    with tenant_context(tu_ky):
        assert visit_counts().today == 3
        assert visit_counts().total >= 3


def test_dispatcher_flushes_every_locality(host_client, demo_localities, real_cache, eager_celery):
    tu_ky, chu_puh = demo_localities["tu_ky"], demo_localities["chu_puh"]
    visit(host_client(tu_ky))
    visit(host_client(chu_puh), address="192.0.2.2")
    connection.set_schema_to_public()
    dispatch.apply(args=("flush_visits",), kwargs={"batch_size": 2})
    for locality in (tu_ky, chu_puh):
        with tenant_context(locality):
            assert VisitDay.objects.get(date=timezone.localdate()).visits >= 1
