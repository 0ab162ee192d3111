"""Numbers for the overview page. Each is one grouped query, so the page stays fast with many
requests; nothing here is personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

import sqlalchemy as sa

from lindungi.core.places import kecamatan_list
from lindungi.enrollment.models import EnrollmentRequest, RequestStatus
from lindungi.extensions import db
from lindungi.review.queries import wita_day_start

R = EnrollmentRequest
WEEKS = 12
DECISION_WINDOW_DAYS = 90
# Upper bounds (days) of the time-to-decision groups; the last group has no bound.
DECISION_BUCKETS = (3, 7, 14, 30)


@dataclass(frozen=True)
class Count:
    key: Any
    value: int


@dataclass(frozen=True)
class DecisionTimes:
    decided: int
    average_days: float | None
    buckets: list[Count]  # key: (low, high) days, high None for "more than"


def counts_by_status() -> list[Count]:
    found = dict(db.session.execute(
        sa.select(R.status, sa.func.count(R.id)).group_by(R.status)).all())
    return [Count(status, found.get(status, 0)) for status in RequestStatus]


def counts_by_kecamatan() -> list[Count]:
    found = dict(db.session.execute(
        sa.select(R.kecamatan_code, sa.func.count(R.id)).group_by(R.kecamatan_code)
    ).all())
    return [Count(kec, found.get(kec.code, 0)) for kec in kecamatan_list()]


def week_starts(today: date, weeks: int = WEEKS) -> list[date]:
    """The Mondays of the last `weeks` weeks, oldest first, this week last."""
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def requests_per_week(today: date) -> list[Count]:
    """Requests received in each of the last weeks (WITA), in one query."""
    starts = week_starts(today)
    bounds = [wita_day_start(day) for day in [*starts, starts[-1] + timedelta(weeks=1)]]
    columns = [
        _count_where(sa.and_(R.created_at >= low, R.created_at < high))
        for low, high in pairwise(bounds)
    ]
    row = db.session.execute(
        sa.select(*columns).where(R.created_at >= bounds[0], R.created_at < bounds[-1])).one()
    return [Count(start, int(value)) for start, value in zip(starts, row, strict=True)]


def _days_between(start: Any, end: Any) -> Any:
    if db.session.get_bind().dialect.name == "sqlite":
        return sa.func.julianday(end) - sa.func.julianday(start)
    return sa.func.extract("epoch", end - start) / 86400.0


def _count_where(condition: Any) -> Any:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def decision_times(now: datetime) -> DecisionTimes:
    """Days from receipt to the first decision (approved or not), for decisions in the last
    DECISION_WINDOW_DAYS days."""
    days = _days_between(R.created_at, R.decided_at)
    ranges: list[tuple[int, int | None]] = []
    conditions = []
    low = 0
    for high in DECISION_BUCKETS:
        conditions.append(days <= high if low == 0 else sa.and_(days > low, days <= high))
        ranges.append((low, high))
        low = high
    conditions.append(days > low)
    ranges.append((low, None))
    row = db.session.execute(
        sa.select(sa.func.count(R.id), sa.func.avg(days),
                  *[_count_where(condition) for condition in conditions])
        .where(R.decided_at.is_not(None),
               R.decided_at >= now - timedelta(days=DECISION_WINDOW_DAYS))
    ).one()
    return DecisionTimes(
        decided=int(row[0]),
        average_days=float(row[1]) if row[1] is not None else None,
        buckets=[Count(bounds, int(value)) for bounds, value in zip(ranges, row[2:], strict=True)],
    )
