"""Writes of the enrollment capability. Each function flushes and audits; the view commits once,
so a request and all its workers are stored together or not at all."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from lindungi.audit import actions
from lindungi.core.ages import within_program_ages
from lindungi.core.flags import WorkerFacts, needs_attention
from lindungi.core.reference import new_reference
from lindungi.enrollment.answers import Answers, Worker
from lindungi.enrollment.context import WorkerContext
from lindungi.enrollment.flags import KnownAtSubmit, known_at_submit, submit_codes
from lindungi.enrollment.models import (
    OPEN_STATUSES,
    EnrollmentRequest,
    EnrollmentWorker,
    RequestStatus,
    Sex,
    StatusChange,
    person_index_of,
)
from lindungi.extensions import db
from lindungi.outbox import notices
from lindungi.outbox.models import Channel
from lindungi.protection.columns import nik_index
from lindungi.timeutil import utcnow


def nik_has_open_request(nik: str) -> bool:
    """True when a request still being handled (OPEN_STATUSES) names this NIK."""
    found = db.session.scalar(
        sa.select(EnrollmentWorker.id)
        .join(EnrollmentRequest, EnrollmentWorker.request_id == EnrollmentRequest.id)
        .where(EnrollmentWorker.nik_index == nik_index(nik),
               EnrollmentRequest.status.in_(OPEN_STATUSES))
        .limit(1)
    )
    return found is not None


def reference_by_token(token: str) -> str | None:
    """The reference of the request sent with this submit token, if any (the column alone: no
    request row and workers loaded for a look-up that usually finds nothing)."""
    return db.session.scalar(
        sa.select(EnrollmentRequest.reference)
        .where(EnrollmentRequest.idempotency_token == token)
    )


@dataclass(frozen=True)
class Problem:
    """Something that changed since a worker page was saved (a birthday, another request)."""

    worker: int
    code: str  # "age"


def submit_problems(answers: Answers, ctx: WorkerContext) -> list[Problem]:
    """Checks repeated at sending time: ages on the day of the request.

    Another open request for a NIK is never a problem the sender hears about: saying so would
    tell anyone who types a NIK (whose digits hold the birth date and sex) that this person has
    applied. The request is stored and flagged for staff instead (submit_request)."""
    return [Problem(number, "age") for number, worker in enumerate(answers.workers, start=1)
            if not within_program_ages(worker.birth_date, ctx.today, ctx.params)]


def _worker_values(position: int, worker: Worker, holds_nik: bool) -> dict[str, object]:
    """One enrollment_worker row, blind indexes included (what the model's events set when a
    row goes through the unit of work, from the same functions)."""
    index = nik_index(worker.nik)
    return {
        "position": position, "full_name": worker.full_name, "nik": worker.nik,
        "nik_index": index, "kk": worker.kk, "birth_date": worker.birth_date,
        "sex": Sex(worker.sex), "place_of_birth": worker.place_of_birth,
        "mother_maiden_name": worker.mother_maiden_name, "address": worker.address,
        "rt_rw": worker.rt_rw, "kecamatan_code": worker.kecamatan_code,
        "kelurahan_code": worker.kelurahan_code, "occupation": worker.occupation,
        "income_band": worker.income_band, "already_member": worker.already_member,
        "decile": worker.decile, "heir_name": worker.heir_name,
        "heir_relationship": worker.heir_relationship,
        "heir_phone_e164": worker.heir_phone_e164,
        "nik_outside_makassar": worker.nik_outside_makassar, "kpj_number": worker.kpj_number,
        # The open request that holds this NIK (unique); a second one is stored without it.
        "open_nik": index if holds_nik else None,
        "person_index": person_index_of(worker.kk, worker.birth_date, worker.full_name),
    }


def _facts(answers: Answers) -> list[WorkerFacts]:
    return [WorkerFacts(nik=w.nik, birth_date=w.birth_date, decile=w.decile, kk=w.kk,
                        full_name=w.full_name) for w in answers.workers]


def _flagged(workers: list[WorkerFacts], ctx: WorkerContext, known: KnownAtSubmit) -> bool:
    """Whether the queue marks the request for a closer look (lindungi.core.flags)."""
    return needs_attention(submit_codes(workers, ctx.today, ctx.params, known))


def submit_request(answers: Answers, token: str, ctx: WorkerContext) -> EnrollmentRequest:
    """Store a complete, checked draft as a new request with its workers and its first status
    change. The caller has made sure the token is not used yet and commits.

    The reference is drawn without looking it up first: 31**7 references make a clash very
    unlikely, and the unique index turns one into an IntegrityError, after which the view
    (views._submit) tries once more with a new reference, as it does for a parallel submit."""
    applicant, contact, consent = answers.applicant, answers.contact, answers.consent
    if applicant is None or contact is None or consent is None or not answers.workers:
        raise ValueError("incomplete answers")
    # Everything about other requests in one query (enrollment.flags.known_at_submit).
    workers = _facts(answers)
    known = known_at_submit(workers)
    # NIKs that another open request holds: the request is accepted all the same, flagged, and
    # the review page names the other request ("duplicate_request", computed there).
    already_open = {w.nik for w in answers.workers if w.nik in known.open_niks}
    flagged = _flagged(workers, ctx, known) or bool(already_open)
    now = utcnow()
    values = {
        "reference": new_reference(), "idempotency_token": token,
        "status": RequestStatus.RECEIVED, "created_at": now, "updated_at": now,
        "for_self": applicant.for_self, "applicant_name": applicant.name,
        "applicant_relationship": applicant.relationship, "phone_e164": contact.phone_e164,
        "email": contact.email, "preferred_lang": contact.preferred_lang,
        "notify_channel": Channel(contact.channel),
        "consent_notice_version": consent.notice_version, "consented_at": consent.consented_at,
        "consent_on_behalf": consent.on_behalf, "flagged": flagged,
        "kecamatan_code": answers.workers[0].kecamatan_code, "version": 1,
    }
    # Three INSERT statements through Core (the sealed columns seal as they bind): the ORM's
    # unit of work for a new request, its workers and its history cost several times more
    # than the statements themselves, on the path every family takes.
    requests = EnrollmentRequest.__table__
    request_id = db.session.execute(
        sa.insert(requests).returning(requests.c.id), values).scalar_one()
    db.session.execute(sa.insert(EnrollmentWorker.__table__), [
        {"request_id": request_id, **_worker_values(n, w, w.nik not in already_open)}
        for n, w in enumerate(answers.workers, start=1)])
    db.session.execute(sa.insert(StatusChange.__table__), {
        "request_id": request_id, "at": now, "from_status": None,
        "to_status": RequestStatus.RECEIVED})
    # Counts and flags only: the audit log never holds personal data.
    actions.log(actions.ENROLLMENT_SUBMITTED, target_type="enrollment_request",
                target_id=request_id, workers=len(answers.workers), flagged=flagged,
                already_open=len(already_open))
    # Not added to the session: the message needs its id, reference, language and address.
    request = EnrollmentRequest(id=request_id, **values)
    notices.notify_status(request, RequestStatus.RECEIVED)
    return request
