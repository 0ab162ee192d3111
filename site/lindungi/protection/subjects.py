"""A person's rights over their data (UU 27/2022), for admins: find everything held about a NIK
(through its blind index), export it, correct it, erase it. Each function flushes and writes
its audit row (counts, ids and field names only, never values); the view commits.

Drafts are not found by NIK: they are sealed whole, hold no index, and are deleted within hours.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from lindungi.audit import actions
from lindungi.audit.models import AuditEvent
from lindungi.enrollment.models import (
    OPEN_STATUSES,
    EnrollmentRequest,
    EnrollmentWorker,
    InternalNote,
    StatusChange,
)
from lindungi.extensions import db
from lindungi.protection.columns import nik_index
from lindungi.protection.notice import notice_revision
from lindungi.protection.retention import count_and_delete
from lindungi.staff.models import StaffUser

# What a correction may change: worker fields, and the request's contact phone.
WORKER_FIELDS = ("full_name", "nik", "kk", "birth_date", "mother_maiden_name", "address")
REQUEST_FIELDS = ("phone_e164",)


def workers_with_nik(nik: str) -> list[EnrollmentWorker]:
    """Every worker row naming this NIK, newest request first (their requests load with them)."""
    return list(db.session.scalars(
        sa.select(EnrollmentWorker).join(EnrollmentWorker.request)
        .where(EnrollmentWorker.nik_index == nik_index(nik))
        .order_by(EnrollmentRequest.created_at.desc(), EnrollmentWorker.id)))


def find(nik: str, staff: StaffUser) -> list[EnrollmentWorker]:
    found = workers_with_nik(nik)
    actions.log(actions.SUBJECT_SEARCHED, actor_id=staff.id, target_type="subject",
                found=len(found))
    db.session.flush()
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        return value.value
    return value


def _columns(row: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {column.key: _plain(getattr(row, column.key))
            for column in sa.inspect(type(row)).column_attrs if column.key not in skip}


@dataclass(frozen=True)
class Export:
    filename_stamp: str
    data: dict[str, Any]

    def to_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=2)


def _request_record(request: EnrollmentRequest, worker: EnrollmentWorker) -> dict[str, Any]:
    history = db.session.scalars(sa.select(StatusChange).where(
        StatusChange.request_id == request.id).order_by(StatusChange.at, StatusChange.id))
    notes = db.session.scalars(sa.select(InternalNote).where(
        InternalNote.request_id == request.id).order_by(InternalNote.at, InternalNote.id))
    views = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.target_type == "enrollment_request",
        AuditEvent.target_id == str(request.id)).order_by(AuditEvent.at, AuditEvent.id))
    revision = notice_revision(request.consent_notice_version)
    return {
        "request": _columns(request, skip=("idempotency_token", "version")),
        "worker": _columns(worker, skip=("nik_index", "open_nik")),
        "other_workers_in_request": len(request.workers) - 1,
        "consent": {
            "notice_version": request.consent_notice_version,
            "given_at": _plain(request.consented_at),
            "on_behalf_of_the_workers": request.consent_on_behalf,
            "notice_text": revision.snapshot if revision is not None else None,
        },
        "history": [_columns(change, skip=("id", "request_id", "staff_id")) for change in history],
        "internal_notes": [{"at": _plain(note.at), "body": note.body} for note in notes],
        "access_log": [{"at": _plain(event.at), "action": event.action,
                        "staff_id": event.actor_id} for event in views],
    }


def export(nik: str, staff: StaffUser, stamp: str) -> Export:
    """Everything held about the person with this NIK, as one JSON document."""
    workers = workers_with_nik(nik)
    data = {
        "format": 1,
        "held_by": "Pemerintah Kota Makassar, Dinas Ketenagakerjaan",
        "requests": [_request_record(worker.request, worker) for worker in workers],
    }
    actions.log(actions.SUBJECT_EXPORTED, actor_id=staff.id, target_type="subject",
                requests=len(workers))
    db.session.flush()
    return Export(stamp, data)


def correct(worker: EnrollmentWorker, staff: StaffUser, changes: dict[str, Any]) -> list[str]:
    """Apply the changed values; returns the names of the fields that changed (audited)."""
    changed = []
    request = worker.request
    for name, value in changes.items():
        target = request if name in REQUEST_FIELDS else worker
        if name not in WORKER_FIELDS + REQUEST_FIELDS:
            raise ValueError(f"not a correctable field: {name}")
        if getattr(target, name) != value:
            setattr(target, name, value)  # a new NIK also gets its blind indexes (models)
            changed.append(name)
    if changed:
        actions.log(actions.SUBJECT_CORRECTED, actor_id=staff.id,
                    target_type="enrollment_request", target_id=request.id,
                    worker=worker.id, fields=changed)
        db.session.flush()  # a NIK held open by another request fails here (unique open_nik)
    return changed


def erase(request: EnrollmentRequest, staff: StaffUser) -> tuple[int, int]:
    """Delete the request with its workers, history and notes, keeping anonymous counts."""
    was_open = request.status in OPEN_STATUSES
    request_id = request.id
    db.session.expunge(request)
    requests, workers = count_and_delete([request_id])
    actions.log(actions.SUBJECT_ERASED, actor_id=staff.id, target_type="enrollment_request",
                target_id=request_id, workers=workers, was_open=was_open)
    db.session.flush()
    return requests, workers
