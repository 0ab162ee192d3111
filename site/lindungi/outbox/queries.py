"""What staff read about messages: a request's messages with their attempts, and which requests
have one that was not delivered (the queue's marker and filter)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.extensions import db
from lindungi.outbox.models import MessageState, OutboxMessage


def messages_for(request_id: int) -> list[OutboxMessage]:
    return list(db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.request_id == request_id)
        .options(so.selectinload(OutboxMessage.attempts))
        .order_by(OutboxMessage.created_at, OutboxMessage.id)
    ))


def undelivered_request_ids() -> sa.Select[Any]:
    """Requests with a message given up on (state FAILED): a subquery for `id IN (...)`, which
    the (state, next_attempt_at) index answers."""
    return sa.select(OutboxMessage.request_id).where(
        OutboxMessage.state == MessageState.FAILED, OutboxMessage.request_id.is_not(None))


def has_undelivered(request_id_column: Any) -> sa.ColumnElement[bool]:
    """For the queue's rows: does this request have a message that was not delivered?"""
    return sa.exists().where(OutboxMessage.request_id == request_id_column,
                             OutboxMessage.state == MessageState.FAILED)


def state_counts() -> dict[MessageState, int]:
    """How many messages are in each state (every state present, zero when none)."""
    rows = db.session.execute(sa.select(OutboxMessage.state, sa.func.count())
                              .group_by(OutboxMessage.state)).all()
    counted = {state: 0 for state in MessageState}
    counted.update({state: count for state, count in rows})
    return counted
