"""Queueing a message: one row, flushed in the caller's transaction, never committed here.

So the message exists exactly when the change that caused it is committed, and a rolled-back
change leaves no message behind. Anything that wants to tell a family something (a status change,
a link to a saved draft) calls `queue_message` with a finished text.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from lindungi.extensions import db
from lindungi.outbox.models import Channel, MessageKind, MessageState, OutboxMessage
from lindungi.outbox.texts import MessageText
from lindungi.timeutil import utcnow

NO_ADDRESS = "no address for this channel"


def queue_message(*, kind: MessageKind, channel: Channel, recipient: str, lang: str,
                  text: MessageText, request_id: int | None = None,
                  now: datetime | None = None) -> OutboxMessage:
    """Add a message for the worker to send. Without an address it is stored as failed at once,
    so staff see that the family was not told (rather than nothing at all)."""
    now = now or utcnow()
    message = OutboxMessage(
        key=secrets.token_hex(8), request_id=request_id, kind=kind, channel=channel,
        recipient=recipient, lang=lang, subject=text.subject, body=text.body,
        state=MessageState.PENDING, created_at=now, next_attempt_at=now,
    )
    if not recipient:
        message.state = MessageState.FAILED
        message.last_error = NO_ADDRESS
    db.session.add(message)
    db.session.flush()
    return message
