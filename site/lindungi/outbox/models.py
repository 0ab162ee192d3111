"""Outbox rows: one message to one address, and each attempt to deliver it.

A message holds its finished text (rendered when it was queued, in the request's language), so
a retry sends the same words and staff see exactly what was sent. The text never holds a NIK,
KK or date of birth: only the reference and a link (outbox.notices). The recipient address is
personal data: it is shown to reviewers only and never written to logs or attempt rows.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.extensions import db, str_enum
from lindungi.protection.columns import SealedText
from lindungi.timeutil import utcnow


class Channel(enum.StrEnum):
    # In the order the contact step offers them: WhatsApp is what Makassar uses most.
    WHATSAPP = "whatsapp"
    SMS = "sms"
    EMAIL = "email"


class MessageKind(enum.StrEnum):
    """What a message says. Stored as text: adding a kind needs no migration."""

    RECEIVED = "received"
    NEEDS_INFO = "needs_info"
    APPROVED = "approved"
    REGISTERED = "registered"
    REJECTED = "rejected"
    REVIEW_REQUESTED = "review_requested"
    # The code and link of a saved draft (enrollment.resume_messages): no request exists yet.
    RESUME_LINK = "resume_link"
    STAFF_PASSWORD_RESET = "staff_password_reset"  # noqa: S105 - a kind; to a staff member


class MessageState(enum.StrEnum):
    PENDING = "pending"  # waiting for its next attempt (or being sent: see claimed_until)
    SENT = "sent"
    FAILED = "failed"  # given up: staff reach the family another way


class AttemptOutcome(enum.StrEnum):
    STARTED = "started"  # claimed; replaced by the outcome once recorded
    SENT = "sent"
    FAILED = "failed"  # a temporary error: tried again later
    REFUSED = "refused"  # a permanent error: not tried again
    NOT_CONFIGURED = "not_configured"
    INTERRUPTED = "interrupted"  # the worker stopped between claim and record (crash, kill)
    UNCERTAIN = "uncertain"  # not sent again: earlier sends may have arrived (worker.py)


class OutboxMessage(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "outbox_message"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    # Random, made once: with the id it forms the idempotency key, which stays the same on
    # every retry and differs from any message of another database that reused the id.
    key: so.Mapped[str] = so.mapped_column(sa.String(32))
    # NULL for messages that belong to no request yet (e.g. a link to a saved draft).
    request_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("enrollment_request.id", ondelete="CASCADE"), index=True)
    kind: so.Mapped[MessageKind] = so.mapped_column(str_enum(MessageKind, 40))
    channel: so.Mapped[Channel] = so.mapped_column(str_enum(Channel))
    # A phone number or e-mail address: personal data, sealed at rest like the request's own.
    recipient: so.Mapped[str] = so.mapped_column(SealedText("outbox_message.recipient"))
    lang: so.Mapped[str] = so.mapped_column(sa.String(5))
    subject: so.Mapped[str] = so.mapped_column(sa.String(200))
    body: so.Mapped[str] = so.mapped_column(sa.Text)
    state: so.Mapped[MessageState] = so.mapped_column(
        str_enum(MessageState), default=MessageState.PENDING)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    next_attempt_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    # A lease: while it lies in the future one worker owns the message. A worker that dies
    # leaves it to expire, and the message is claimed again.
    claimed_until: so.Mapped[datetime | None]
    claimed_by: so.Mapped[str] = so.mapped_column(sa.String(80), default="")
    attempt_count: so.Mapped[int] = so.mapped_column(default=0)
    sent_at: so.Mapped[datetime | None]
    last_error: so.Mapped[str] = so.mapped_column(sa.String(200), default="")

    attempts: so.Mapped[list[DeliveryAttempt]] = so.relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="DeliveryAttempt.number",
        lazy="select")

    # The worker looks for due pending messages; the queue for requests with a failed one.
    __table_args__ = (sa.Index("ix_outbox_message_state_due", "state", "next_attempt_at"),)

    @property
    def idempotency_key(self) -> str:
        return idempotency_key(self.id, self.key)


def idempotency_key(message_id: int, key: str) -> str:
    return f"lindungi-{message_id}-{key}"


class DeliveryAttempt(db.Model):  # type: ignore[name-defined,misc]
    """One try: when, what happened, and the error in our own words (never the server's text,
    which may quote the address)."""

    __tablename__ = "delivery_attempt"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    message_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("outbox_message.id", ondelete="CASCADE"), index=True)
    number: so.Mapped[int]
    started_at: so.Mapped[datetime]
    finished_at: so.Mapped[datetime | None]
    outcome: so.Mapped[AttemptOutcome] = so.mapped_column(str_enum(AttemptOutcome))
    error: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    worker: so.Mapped[str] = so.mapped_column(sa.String(80), default="")

    message: so.Mapped[OutboxMessage] = so.relationship(back_populates="attempts")
