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
from lindungi.enrollment.models import (
    OPEN_STATUSES,
    EnrollmentRequest,
    EnrollmentWorker,
    RequestStatus,
)
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


@dataclass(frozen=True)
class KnownAtSubmit:
    """What other requests say about a request about to be stored, from one query."""

    open_niks: frozenset[str]  # NIKs that a request still being handled (OPEN_STATUSES) names
    codes: tuple[str, ...]  # "duplicate_request" / "duplicate_registered", "duplicate_similar"


def known_at_submit(workers: Sequence[WorkerFacts]) -> KnownAtSubmit:
    """One round trip for everything the submit needs to know about other requests: every
    request naming one of these NIKs (with its status; a NIK names a handful at most), and
    whether any request names one of these people under another NIK (existence only, LIMIT 1:
    a person sent a thousand times costs the same as one; the review page lists them)."""
    by_index = {nik_index(worker.nik): worker.nik for worker in workers}
    people: dict[str, set[str]] = {}
    for worker in workers:
        person = person_of(worker)
        if person is not None:
            people.setdefault(person, set()).add(nik_index(worker.nik))
    by_nik = (
        sa.select(EnrollmentWorker.nik_index, EnrollmentRequest.status)
        .join(EnrollmentRequest, EnrollmentWorker.request_id == EnrollmentRequest.id)
        .where(EnrollmentWorker.nik_index.in_(sorted(by_index)))
    )
    statement: sa.Select | sa.CompoundSelect = by_nik
    if people:
        same_person = sa.or_(*(
            sa.and_(EnrollmentWorker.person_index == person,
                    EnrollmentWorker.nik_index.not_in(sorted(niks)))
            for person, niks in sorted(people.items())))
        similar = (sa.select(EnrollmentWorker.id).where(same_person).limit(1)
                   .subquery("similar"))
        statement = sa.union_all(
            by_nik, sa.select(sa.null().label("nik_index"), sa.null().label("status"))
            .select_from(similar))
    open_niks, codes, similar_found = set(), [], False
    for found_index, status in db.session.execute(statement):
        if found_index is None:
            similar_found = True
            continue
        status = RequestStatus(status)
        codes.append(duplicate_code(status == RequestStatus.REGISTERED))
        if status in OPEN_STATUSES:
            open_niks.add(by_index[found_index])
    if similar_found:
        codes.append("duplicate_similar")
    return KnownAtSubmit(frozenset(open_niks), tuple(codes))


def submit_codes(workers: Sequence[WorkerFacts], on_date: date, params: ProgramParameters,
                 known: KnownAtSubmit) -> list[str]:
    """Every flag of a request about to be stored: each worker's own, a NIK given twice,
    NIKs already in other requests (an open one does not stop the request, see
    operations.submit_problems; registered or refused ones may come back), and the same person
    in another request under another NIK."""
    codes = [code for worker in workers for code in worker_codes(worker, on_date, params)]
    if niks_given_twice(worker.nik for worker in workers):
        codes.append("duplicate_here")
    return codes + list(known.codes)
