"""Decisions on enrollment requests. Each one records who, when and why (a StatusChange row and
an audit row), flushes, and leaves the commit to the request.

Two reviewers deciding at once: every decision form carries the version of the request it was
made on. A different version now means someone else changed it (RequestChanged); a change
committed between loading and flushing makes SQLAlchemy's version check raise StaleDataError.
Either way nothing is overwritten and the reviewer sees the request as it is now.
"""

from __future__ import annotations

from collections.abc import Mapping

from lindungi.audit import actions
from lindungi.enrollment import review_requests
from lindungi.enrollment.models import (
    OPEN_STATUSES,
    EnrollmentRequest,
    InternalNote,
    RequestStatus,
    StatusChange,
)
from lindungi.enrollment.statuses import REJECTION_REASONS
from lindungi.extensions import db
from lindungi.outbox import notices
from lindungi.staff.models import StaffUser
from lindungi.timeutil import utcnow

S = RequestStatus
UNDECIDED = frozenset({S.RECEIVED, S.IN_REVIEW, S.NEEDS_INFO})
# Which decisions each status allows.
ALLOWED_FROM = {
    "start_review": frozenset({S.RECEIVED, S.NEEDS_INFO}),
    "approve": UNDECIDED,
    "ask_info": UNDECIDED,
    "reject": UNDECIDED | {S.APPROVED},  # e.g. BPJS Ketenagakerjaan refuses the registration
    "register": frozenset({S.APPROVED}),
}


class RequestChanged(Exception):
    """The request is not the version the reviewer decided on."""


class DecisionNotAllowed(Exception):
    """This decision is not possible in the request's current status."""


def allowed(request: EnrollmentRequest, decision: str) -> bool:
    return request.status in ALLOWED_FROM[decision]


def _decide(request: EnrollmentRequest, staff: StaffUser, version: int | None, decision: str,
            to_status: RequestStatus, audit_action: str, *, public_message: str = "",
            reason_code: str = "", internal_note: str = "") -> StatusChange:
    if version != request.version:
        raise RequestChanged
    if not allowed(request, decision):
        raise DecisionNotAllowed
    if decision != "start_review":  # looking is fine; deciding a review needs a second person
        review_requests.check_reviewer(request, staff.id)
    now = utcnow()
    change = StatusChange(
        request_id=request.id, at=now, from_status=request.status, to_status=to_status,
        staff_id=staff.id, public_message=public_message, reason_code=reason_code,
        internal_note=internal_note,
    )
    request.status = to_status
    request.updated_at = now
    # What the applicant's status page shows: only a current question or refusal.
    request.public_message = public_message
    request.rejection_reason = reason_code
    if to_status in (S.APPROVED, S.REJECTED) and request.decided_at is None:
        request.decided_at = now
    if to_status in (S.APPROVED, S.REJECTED):
        review_requests.settle(request, now)
    if to_status not in OPEN_STATUSES:
        # Closed: these NIKs may be sent again in a new request (EnrollmentWorker.open_nik).
        for worker in request.workers:
            worker.open_nik = None
    db.session.add(change)
    actions.log(audit_action, actor_id=staff.id, target_type="enrollment_request",
                target_id=request.id, status=to_status.value,
                **({"reason": reason_code} if reason_code else {}))
    db.session.flush()  # raises StaleDataError if another decision was committed meanwhile
    # The family's message, committed with the decision or not at all.
    notices.notify_status(request, to_status)
    return change


def start_review(request: EnrollmentRequest, staff: StaffUser, version: int | None,
                 note: str = "") -> StatusChange:
    """Not a decision: it records who is looking, and when. The why comes with the decision."""
    return _decide(request, staff, version, "start_review", S.IN_REVIEW,
                   actions.REVIEW_STARTED, internal_note=note)


def approve(request: EnrollmentRequest, staff: StaffUser, version: int | None,
            reason: str) -> StatusChange:
    """The reason (what the reviewer checked) is kept for staff with the status change."""
    if not reason.strip():
        raise ValueError("an approval needs a reason")
    return _decide(request, staff, version, "approve", S.APPROVED, actions.APPROVED,
                   internal_note=reason.strip())


def ask_for_information(request: EnrollmentRequest, staff: StaffUser, version: int | None,
                        message: str, note: str = "") -> StatusChange:
    if not message.strip():
        raise ValueError("the applicant must be told what is needed")
    return _decide(request, staff, version, "ask_info", S.NEEDS_INFO, actions.INFO_REQUESTED,
                   public_message=message.strip(), internal_note=note)


def reject(request: EnrollmentRequest, staff: StaffUser, version: int | None, reason: str,
           message: str = "", note: str = "") -> StatusChange:
    if reason not in REJECTION_REASONS:
        raise ValueError(f"unknown rejection reason {reason!r}")
    return _decide(request, staff, version, "reject", S.REJECTED, actions.REJECTED,
                   public_message=message.strip(), reason_code=reason, internal_note=note)


def mark_registered(request: EnrollmentRequest, staff: StaffUser, version: int | None,
                    kpj_by_worker: Mapping[int, str], note: str = "") -> StatusChange:
    """Every worker's KPJ number (already checked by the form) and the REGISTERED status. The
    KPJ numbers BPJS Ketenagakerjaan gave are the why; the note is optional."""
    if version != request.version:
        raise RequestChanged
    if not allowed(request, "register"):
        raise DecisionNotAllowed
    if {worker.id for worker in request.workers} != set(kpj_by_worker):
        raise ValueError("a KPJ number is needed for every worker")
    for worker in request.workers:
        worker.kpj_number = kpj_by_worker[worker.id]
    return _decide(request, staff, version, "register", S.REGISTERED, actions.REGISTERED,
                   internal_note=note)


def add_note(request: EnrollmentRequest, staff: StaffUser, body: str) -> InternalNote:
    """Notes are for staff only and never change the request (so they never conflict)."""
    note = InternalNote(request_id=request.id, staff_id=staff.id, at=utcnow(), body=body.strip())
    db.session.add(note)
    actions.log(actions.NOTE_ADDED, actor_id=staff.id, target_type="enrollment_request",
                target_id=request.id)
    db.session.flush()
    return note
