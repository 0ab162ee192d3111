"""The outbox worker: claim one due message, send it, record what happened; again.

Claim (one short transaction): the due message's lease (`claimed_until`) is taken and a STARTED
attempt row written, then committed. Send: no transaction is open (SQLite's write lock is not
held while a server answers). Record (a second transaction): the attempt's outcome, and the
message's new state. On PostgreSQL the claim reads with FOR UPDATE SKIP LOCKED, so several
workers share the queue without waiting for each other; on SQLite the claim's transaction starts
with BEGIN IMMEDIATE (lindungi.database), so one worker claims at a time.

A worker that dies between claim and record leaves its lease to expire; the message is then
claimed again and the left-over STARTED attempt becomes INTERRUPTED. The message may or may not
have gone out. A channel that takes an idempotency key (the gateways) gets the same key again
and drops the duplicate, so the family gets one message. SMTP takes no key: the mail is sent
once more (a second copy at most: after two interrupted attempts a message to a channel without
a key is not sent again, and staff see it as not delivered).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from lindungi.extensions import db
from lindungi.outbox.channels import DeliveryError, Outgoing, Sender
from lindungi.outbox.models import (
    AttemptOutcome,
    DeliveryAttempt,
    MessageState,
    OutboxMessage,
)
from lindungi.timeutil import utcnow

log = logging.getLogger(__name__)
Outcome = AttemptOutcome
NOT_CONFIGURED = "channel not configured"
UNCERTAIN = "two attempts were interrupted: not sent again, it may have arrived"
MAX_INTERRUPTED_WITHOUT_KEY = 2


def retry_delay(attempt: int, base: timedelta, cap: timedelta) -> timedelta:
    """Exponential backoff: base after the first failure, doubling each time, at most cap."""
    # The exponent is bounded so that a large attempt number cannot overflow timedelta.
    return min(cap, base * 2 ** min(max(0, attempt - 1), 32))


@dataclass(frozen=True)
class Settings:
    lease: timedelta = timedelta(minutes=5)
    max_attempts: int = 8
    retry_base: timedelta = timedelta(minutes=1)
    retry_cap: timedelta = timedelta(hours=6)
    # Tests only: sleep this long between send and record, so a test can kill the worker there.
    pause_after_send: float = 0.0

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Settings:
        pause = 0.0 if config.get("ENV") == "production" else float(
            config.get("OUTBOX_TEST_PAUSE_AFTER_SEND") or 0)
        return cls(lease=timedelta(seconds=int(config["OUTBOX_LEASE_SECONDS"])),
                   max_attempts=int(config["OUTBOX_MAX_ATTEMPTS"]),
                   retry_base=timedelta(seconds=int(config["OUTBOX_RETRY_BASE_SECONDS"])),
                   retry_cap=timedelta(seconds=int(config["OUTBOX_RETRY_MAX_SECONDS"])),
                   pause_after_send=pause)


@dataclass(frozen=True)
class Claim:
    outgoing: Outgoing
    attempt_id: int
    attempt_number: int
    interrupted_before: int  # earlier attempts that may have sent it


@dataclass(frozen=True)
class Result:
    outcome: AttemptOutcome
    error: str = ""
    permanent: bool = False


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:80]


class OutboxWorker:
    def __init__(self, senders: Mapping[Any, Sender], settings: Settings,
                 clock: Callable[[], datetime] = utcnow, name: str | None = None) -> None:
        self.senders = senders
        self.settings = settings
        self.clock = clock
        self.name = name or worker_name()

    def claim(self) -> Claim | None:
        """Take the next due message (or None), in its own committed transaction."""
        now = self.clock()
        message = db.session.scalar(
            sa.select(OutboxMessage)
            .where(OutboxMessage.state == MessageState.PENDING,
                   OutboxMessage.next_attempt_at <= now,
                   sa.or_(OutboxMessage.claimed_until.is_(None),
                          OutboxMessage.claimed_until <= now))
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(1)
            .with_for_update(skip_locked=True)  # PostgreSQL; SQLite renders nothing here
        )
        if message is None:
            db.session.commit()
            return None
        interrupted = 0
        for attempt in message.attempts:
            if attempt.outcome is Outcome.STARTED:  # its worker died before recording
                attempt.outcome = Outcome.INTERRUPTED
            interrupted += attempt.outcome is Outcome.INTERRUPTED
        message.attempt_count += 1
        message.claimed_until = now + self.settings.lease
        message.claimed_by = self.name
        attempt = DeliveryAttempt(message_id=message.id, number=message.attempt_count,
                                  started_at=now, outcome=Outcome.STARTED, worker=self.name)
        db.session.add(attempt)
        db.session.flush()
        claim = Claim(
            Outgoing(message.id, message.idempotency_key, message.channel, message.recipient,
                     message.lang, message.subject, message.body),
            attempt.id, attempt.number, interrupted)
        db.session.commit()
        return claim

    def deliver(self, claim: Claim) -> Result:
        """Send it (no database access here)."""
        sender = self.senders.get(claim.outgoing.channel)
        if sender is None:
            return Result(Outcome.NOT_CONFIGURED, NOT_CONFIGURED, permanent=True)
        if not sender.idempotent and claim.interrupted_before >= MAX_INTERRUPTED_WITHOUT_KEY:
            return Result(Outcome.UNCERTAIN, UNCERTAIN, permanent=True)
        try:
            sender.send(claim.outgoing)
        except DeliveryError as error:
            return Result(Outcome.REFUSED if error.permanent else Outcome.FAILED, error.text,
                          permanent=error.permanent)
        except Exception as error:  # a bug or a library surprise: retried, and logged by type
            log.error("outbox message %s: unexpected %s", claim.outgoing.message_id,
                      type(error).__name__)
            return Result(Outcome.FAILED, f"unexpected error ({type(error).__name__})")
        if self.settings.pause_after_send:
            time.sleep(self.settings.pause_after_send)
        return Result(Outcome.SENT)

    def record(self, claim: Claim, result: Result) -> None:
        now = self.clock()
        attempt = db.session.get(DeliveryAttempt, claim.attempt_id, with_for_update=True)
        message = db.session.get(OutboxMessage, claim.outgoing.message_id, with_for_update=True)
        if attempt is None or message is None:  # deleted meanwhile (the request was deleted)
            db.session.commit()
            return
        attempt.outcome = result.outcome
        attempt.error = result.error
        attempt.finished_at = now
        # Still ours? (A send slower than the lease lets another worker claim it meanwhile;
        # then that worker decides what happens next, unless this attempt got through.)
        owner = message.claimed_by == self.name
        if owner:
            message.claimed_until = None
        if result.outcome is Outcome.SENT:
            message.state = MessageState.SENT
            message.sent_at = now
            message.last_error = ""
        elif owner and message.state is MessageState.PENDING:
            message.last_error = result.error
            if result.permanent or message.attempt_count >= self.settings.max_attempts:
                message.state = MessageState.FAILED
            else:
                message.next_attempt_at = now + retry_delay(
                    message.attempt_count, self.settings.retry_base, self.settings.retry_cap)
        db.session.commit()

    def step(self) -> bool:
        """One message: claim, send, record. False when nothing was due."""
        claim = self.claim()
        if claim is None:
            return False
        self.record(claim, self.deliver(claim))
        return True

    def run_until_idle(self, stop: threading.Event | None = None) -> int:
        """Send every message that is due now (--once); returns how many were handled."""
        handled = 0
        while not (stop and stop.is_set()) and self.step():
            handled += 1
        return handled

    def run(self, stop: threading.Event, poll_seconds: float) -> None:
        """Until `stop` is set (SIGTERM, Ctrl-C): the message in hand is finished first."""
        while not stop.is_set():
            try:
                busy = self.step()
            except sa.exc.OperationalError as error:  # database restarting, or locked
                db.session.rollback()
                log.warning("outbox: database not available (%s)", type(error).__name__)
                busy = False
            if not busy:
                stop.wait(poll_seconds)
