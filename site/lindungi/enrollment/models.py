"""Enrollment requests sent by families, the workers in them, and what happened to them.

Personal data lives only here (NIK, KK, dates of birth, phones). Public pages show a first name
and the status; NIK and KK are shown in full only on the reviewer screens (each view audited).
NIK, KK, date of birth, phones, mother's maiden name and the whole draft are sealed in the
database (protection.columns); a NIK is found through its blind index (nik_index, open_nik).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.extensions import db, str_enum
from lindungi.outbox.models import Channel
from lindungi.protection.columns import (
    SealedDate,
    SealedJSON,
    SealedText,
    nik_index,
    person_index,
)
from lindungi.timeutil import utcnow


class RequestStatus(enum.StrEnum):
    RECEIVED = "received"
    IN_REVIEW = "in_review"
    NEEDS_INFO = "needs_info"
    APPROVED = "approved"
    REGISTERED = "registered"
    REJECTED = "rejected"


# A NIK in one of these requests may not be sent again ("already has an open request").
OPEN_STATUSES = (
    RequestStatus.RECEIVED, RequestStatus.IN_REVIEW, RequestStatus.NEEDS_INFO,
    RequestStatus.APPROVED,
)


class Sex(enum.StrEnum):
    MALE = "M"
    FEMALE = "F"


class EnrollmentDraft(db.Model):
    """Answers in progress. The session cookie holds only this row's random id; rows expire
    (ENROLLMENT_DRAFT_HOURS) and are deleted when sent or found expired."""

    __tablename__ = "enrollment_draft"

    id: so.Mapped[str] = so.mapped_column(sa.String(43), primary_key=True)
    data: so.Mapped[dict] = so.mapped_column(SealedJSON("enrollment_draft.data"), default=dict)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, onupdate=utcnow)
    expires_at: so.Mapped[datetime] = so.mapped_column(index=True)


class EnrollmentRequest(db.Model):
    __tablename__ = "enrollment_request"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    reference: so.Mapped[str] = so.mapped_column(sa.String(16), unique=True)
    # The final submit's token: the same token twice means the same request, never a second one.
    idempotency_token: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    status: so.Mapped[RequestStatus] = so.mapped_column(
        str_enum(RequestStatus), default=RequestStatus.RECEIVED, index=True
    )
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, index=True)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, onupdate=utcnow)
    decided_at: so.Mapped[datetime | None]
    for_self: so.Mapped[bool]
    applicant_name: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    applicant_relationship: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    phone_e164: so.Mapped[str] = so.mapped_column(SealedText("enrollment_request.phone_e164"))
    email: so.Mapped[str] = so.mapped_column(sa.String(254), default="")
    preferred_lang: so.Mapped[str] = so.mapped_column(sa.String(5), default="id")
    # Where status messages go (outbox): WhatsApp or SMS to phone_e164, e-mail to email.
    notify_channel: so.Mapped[Channel] = so.mapped_column(
        str_enum(Channel), default=Channel.WHATSAPP, server_default=Channel.WHATSAPP.value)
    consent_notice_version: so.Mapped[str] = so.mapped_column(sa.String(20))
    consented_at: so.Mapped[datetime]
    # The applicant agreed for the workers (someone else's request), not each worker himself.
    consent_on_behalf: so.Mapped[bool] = so.mapped_column(default=False)
    # Shown to the applicant on the status page (more information needed / rejection reason).
    # Free text about the family's case (the reviewer's question, the applicant's answer, notes)
    # can hold anything a person writes, NIK and phone included: sealed like the fields above.
    public_message: so.Mapped[str] = so.mapped_column(
        SealedText("enrollment_request.public_message"), default="")
    rejection_reason: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    flagged: so.Mapped[bool] = so.mapped_column(default=False, index=True)
    kecamatan_code: so.Mapped[str] = so.mapped_column(sa.String(12), index=True)  # first worker's
    version: so.Mapped[int] = so.mapped_column(default=1)

    workers: so.Mapped[list[EnrollmentWorker]] = so.relationship(
        back_populates="request", cascade="all, delete-orphan",
        order_by="EnrollmentWorker.position", lazy="selectin",
    )
    history: so.Mapped[list[StatusChange]] = so.relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="StatusChange.at",
        lazy="select",
    )

    # Optimistic locking: two reviewers deciding at once, the second gets StaleDataError.
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own API
    # The review queue filters by status or kecamatan and sorts by date (review.queries).
    __table_args__ = (
        sa.Index("ix_enrollment_request_status_created", "status", "created_at"),
        sa.Index("ix_enrollment_request_kecamatan_created", "kecamatan_code", "created_at"),
    )


class EnrollmentWorker(db.Model):
    __tablename__ = "enrollment_worker"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    request_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("enrollment_request.id", ondelete="CASCADE"), index=True
    )
    position: so.Mapped[int] = so.mapped_column(default=1)
    full_name: so.Mapped[str] = so.mapped_column(sa.String(120), index=True)
    nik: so.Mapped[str] = so.mapped_column(SealedText("enrollment_worker.nik"))
    # The NIK's blind index (protection.columns.nik_index): duplicates and look-ups by NIK.
    nik_index: so.Mapped[str] = so.mapped_column(sa.String(64), index=True)
    kk: so.Mapped[str] = so.mapped_column(SealedText("enrollment_worker.kk"))
    birth_date: so.Mapped[date] = so.mapped_column(SealedDate("enrollment_worker.birth_date"))
    sex: so.Mapped[Sex] = so.mapped_column(str_enum(Sex, 1))
    place_of_birth: so.Mapped[str] = so.mapped_column(sa.String(80), default="")
    mother_maiden_name: so.Mapped[str] = so.mapped_column(
        SealedText("enrollment_worker.mother_maiden_name"), default="")
    address: so.Mapped[str] = so.mapped_column(sa.String(300))
    rt_rw: so.Mapped[str] = so.mapped_column(sa.String(12), default="")
    kecamatan_code: so.Mapped[str] = so.mapped_column(sa.String(12))
    kelurahan_code: so.Mapped[str] = so.mapped_column(sa.String(16))
    occupation: so.Mapped[str] = so.mapped_column(sa.String(40))
    income_band: so.Mapped[str] = so.mapped_column(sa.String(20))
    already_member: so.Mapped[bool] = so.mapped_column(default=False)
    decile: so.Mapped[int | None]  # self-declared; staff verify against national welfare data
    heir_name: so.Mapped[str] = so.mapped_column(sa.String(120))
    heir_relationship: so.Mapped[str] = so.mapped_column(sa.String(40))
    heir_phone_e164: so.Mapped[str] = so.mapped_column(
        SealedText("enrollment_worker.heir_phone_e164"), default="")
    nik_outside_makassar: so.Mapped[bool] = so.mapped_column(default=False)
    kpj_number: so.Mapped[str] = so.mapped_column(sa.String(20), default="")
    # The NIK's blind index while the request is open (OPEN_STATUSES), NULL once it is rejected
    # or registered. Unique: two requests naming the same NIK sent at the same moment cannot
    # both be stored, whatever the database's locking (the check before sending catches the rest).
    open_nik: so.Mapped[str | None] = so.mapped_column(sa.String(64), unique=True)
    # Blind index of KK, date of birth and name (protection.columns.person_index), set on every
    # insert and update: the possible-duplicate flag (same person under another NIK).
    person_index: so.Mapped[str | None] = so.mapped_column(sa.String(64), index=True)

    request: so.Mapped[EnrollmentRequest] = so.relationship(back_populates="workers")

    # The review queue shows each request's first worker, and its kecamatan filter finds a
    # request by any worker's kecamatan (review.queries).
    __table_args__ = (
        sa.Index("ix_enrollment_worker_request_position", "request_id", "position"),
        sa.Index("ix_enrollment_worker_kecamatan_request", "kecamatan_code", "request_id"),
    )

    @property
    def first_name(self) -> str:
        return self.full_name.split(" ", 1)[0] if self.full_name else ""


class StatusChange(db.Model):
    """One decision or step: who, when, from what to what, and why."""

    __tablename__ = "status_change"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    request_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("enrollment_request.id", ondelete="CASCADE"), index=True
    )
    at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    from_status: so.Mapped[RequestStatus | None] = so.mapped_column(str_enum(RequestStatus))
    to_status: so.Mapped[RequestStatus] = so.mapped_column(str_enum(RequestStatus))
    staff_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("staff_user.id"))
    public_message: so.Mapped[str] = so.mapped_column(
        SealedText("status_change.public_message"), default="")
    reason_code: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    # The reviewer's note, or the applicant's own answer (reason_code "applicant_answer").
    internal_note: so.Mapped[str] = so.mapped_column(
        SealedText("status_change.internal_note"), default="")

    request: so.Mapped[EnrollmentRequest] = so.relationship(back_populates="history")


class InternalNote(db.Model):
    __tablename__ = "internal_note"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    request_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("enrollment_request.id", ondelete="CASCADE"), index=True
    )
    staff_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("staff_user.id"))
    at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    body: so.Mapped[str] = so.mapped_column(SealedText("internal_note.body"))


@sa.event.listens_for(EnrollmentWorker.nik, "set")
def _index_nik(worker: EnrollmentWorker, value: str | None, _old: object,
               _initiator: object) -> None:
    """Keep the blind indexes in step with the NIK (a correction changes both)."""
    worker.nik_index = nik_index(value) if value else ""
    if worker.open_nik is not None:
        worker.open_nik = worker.nik_index


@sa.event.listens_for(EnrollmentWorker, "before_insert")
@sa.event.listens_for(EnrollmentWorker, "before_update")
def _index_person(_mapper: object, _connection: object, worker: EnrollmentWorker) -> None:
    """Keep the person's blind index in step with KK, date of birth and name (a correction or
    an erasure changes them)."""
    worker.person_index = person_index_of(worker.kk, worker.birth_date, worker.full_name)


def person_index_of(kk: str | None, birth_date: date | None, full_name: str | None
                    ) -> str | None:
    """The person's blind index (same KK, date of birth and name), or None while one of them
    is missing (an erased worker has none). Rows inserted through Core use it too."""
    if kk and birth_date is not None and full_name:
        return person_index(kk, birth_date, full_name)
    return None
