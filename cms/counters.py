"""Visit counters (thống kê truy cập) that cost no database write per page view.

A page view touches only the cache (Redis in production; every key is prefixed with the
locality's schema by `django_tenants.cache.make_key`):

- a visit is the first view by a visitor in 30 minutes (`add` of a short-lived visitor key), and
  bumps the day's pending counter (`incr`);
- "online now" is the number of distinct visitors in the last five minutes (a Redis sorted set
  by last-seen time; other caches keep a small dictionary).

`flush_visits()` runs periodically in every locality (see `cms.tasks`): it moves the pending
counts into `VisitDay` rows and refreshes the cached totals that the footer shows.
Visitors are identified by a daily-salted hash of address and browser, never stored.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from .models import VisitDay

VISIT_WINDOW = 30 * 60
ONLINE_WINDOW = 5 * 60
TOTALS_TTL = 60 * 60
PENDING_TTL = 3 * 24 * 60 * 60
BOT_MARKERS = ("bot", "crawler", "spider", "slurp", "monitor", "curl", "python-requests")


@dataclass(frozen=True)
class VisitCounts:
    today: int = 0
    week: int = 0
    month: int = 0
    year: int = 0
    total: int = 0
    online: int = 0


def _pending_key(day: date) -> str:
    return f"cms:visits:pending:{day.isoformat()}"


def _totals_key() -> str:
    return "cms:visits:totals"


def _redis_client():
    """The raw Redis client behind the default cache, or None for other backends."""
    client = getattr(cache, "_cache", None)
    get_client = getattr(client, "get_client", None)
    if get_client is None:
        return None
    return get_client(write=True)


def visitor_id(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")
    salt = f"{settings.SECRET_KEY}:{timezone.localdate().isoformat()}"
    return hashlib.sha256(f"{salt}|{address}|{agent}".encode()).hexdigest()[:24]


def is_countable(request) -> bool:
    if request.method != "GET" or getattr(request, "is_preview", False):
        return False
    agent = request.META.get("HTTP_USER_AGENT", "").lower()
    return not any(marker in agent for marker in BOT_MARKERS)


def record_view(request) -> None:
    """Count a page view: at most three cache operations, no database access."""
    if not is_countable(request):
        return
    visitor = visitor_id(request)
    if cache.add(f"cms:visitor:{visitor}", 1, VISIT_WINDOW):
        key = _pending_key(timezone.localdate())
        if not cache.add(key, 1, PENDING_TTL):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, PENDING_TTL)
    _mark_online(visitor)


def _mark_online(visitor: str) -> None:
    now = time.time()
    client = _redis_client()
    if client is not None:
        key = cache.make_key("cms:online")
        pipe = client.pipeline()
        pipe.zadd(key, {visitor: now})
        pipe.expire(key, ONLINE_WINDOW * 2)
        pipe.execute()
        return
    seen = cache.get("cms:online") or {}
    seen = {k: t for k, t in seen.items() if t > now - ONLINE_WINDOW}
    seen[visitor] = now
    cache.set("cms:online", seen, ONLINE_WINDOW * 2)


def online_now() -> int:
    cutoff = time.time() - ONLINE_WINDOW
    client = _redis_client()
    if client is not None:
        key = cache.make_key("cms:online")
        pipe = client.pipeline()  # one round trip for both
        pipe.zremrangebyscore(key, 0, cutoff)
        pipe.zcard(key)
        return int(pipe.execute()[1])
    seen = cache.get("cms:online") or {}
    return sum(1 for t in seen.values() if t > cutoff)


def _pending(day: date) -> int:
    return int(cache.get(_pending_key(day)) or 0)


def _stored_totals(today: date, totals: dict | None = None) -> dict[str, int]:
    """Totals from the database as of the last flush, cached so a page view does not query."""
    if totals is None:
        totals = cache.get(_totals_key())
    if totals is None or totals.get("date") != today.isoformat():
        totals = _compute_totals(today)
        cache.set(_totals_key(), totals, TOTALS_TTL)
    return totals


def _compute_totals(today: date) -> dict[str, int | str]:
    def total(**filters) -> int:
        return VisitDay.objects.filter(**filters).aggregate(n=Sum("visits"))["n"] or 0

    week_start = today - timedelta(days=today.weekday())
    return {
        "date": today.isoformat(),
        "today": total(date=today),
        "week": total(date__gte=week_start, date__lte=today),
        "month": total(date__year=today.year, date__month=today.month),
        "year": total(date__year=today.year),
        "total": total(),
    }


def visit_counts() -> VisitCounts:
    """What the footer shows: flushed totals plus what is still pending in the cache."""
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    # One round trip for the totals and both days' pending counts (every page's footer).
    keys = [_totals_key(), _pending_key(today), _pending_key(yesterday)]
    found = cache.get_many(keys)
    stored = _stored_totals(today, found.get(keys[0]))
    pending_today, pending_yesterday = int(found.get(keys[1]) or 0), int(found.get(keys[2]) or 0)

    def with_yesterday(value: int, same_period: bool) -> int:
        return value + pending_today + (pending_yesterday if same_period else 0)

    return VisitCounts(
        today=stored["today"] + pending_today,
        week=with_yesterday(stored["week"], yesterday.isocalendar()[:2] == today.isocalendar()[:2]),
        month=with_yesterday(stored["month"], yesterday.month == today.month),
        year=with_yesterday(stored["year"], yesterday.year == today.year),
        total=with_yesterday(stored["total"], True),
        online=online_now(),
    )


def flush_visits() -> dict[str, int]:
    """Move pending counts of the current locality into the database (run by a periodic task).

    The cached count is decremented by exactly what was read, so views counted meanwhile stay
    pending for the next flush.
    """

    today = timezone.localdate()
    moved: dict[str, int] = {}
    for day in (today - timedelta(days=1), today):
        key = _pending_key(day)
        count = int(cache.get(key) or 0)
        if not count:
            continue
        cache.decr(key, count)
        try:
            with transaction.atomic():
                row, created = VisitDay.objects.get_or_create(date=day, defaults={"visits": count})
                if not created:
                    VisitDay.objects.filter(pk=row.pk).update(visits=F("visits") + count)
        except BaseException:
            cache.incr(key, count)  # put them back for the next flush
            raise
        moved[day.isoformat()] = count
    cache.set(_totals_key(), _compute_totals(today), TOTALS_TTL)
    return moved


__all__ = ["VisitCounts", "flush_visits", "record_view", "visit_counts"]
