"""The flags on the request detail page, with their messages: the rules are
lindungi.core.flags (shared with the enrollment submit, which stores `flagged`); duplicates are
looked up again on every view, since a later request can make an earlier one a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _

from lindungi.core.flags import (
    WorkerFacts,
    decile_flag,
    duplicate_code,
    niks_given_twice,
    worker_codes,
)
from lindungi.core.parameters import ProgramParameters
from lindungi.enrollment.flags import other_requests, person_of, similar_requests
from lindungi.enrollment.models import EnrollmentRequest, EnrollmentWorker, RequestStatus
from lindungi.enrollment.statuses import STATUS_LABELS


@dataclass(frozen=True)
class Flag:
    code: str
    message: str
    worker_id: int | None = None
    links: tuple[tuple[int, str], ...] = field(default=())  # (request id, reference)


def facts(worker: EnrollmentWorker) -> WorkerFacts:
    return WorkerFacts(nik=worker.nik, birth_date=worker.birth_date, decile=worker.decile,
                       kk=worker.kk, full_name=worker.full_name)


def _age_message(code: str, params: ProgramParameters) -> str:
    if code == "age_outside":
        return _("Age outside %(min)s–%(max)s years on the day the request was sent.",
                 min=params.min_age, max=params.max_age)
    if code == "age_near_min":
        return _("Turned %(min)s less than six months before the request: check the date of "
                 "birth.", min=params.min_age)
    return _("Reaches the age limit of %(max)s years within six months.", max=params.max_age)


def _decile_message(worker: EnrollmentWorker, params: ProgramParameters) -> str:
    code = decile_flag(worker.decile, params)
    if code == "missing":
        return _("No welfare decile given: check the national welfare data.")
    if code == "above":
        return _("Self-declared decile %(decile)s is above the program's deciles "
                 "%(min)s–%(max)s.", decile=worker.decile, min=params.min_decile,
                 max=params.max_decile)
    return _("Self-declared decile %(decile)s: verify it against the national welfare data.",
             decile=worker.decile)


def _message(code: str, worker: EnrollmentWorker, params: ProgramParameters) -> str:
    if code == "nik_outside":
        return _("The NIK was not issued in Kota Makassar (it does not start with %(prefix)s): "
                 "check the address on the KTP or family card.",
                 prefix=params.makassar_nik_prefix)
    if code.startswith("age_"):
        return _age_message(code, params)
    return _decile_message(worker, params)


def _worker_flags(worker: EnrollmentWorker, sent_on: date,
                  params: ProgramParameters) -> list[Flag]:
    return [Flag(code, _message(code, worker, params), worker.id)
            for code in worker_codes(facts(worker), sent_on, params)]


def _duplicate_flags(request: EnrollmentRequest) -> list[Flag]:
    """Other requests with the same NIK (one query for all the workers), and a NIK given twice
    in this request."""
    found = []
    twice = niks_given_twice(worker.nik for worker in request.workers)
    for worker in request.workers:
        if worker.nik in twice:
            found.append(Flag("duplicate_here", _("This NIK appears twice in this request."),
                              worker.id))
    others = other_requests((worker.nik for worker in request.workers), exclude_id=request.id)
    for worker in request.workers:
        for other in others:
            if other.nik != worker.nik:
                continue
            code = duplicate_code(other.status == RequestStatus.REGISTERED)
            if code == "duplicate_registered":
                message = _("Already registered with BPJS Ketenagakerjaan through request "
                            "%(reference)s.", reference=other.reference)
            else:
                message = _("Also in request %(reference)s (%(status)s).",
                            reference=other.reference, status=STATUS_LABELS[other.status])
            found.append(Flag(code, message, worker.id, ((other.id, other.reference),)))
    similar = similar_requests([facts(worker) for worker in request.workers],
                               exclude_id=request.id)
    for worker in request.workers:
        person = person_of(facts(worker))
        for other in similar:
            if other.person == person:
                found.append(Flag("duplicate_similar", _(
                    "Possible duplicate: the same family card, date of birth and name, under "
                    "another NIK, in request %(reference)s (%(status)s).",
                    reference=other.reference, status=STATUS_LABELS[other.status],
                ), worker.id, ((other.id, other.reference),)))
    return found


def flags_for(request: EnrollmentRequest, sent_on: date,
              params: ProgramParameters) -> list[Flag]:
    found = _duplicate_flags(request)
    for worker in request.workers:
        found.extend(_worker_flags(worker, sent_on, params))
    return found
