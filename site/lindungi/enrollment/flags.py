"""The flags known when a request is sent (rules in lindungi.core.flags), and the one query for
other requests naming the same NIKs (through their blind index: NIKs are sealed), which the
review detail page runs again on every view (a later request can make an earlier one a
duplicate)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from lindungi.core.flags import (
    WorkerFacts,
    duplicate_code,
    niks_given_twice,
    worker_codes,
)
from lindungi.core.parameters import ProgramParameters
from lindungi.enrollment.models import EnrollmentRequest, EnrollmentWorker, RequestStatus
from lindungi.extensions import db
from lindungi.protection.columns import nik_index, person_index


@dataclass(frozen=True)
class OtherRequest:
    nik: str
    id: int
    reference: str
    status: RequestStatus


def other_requests(niks: Iterable[str], exclude_id: int | None = None) -> list[OtherRequest]:
    """Every request (oldest first) naming one of these NIKs, other than `exclude_id`."""
    by_index = {nik_index(nik): nik for nik in set(niks)}
    if not by_index:
        return []
    statement = (
        sa.select(EnrollmentWorker.nik_index, EnrollmentRequest.id, EnrollmentRequest.reference,
                  EnrollmentRequest.status)
        .join(EnrollmentRequest, EnrollmentWorker.request_id == EnrollmentRequest.id)
        .where(EnrollmentWorker.nik_index.in_(sorted(by_index)))
        .order_by(EnrollmentRequest.created_at, EnrollmentRequest.id)
    )
    if exclude_id is not None:
        statement = statement.where(EnrollmentRequest.id != exclude_id)
    return [OtherRequest(by_index[row.nik_index], row.id, row.reference, row.status)
            for row in db.session.execute(statement)]


@dataclass(frozen=True)
class SimilarRequest:
    """Another request with a worker who has the same KK, date of birth and name, under
    another NIK (a mistyped NIK, or the same person sent again)."""

    person: str  # the blind index both workers share (protection.columns.person_index)
    id: int
    reference: str
    status: RequestStatus


def person_of(worker: WorkerFacts) -> str | None:
    if not (worker.kk and worker.full_name):
        return None
    return person_index(worker.kk, worker.birth_date, worker.full_name)


def similar_requests(workers: Iterable[WorkerFacts],
                     exclude_id: int | None = None) -> list[SimilarRequest]:
    """Every other request (oldest first) naming one of these people under another NIK. Found
    through blind indexes only: no sealed value is opened."""
    people: dict[str, set[str]] = {}
    for worker in workers:
        person = person_of(worker)
        if person is not None:
            people.setdefault(person, set()).add(nik_index(worker.nik))
    if not people:
        return []
    statement = (
        sa.select(EnrollmentWorker.person_index, EnrollmentWorker.nik_index, EnrollmentRequest.id,
                  EnrollmentRequest.reference, EnrollmentRequest.status)
        .join(EnrollmentRequest, EnrollmentWorker.request_id == EnrollmentRequest.id)
        .where(EnrollmentWorker.person_index.in_(sorted(people)))
        .order_by(EnrollmentRequest.created_at, EnrollmentRequest.id)
    )
    if exclude_id is not None:
        statement = statement.where(EnrollmentRequest.id != exclude_id)
    return [SimilarRequest(row.person_index, row.id, row.reference, row.status)
            for row in db.session.execute(statement)
            if row.nik_index not in people[row.person_index]]


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
