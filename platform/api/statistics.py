"""The unit's headline statistics, as the public page `/thong-ke/cong-khai/` shows them
(scoreboard: counts of the national index and the Decision 766 score, no personal data, no
dossier codes): open to everyone, on a locality's host (that unit) and on the national root
(the nation). The period is the page's own query: `ky` (thang, quy, sau_thang, chin_thang,
nam, khoang), `nam`, `so`, `tu`, `den`.

    GET /api/v1/statistics?ky=quy&nam=2026&so=3
"""

from __future__ import annotations

from dataclasses import asdict

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from scoreboard.periods import period_from_query
from scoreboard.views import board_data
from tenants.context import current_locality
from workflows import clock
from workflows.calendar import to_local

from .base import with_etag
from .problems import PROBLEMS


class GroupOut(Schema):
    code: str
    name: str
    max_points: float
    points: float | None


class StatisticsOut(Schema):
    unit: str
    period: str
    #: The desk's table (received, carried over, done early / on time / late, …).
    table: dict[str, float]
    groups: list[GroupOut]
    points: float | None


def router() -> Router:
    """One per API object (a locality's, the national root's)."""
    api = Router(tags=["Thống kê"])
    api.get("/statistics", response={200: StatisticsOut, 304: None, **PROBLEMS}, auth=None)(
        statistics
    )
    return api


class PeriodQuery(Schema):
    ky: str = ""
    nam: str = ""
    so: str = ""
    tu: str = ""
    den: str = ""


def statistics(request: HttpRequest, response: HttpResponse, query: Query[PeriodQuery]):
    """The period's table and the Decision 766 score (a 400 names a bad period field)."""
    unit = current_locality()
    asked = {name: value for name, value in query.dict().items() if value}
    period = period_from_query(asked, today=to_local(clock.now()).date())
    data = board_data(unit, period)
    payload = StatisticsOut(
        unit=unit.name if unit is not None else "Toàn quốc",
        period=period.label,
        table={name: float(value) for name, value in asdict(data["total"]).items()},
        groups=[
            {
                "code": group.code,
                "name": group.name,
                "max_points": float(group.max_points),
                "points": None if group.points is None else float(group.points),
            }
            for group in data["groups"]
        ],
        points=None if data["points"] is None else float(data["points"]),
    )
    return with_etag(request, response, payload)
