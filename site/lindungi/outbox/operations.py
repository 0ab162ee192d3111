"""Queueing a message: one row, flushed in the caller's transaction, never committed here.

So the message exists exactly when the change that caused it is committed, and a rolled-back
change leaves no message behind. Anything that wants to tell a family something (a status change,
a link to a saved draft) calls `queue_message` with a finished text.
"""

from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa

from lindungi.audit import actions
from lindungi.extensions import db
from lindungi.outbox.models import Channel, MessageKind, MessageState, OutboxMessage
from lindungi.outbox.texts import MessageText
from lindungi.timeutil import utcnow

NO_ADDRESS = "no address for this channel"


def queue_message(*, kind: MessageKind, channel: Channel, recipient: str, lang: str,
                  text: MessageText, request_id: int | None = None,
                  now: datetime | None = None) -> int:
    """Store a message for the worker to send, in the caller's transaction; returns its id.
    Without an address it is stored as failed at once, so staff see that the family was not
    told (rather than nothing at all).

    One INSERT through Core (the recipient seals as it binds): the unit of work for one new
    row costs several times the statement, and every family's request queues one."""
    now = now or utcnow()
    messages = OutboxMessage.__table__
    return db.session.execute(sa.insert(messages).returning(messages.c.id), {
        "key": secrets.token_hex(8), "request_id": request_id, "kind": kind,
        "channel": channel, "recipient": recipient, "lang": lang, "subject": text.subject,
        "body": text.body, "state": MessageState.PENDING if recipient else MessageState.FAILED,
        "last_error": "" if recipient else NO_ADDRESS, "created_at": now,
        "next_attempt_at": now,
    }).scalar_one()


def _retryable() -> sa.ColumnElement[bool]:
    # A message stored without an address would fail again at once: staff reach that family
    # another way.
    return sa.and_(OutboxMessage.state == MessageState.FAILED,
                   OutboxMessage.last_error != NO_ADDRESS)


def retryable_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(_retryable())) or 0


def retry_failed(*, actor_id: int | None, via: str | None = None) -> int:
    """Queue every undelivered message that has an address again (e.g. after a channel was set
    up or repaired), audited; the caller commits. Returns how many."""
    result = db.session.execute(
        sa.update(OutboxMessage).where(_retryable())
        .values(state=MessageState.PENDING, attempt_count=0, next_attempt_at=utcnow(),
                claimed_until=None, last_error="")
        .execution_options(synchronize_session=False))
    queued = int(getattr(result, "rowcount", 0) or 0)
    actions.log(actions.MESSAGES_RETRIED, actor_id=actor_id, target_type="outbox",
                messages=queued, **({"via": via} if via else {}))
    db.session.flush()
    return queued
