"""What a reviewer should look at twice in a request.

None of these refuses a request by itself: a NIK from elsewhere does not prove the worker lives
outside Makassar, and the decile is the applicant's own answer until checked against the national
welfare data. The flags only say where to look.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from lindungi.core.ages import eligible_birth_dates
from lindungi.core.parameters import ProgramParameters
from lindungi.enrollment.models import EnrollmentRequest, EnrollmentWorker, RequestStatus
from lindungi.enrollment.statuses import STATUS_LABELS
from lindungi.extensions import db

# "Near" an age limit: within about six months of turning the minimum age or of passing the
# maximum, on the day the request was sent.
NEAR_LIMIT = timedelta(days=183)


@dataclass(frozen=True)
class Flag:
    code: str
    message: str
    worker_id: int | None = None
    links: tuple[tuple[int, str], ...] = field(default=())  # (request id, reference)


def age_flag(birth_date: date, on_date: date, params: ProgramParameters) -> str | None:
    """"outside", "near_min", "near_max" or None, for the age on `on_date`."""
    earliest, latest = eligible_birth_dates(on_date, params)
    if birth_date < earliest or birth_date > latest:
        return "outside"
    if birth_date > latest - NEAR_LIMIT:
        return "near_min"
    if birth_date < earliest + NEAR_LIMIT:
        return "near_max"
    return None


def decile_flag(decile: int | None, params: ProgramParameters) -> str:
    if decile is None:
        return "missing"
    return "above" if decile > params.max_decile else "self_declared"


def nik_outside_makassar(nik: str, params: ProgramParameters) -> bool:
    return not nik.startswith(params.makassar_nik_prefix)


def _age_message(code: str, params: ProgramParameters) -> str:
    if code == "outside":
        return _("Age outside %(min)s–%(max)s years on the day the request was sent.",
                 min=params.min_age, max=params.max_age)
    if code == "near_min":
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


def _worker_flags(worker: EnrollmentWorker, sent_on: date,
                  params: ProgramParameters) -> list[Flag]:
    found = []
    if nik_outside_makassar(worker.nik, params):
        found.append(Flag("nik_outside", _(
            "The NIK was not issued in Kota Makassar (it does not start with %(prefix)s): "
            "check the address on the KTP or family card.", prefix=params.makassar_nik_prefix),
            worker.id))
    age = age_flag(worker.birth_date, sent_on, params)
    if age is not None:
        found.append(Flag("age_" + age, _age_message(age, params), worker.id))
    found.append(Flag("decile_" + decile_flag(worker.decile, params),
                      _decile_message(worker, params), worker.id))
    return found


def _duplicate_flags(request: EnrollmentRequest) -> list[Flag]:
    """Other requests with the same NIK (one query for all the workers), and a NIK given twice
    in this request."""
    found = []
    niks = [worker.nik for worker in request.workers]
    twice = {nik for nik, count in Counter(niks).items() if count > 1}
    for worker in request.workers:
        if worker.nik in twice:
            found.append(Flag("duplicate_here", _("This NIK appears twice in this request."),
                              worker.id))
    rows = db.session.execute(
        sa.select(EnrollmentWorker.nik, EnrollmentRequest.id, EnrollmentRequest.reference,
                  EnrollmentRequest.status)
        .join(EnrollmentRequest, EnrollmentWorker.request_id == EnrollmentRequest.id)
        .where(EnrollmentWorker.nik.in_(niks), EnrollmentRequest.id != request.id)
        .order_by(EnrollmentRequest.created_at)
    ).all()
    others: dict[str, list[Any]] = {}
    for row in rows:
        others.setdefault(row.nik, []).append(row)
    for worker in request.workers:
        for row in others.get(worker.nik, []):
            if row.status == RequestStatus.REGISTERED:
                message = _("Already registered with BPJS Ketenagakerjaan through request "
                            "%(reference)s.", reference=row.reference)
                code = "duplicate_registered"
            else:
                message = _("Also in request %(reference)s (%(status)s).",
                            reference=row.reference, status=STATUS_LABELS[row.status])
                code = "duplicate_request"
            found.append(Flag(code, message, worker.id, ((row.id, row.reference),)))
    return found


def flags_for(request: EnrollmentRequest, sent_on: date,
              params: ProgramParameters) -> list[Flag]:
    found = _duplicate_flags(request)
    for worker in request.workers:
        found.extend(_worker_flags(worker, sent_on, params))
    return found
