"""A family asks for a second look at a rejection (online, within REVIEW_DAYS of it).

The request goes back to the queue (status "received", flagged), and the next decision on it must
come from another reviewer than the one who rejected it: review.operations asks
`check_reviewer` before every decision and `settle` after one. Both decisions stay in the
history (status_change) and the audit log.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.audit import actions
from lindungi.enrollment.models import EnrollmentRequest, RequestStatus, StatusChange
from lindungi.extensions import db
from lindungi.formatting import to_wita
from lindungi.outbox import notices
from lindungi.outbox.models import MessageKind
from lindungi.timeutil import utcnow

# How long after a rejection a review can be asked for (the decision notice says so).
REVIEW_DAYS = 30
EXPLANATION_MAX = 1000
REASON_CODE = "review_requested"  # the applicant's own status change in the history


class ReviewRequest(db.Model):
    __tablename__ = "review_request"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    # One review per request: a second rejection is final online (staff can still be called).
    request_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("enrollment_request.id", ondelete="CASCADE"), unique=True)
    requested_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    rejected_at: so.Mapped[datetime]
    rejected_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("staff_user.id"))
    explanation: so.Mapped[str] = so.mapped_column(sa.Text, default="")  # from the applicant
    decided_at: so.Mapped[datetime | None]


class ReviewRefused(Exception):
    def __init__(self, why: str, deadline: date | None = None) -> None:
        super().__init__(why)
        self.why = why  # "not_rejected", "too_late", "already", "nik_open"
        self.deadline = deadline


class SameReviewer(Exception):
    """The reviewer who rejected the request may not decide its review."""


def last_rejection(request: EnrollmentRequest) -> StatusChange | None:
    return db.session.scalar(
        sa.select(StatusChange).where(StatusChange.request_id == request.id,
                                      StatusChange.to_status == RequestStatus.REJECTED)
        .order_by(StatusChange.at.desc(), StatusChange.id.desc()).limit(1))


def deadline_after(rejected_at: datetime) -> date:
    """The last day (WITA) on which a review can be asked for."""
    return to_wita(rejected_at).date() + timedelta(days=REVIEW_DAYS)


def request_review(request: EnrollmentRequest, explanation: str) -> ReviewRequest:
    """Back to the queue, flagged; audited (the caller commits). Raises ReviewRefused."""
    rejection = last_rejection(request)
    if request.status is not RequestStatus.REJECTED or rejection is None:
        raise ReviewRefused("not_rejected")
    if db.session.scalar(sa.select(ReviewRequest.id).where(
            ReviewRequest.request_id == request.id)) is not None:
        raise ReviewRefused("already")
    deadline = deadline_after(rejection.at)
    now = utcnow()
    if to_wita(now).date() > deadline:
        raise ReviewRefused("too_late", deadline)
    review = ReviewRequest(request_id=request.id, requested_at=now, rejected_at=rejection.at,
                           rejected_by_id=rejection.staff_id, explanation=explanation.strip())
    db.session.add(review)
    db.session.add(StatusChange(request_id=request.id, at=now, from_status=request.status,
                                to_status=RequestStatus.RECEIVED, staff_id=None,
                                reason_code=REASON_CODE))
    request.status = RequestStatus.RECEIVED
    request.updated_at = now
    request.public_message = ""
    request.rejection_reason = ""
    request.flagged = True
    for worker in request.workers:  # open again: these NIKs may not be sent twice meanwhile
        worker.open_nik = worker.nik
    actions.log(actions.REVIEW_REQUESTED, actor_id=None, target_type="enrollment_request",
                target_id=request.id)
    db.session.flush()  # IntegrityError: a newer request holds one of the NIKs
    notify_review_requested(request)
    return review


def notify_review_requested(request: EnrollmentRequest) -> None:
    """Tell the family the review request arrived (outbox, in this transaction)."""
    notices.notify(request, MessageKind.REVIEW_REQUESTED)


def open_review(request: EnrollmentRequest) -> ReviewRequest | None:
    return db.session.scalar(sa.select(ReviewRequest).where(
        ReviewRequest.request_id == request.id, ReviewRequest.decided_at.is_(None)))


def check_reviewer(request: EnrollmentRequest, staff_id: int) -> None:
    review = open_review(request)
    if review is not None and review.rejected_by_id == staff_id:
        raise SameReviewer


def settle(request: EnrollmentRequest, at: datetime) -> None:
    """A decision (approved or rejected again) answers the open review."""
    review = open_review(request)
    if review is not None:
        review.decided_at = at
