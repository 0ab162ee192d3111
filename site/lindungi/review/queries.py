"""The review queue: one query for a page of rows and one for the count, whatever the filters.

Rows are plain tuples (no ORM objects, so nothing loads lazily per row): a test counts the
statements per page. Filters and sorts use the indexes on enrollment_request (status,
created_at, kecamatan_code, flagged) and enrollment_worker (request_id, position; kecamatan_code,
request_id). A request's workers may live in different kecamatan: the kecamatan filter finds a
request by any of its workers. A search of 16 digits finds that exact NIK (blind index).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from lindungi.core.reference import normalise_reference
from lindungi.enrollment.models import EnrollmentRequest, EnrollmentWorker, RequestStatus
from lindungi.extensions import db
from lindungi.formatting import WITA
from lindungi.outbox import queries as outbox_queries
from lindungi.pagination import paginate
from lindungi.protection.columns import nik_index

PAGE_SIZE = 25
DEFAULT_SORT = "received"  # oldest first: the queue is worked in the order requests came
SEARCH_MAX_LENGTH = 80
NIK_SEARCH = re.compile(r"^[0-9]{16}$")  # ASCII digits only, like the form

R = EnrollmentRequest
W = EnrollmentWorker


@dataclass(frozen=True)
class QueueCriteria:
    status: RequestStatus | None = None
    kecamatan: str | None = None
    since: date | None = None  # WITA calendar days, inclusive
    until: date | None = None
    flagged: bool = False
    search: str = ""
    sort: str = DEFAULT_SORT
    page: int = 1
    undelivered: bool = False  # only requests with a message given up on (lindungi.outbox)


@dataclass(frozen=True)
class QueueRow:
    id: int
    reference: str
    status: RequestStatus
    created_at: datetime
    kecamatan_code: str
    flagged: bool
    worker_name: str
    worker_count: int
    other_kecamatan: int = 0  # kecamatan of the other workers, besides the first worker's
    undelivered: bool = False  # a message to the applicant was not delivered


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    criteria: QueueCriteria

    @property
    def page(self) -> int:
        return self.criteria.page

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PAGE_SIZE))


def _first_worker_name() -> sa.ScalarSelect[Any]:
    return (
        sa.select(W.full_name).where(W.request_id == R.id)
        .order_by(W.position, W.id).limit(1).correlate(R).scalar_subquery()
    )


def _worker_count() -> sa.ScalarSelect[Any]:
    return (
        sa.select(sa.func.count(W.id)).where(W.request_id == R.id)
        .correlate(R).scalar_subquery()
    )


def _other_kecamatan_count() -> sa.ScalarSelect[Any]:
    return (
        sa.select(sa.func.count(sa.distinct(W.kecamatan_code)))
        .where(W.request_id == R.id, W.kecamatan_code != R.kecamatan_code)
        .correlate(R).scalar_subquery()
    )


def _has_worker_in(kecamatan: str) -> sa.ColumnElement[bool]:
    return sa.exists().where(W.request_id == R.id, W.kecamatan_code == kecamatan)


def wita_day_start(day: date) -> datetime:
    """Midnight WITA of `day` as the naive UTC datetime the database stores."""
    return datetime.combine(day, time.min, WITA).astimezone(UTC).replace(tzinfo=None)


def _search_condition(text: str) -> sa.ColumnElement[bool]:
    reference = normalise_reference(text)
    if reference is not None:
        return R.reference == reference
    digits = text.replace(" ", "").replace(".", "")
    if NIK_SEARCH.match(digits):
        # NIKs are sealed: an exact NIK is found through its blind index.
        return R.id.in_(sa.select(W.request_id).where(W.nik_index == nik_index(digits)))
    lowered = text.lower()[:SEARCH_MAX_LENGTH]
    names = sa.select(W.request_id).where(
        sa.func.lower(W.full_name).contains(lowered, autoescape=True))
    return sa.or_(R.id.in_(names), sa.func.lower(R.reference).contains(lowered, autoescape=True))


def _conditions(criteria: QueueCriteria) -> list[sa.ColumnElement[bool]]:
    found: list[sa.ColumnElement[bool]] = []
    if criteria.status is not None:
        found.append(R.status == criteria.status)
    if criteria.kecamatan:
        found.append(_has_worker_in(criteria.kecamatan))
    if criteria.since is not None:
        found.append(R.created_at >= wita_day_start(criteria.since))
    if criteria.until is not None:
        found.append(R.created_at < wita_day_start(criteria.until + timedelta(days=1)))
    if criteria.flagged:
        found.append(R.flagged.is_(True))
    if criteria.search:
        found.append(_search_condition(criteria.search))
    if criteria.undelivered:
        found.append(R.id.in_(outbox_queries.undelivered_request_ids()))
    return found


def sort_columns() -> dict[str, Any]:
    return {
        "received": R.created_at,
        "reference": R.reference,
        "name": _first_worker_name(),
        "kecamatan": R.kecamatan_code,
        "status": R.status,
    }


def parse_sort(value: str | None) -> str:
    key = (value or "").removeprefix("-")
    return value if value and key in sort_columns() else DEFAULT_SORT


def _order_by(sort: str) -> list[Any]:
    descending = sort.startswith("-")
    column = sort_columns()[sort.removeprefix("-")]
    tiebreak = R.id.desc() if descending else R.id.asc()
    return [column.desc() if descending else column.asc(), tiebreak]


def queue_page(criteria: QueueCriteria) -> QueuePage:
    """The page of the queue the request asks for (?page=; past the last: the last)."""
    statement = (
        sa.select(R.id, R.reference, R.status, R.created_at, R.kecamatan_code, R.flagged,
                  _first_worker_name().label("worker_name"),
                  _worker_count().label("worker_count"),
                  _other_kecamatan_count().label("other_kecamatan"),
                  outbox_queries.has_undelivered(R.id).label("undelivered"))
        .where(*_conditions(criteria))
        .order_by(*_order_by(criteria.sort))
    )
    found = paginate(statement, PAGE_SIZE, staff=True, rows=True)
    rows = [
        QueueRow(row.id, row.reference, row.status, row.created_at, row.kecamatan_code,
                 row.flagged, row.worker_name or "", row.worker_count or 0,
                 row.other_kecamatan or 0, bool(row.undelivered))
        for row in found.items
    ]
    return QueuePage(rows=rows, total=found.total or 0, criteria=replace(criteria, page=found.page))


def next_waiting(after_id: int) -> int | None:
    """The request to open after deciding ``after_id``: the oldest still waiting for a first
    look (Sent in), else the oldest being reviewed."""
    for status in (RequestStatus.RECEIVED, RequestStatus.IN_REVIEW):
        found = db.session.scalar(
            sa.select(EnrollmentRequest.id)
            .where(EnrollmentRequest.status == status, EnrollmentRequest.id != after_id)
            .order_by(EnrollmentRequest.created_at, EnrollmentRequest.id).limit(1))
        if found is not None:
            return int(found)
    return None
