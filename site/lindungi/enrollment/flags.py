"""The flags known when a request is sent (rules in lindungi.core.flags), and the one query for
other requests naming the same NIKs, which the review detail page runs again on every view
(a later request can make an earlier one a duplicate)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from lindungi.core.flags import (
    WorkerFacts,
    duplicate_code,
    niks_given_twice,
    person_key,
    worker_codes,
)
from lindungi.core.parameters import ProgramParameters
from lindungi.enrollment.models import EnrollmentRequest, EnrollmentWorker, RequestStatus
from lindungi.extensions import db


@dataclass(frozen=True)
class OtherRequest:
    nik: str
    id: int
    reference: str
    status: RequestStatus


def other_requests(niks: Iterable[str], exclude_id: int | None = None) -> list[OtherRequest]:
    """Every request (oldest first) naming one of these NIKs, other than `exclude_id`."""
    wanted = sorted(set(niks))
    if not wanted:
        return []
    statement = (
        sa.select(EnrollmentWorker.nik, EnrollmentRequest.id, EnrollmentRequest.reference,
                  EnrollmentRequest.status)
        .join(EnrollmentRequest, EnrollmentWorker.request_id == EnrollmentRequest.id)
        .where(EnrollmentWorker.nik.in_(wanted))
        .order_by(EnrollmentRequest.created_at, EnrollmentRequest.id)
    )
    if exclude_id is not None:
        statement = statement.where(EnrollmentRequest.id != exclude_id)
    return [OtherRequest(*row) for row in db.session.execute(statement)]


@dataclass(frozen=True)
class SimilarRequest:
    """Another request with a worker who has the same KK, date of birth and name, under
    another NIK (a mistyped NIK, or the same person sent again)."""

    key: tuple[str, date, str]
    nik: str
    id: int
    reference: str
    status: RequestStatus


def similar_requests(workers: Iterable[WorkerFacts],
                     exclude_id: int | None = None) -> list[SimilarRequest]:
    """Every other request (oldest first) naming one of these people under another NIK."""
    people = {person_key(w.kk, w.birth_date, w.full_name): w.nik for w in workers if w.kk}
    if not people:
        return []
    statement = (
        sa.select(EnrollmentWorker.kk, EnrollmentWorker.birth_date, EnrollmentWorker.full_name,
                  EnrollmentWorker.nik, EnrollmentRequest.id, EnrollmentRequest.reference,
                  EnrollmentRequest.status)
        .join(EnrollmentRequest, EnrollmentWorker.request_id == EnrollmentRequest.id)
        .where(EnrollmentWorker.kk.in_(sorted({key[0] for key in people})),
               EnrollmentWorker.birth_date.in_(sorted({key[1] for key in people})))
        .order_by(EnrollmentRequest.created_at, EnrollmentRequest.id)
    )
    if exclude_id is not None:
        statement = statement.where(EnrollmentRequest.id != exclude_id)
    found = []
    for kk, born, name, nik, request_id, reference, status in db.session.execute(statement):
        key = person_key(kk, born, name)
        if key in people and people[key] != nik:
            found.append(SimilarRequest(key, nik, request_id, reference, status))
    return found


def submit_codes(workers: Sequence[WorkerFacts], on_date: date,
                 params: ProgramParameters) -> list[str]:
    """Every flag of a request about to be stored: each worker's own, a NIK given twice,
    NIKs already in other requests (open ones are refused before this; registered or refused
    ones may come back), and the same person in another request under another NIK."""
    codes = [code for worker in workers for code in worker_codes(worker, on_date, params)]
    niks = [worker.nik for worker in workers]
    if niks_given_twice(niks):
        codes.append("duplicate_here")
    codes.extend(duplicate_code(other.status == RequestStatus.REGISTERED)
                 for other in other_requests(niks))
    if similar_requests(workers):
        codes.append("duplicate_similar")
    return codes
