"""SQL statements per anonymous page, rendered (cache off) and from the page cache.

The figures are those of docs/performance.md ("Pages beside a bare view"); a change that adds
statements to these pages fails here instead of slowing every locality's portal unnoticed.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procedure_plugins.services import offering_enable

pytestmark = pytest.mark.django_db

BIRTH = "1.001193"
#: Statements of each page rendered for an anonymous visitor (page cache off) by a warm worker
#: (host map, content types, site, menu, footer and offerings cached), the connection on another
#: schema before the request. The home page's: SET search_path, the page's view restrictions,
#: the latest news and notices in force (each with its restrictions), the lower units' pages,
#: the desk settings (the code example of the lookup box).
RENDERED = {"/": 9, "/thu-tuc/": 0, f"/thu-tuc/{BIRTH}/": 0}


@pytest.fixture
def tu_ky_offers(demo_localities):
    tu_ky = demo_localities["tu_ky"]
    offering_enable(locality=tu_ky, code=BIRTH)
    return tu_ky


def statements(client, path: str) -> list[str]:
    connection.set_schema_to_public()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("path", list(RENDERED))
def test_a_rendered_page_sends_few_statements_and_one_schema_switch(
    path, tu_ky_offers, demo_localities, host_client, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    client = host_client(tu_ky_offers)
    for _ in range(2):  # the worker learns the host, the content types; the footer is created
        statements(client, path)
    # The connection served another locality last: one switch back, then nothing else.
    assert host_client(demo_localities["chu_puh"]).get("/").status_code == 200
    sql = statements(client, path)
    switches = [text for text in sql if text.startswith("SET search_path")]
    assert len(switches) == (1 if sql else 0), "\n".join(text[:150] for text in sql)
    assert len(sql) == RENDERED[path], "\n".join(text[:150] for text in sql)
    # The same connection, already in the locality's schema: no switch at all.
    sql = [text for text in statements(client, path) if text.startswith("SET search_path")]
    assert len(sql) <= 1


@pytest.mark.parametrize("path", list(RENDERED))
def test_a_cached_page_sends_no_statement(path, tu_ky_offers, host_client):
    client = host_client(tu_ky_offers)
    client.get("/")  # the locality's first page creates its footer settings (a change)
    first = client.get(path)
    assert first.get("X-Page-Cache") in ("miss", "hit")
    connection.set_schema_to_public()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(path)
    assert again["X-Page-Cache"] == "hit"
    assert captured.captured_queries == []
