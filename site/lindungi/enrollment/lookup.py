"""The public status lookup: a reference and one worker's date of birth show the request's state.

Nothing personal comes back beyond first names. An unknown reference and a wrong date of birth
run the same queries and give the same answer, so the page cannot be used to learn which
references exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.enrollment.models import (
    EnrollmentRequest,
    EnrollmentWorker,
    RequestStatus,
    StatusChange,
)
from lindungi.enrollment.review_requests import ReviewRequest
from lindungi.enrollment.text import display_name
from lindungi.extensions import db

NO_REQUEST = -1  # an id no row has: the same queries run for an unknown reference


@dataclass(frozen=True)
class StatusView:
    reference: str
    status: RequestStatus
    received_at: datetime
    last_change_at: datetime
    decided_at: datetime | None
    public_message: str
    rejection_reason: str
    first_names: list[str]
    reviewed: bool = False  # a review was already asked for (one per request)


def find_status(reference: str, birth_date: date) -> StatusView | None:
    request = db.session.scalar(
        sa.select(EnrollmentRequest)
        .options(so.lazyload(EnrollmentRequest.workers))
        .where(EnrollmentRequest.reference == reference)
    )
    request_id = request.id if request is not None else NO_REQUEST
    workers = db.session.execute(
        sa.select(EnrollmentWorker.full_name, EnrollmentWorker.birth_date)
        .where(EnrollmentWorker.request_id == request_id)
        .order_by(EnrollmentWorker.position)
    ).all()
    last_change = db.session.scalar(
        sa.select(sa.func.max(StatusChange.at)).where(StatusChange.request_id == request_id)
    )
    if request is None or birth_date not in {row.birth_date for row in workers}:
        return None
    return view_of(request, [row.full_name for row in workers], last_change)


def request_by_reference(reference: str) -> EnrollmentRequest | None:
    return db.session.scalar(
        sa.select(EnrollmentRequest).where(EnrollmentRequest.reference == reference))


def view_of(request: EnrollmentRequest, full_names: list[str] | None = None,
            last_change: datetime | None = None) -> StatusView:
    """What the status page shows of a request whose lookup succeeded."""
    if full_names is None:
        full_names = [worker.full_name for worker in request.workers]
        last_change = max((change.at for change in request.history), default=None)
    shows_message = request.status in (RequestStatus.NEEDS_INFO, RequestStatus.REJECTED)
    return StatusView(
        reference=request.reference,
        status=request.status,
        received_at=request.created_at,
        last_change_at=last_change or request.created_at,
        decided_at=request.decided_at,
        public_message=request.public_message if shows_message else "",
        rejection_reason=(request.rejection_reason
                          if request.status is RequestStatus.REJECTED else ""),
        first_names=[display_name(name.split(" ", 1)[0]) for name in full_names],
        reviewed=db.session.scalar(sa.select(ReviewRequest.id).where(
            ReviewRequest.request_id == request.id)) is not None,
    )
