"""Retries on a fake clock: when a message is tried again, when it is given up, and what a
crashed worker's message becomes (claimed again after its lease; a channel without an
idempotency key gets it at most once more)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from flask import Flask

from lindungi.extensions import db
from lindungi.outbox import notices
from lindungi.outbox.channels import DeliveryError, Outgoing
from lindungi.outbox.models import (
    AttemptOutcome,
    Channel,
    MessageKind,
    MessageState,
    OutboxMessage,
)
from lindungi.outbox.worker import OutboxWorker, Settings
from tests.functional.outbox.conftest import messages
from tests.support.staff import load_request

A = AttemptOutcome
T0 = datetime(2026, 11, 20, 2, 0)


@dataclass
class FakeClock:
    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class FakeSender:
    idempotent: bool = True
    failures: int = 0  # how many sends fail (temporarily) before they succeed
    sent: list[Outgoing] = field(default_factory=list)

    def send(self, message: Outgoing) -> None:
        if self.failures:
            self.failures -= 1
            raise DeliveryError("gateway answered HTTP 503")
        self.sent.append(message)


@pytest.fixture
def queued(app: Flask, make_request) -> int:
    request = make_request(notify_channel=Channel.WHATSAPP, created_at=T0)
    with app.app_context():
        row = load_request(app, request.id)
        db.session.add(row)
        message = db.session.get(OutboxMessage, notices.notify(row, MessageKind.RECEIVED))
        message.created_at = message.next_attempt_at = T0
        db.session.commit()
        return message.id


def worker(sender: FakeSender, clock: FakeClock, name: str = "w1") -> OutboxWorker:
    settings = Settings(max_attempts=4, retry_base=timedelta(minutes=1),
                        retry_cap=timedelta(minutes=3), lease=timedelta(minutes=5))
    return OutboxWorker({Channel.WHATSAPP: sender}, settings, clock=clock, name=name)


def test_backoff_on_the_clock_then_given_up(app: Flask, queued: int) -> None:
    clock, sender = FakeClock(), FakeSender(failures=10)
    with app.app_context():
        outbox = worker(sender, clock)
        assert outbox.step() is True  # attempt 1 fails: next in 1 minute
        for wait in (timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=3)):
            clock.now += wait - timedelta(seconds=1)
            assert outbox.step() is False  # not due yet
            clock.advance(seconds=1)
            assert outbox.step() is True
        clock.advance(hours=24)
        assert outbox.step() is False  # given up after 4 attempts: never claimed again
    (message,) = messages(app)
    assert message.state is MessageState.FAILED
    assert message.last_error == "gateway answered HTTP 503"
    assert [a.started_at - T0 for a in message.attempts] == [
        timedelta(0), timedelta(minutes=1), timedelta(minutes=3), timedelta(minutes=6)]
    assert [a.outcome for a in message.attempts] == [A.FAILED] * 4
    assert sender.sent == []


def test_a_temporary_failure_then_success(app: Flask, queued: int) -> None:
    clock, sender = FakeClock(), FakeSender(failures=1)
    with app.app_context():
        outbox = worker(sender, clock)
        assert outbox.step() and not outbox.step()
        clock.advance(minutes=1)
        assert outbox.step()
    (message,) = messages(app)
    assert message.state is MessageState.SENT and message.sent_at == T0 + timedelta(minutes=1)
    assert [a.outcome for a in message.attempts] == [A.FAILED, A.SENT]
    assert len(sender.sent) == 1


def crash_after_send(outbox: OutboxWorker) -> None:
    """Claim and send, then die before recording (what SIGKILL does; a real process test is
    in test_worker_process.py)."""
    claim = outbox.claim()
    assert claim is not None
    outbox.deliver(claim)
    db.session.rollback()


@pytest.mark.parametrize(("idempotent", "sends", "state", "last"), [
    (True, 3, MessageState.SENT, A.SENT),  # same key every time: the gateway drops the repeats
    (False, 2, MessageState.FAILED, A.UNCERTAIN),  # SMTP: at most once more, then stop
])
def test_a_crashed_workers_message_is_claimed_again_after_its_lease(
        app: Flask, queued: int, idempotent: bool, sends: int, state: MessageState,
        last: AttemptOutcome) -> None:
    clock, sender = FakeClock(), FakeSender(idempotent=idempotent)
    with app.app_context():
        crash_after_send(worker(sender, clock))
        other = worker(sender, clock, name="w2")
        clock.advance(minutes=4)
        assert other.step() is False  # the lease still holds: nobody else takes it
        clock.advance(minutes=1)
        crash_after_send(other)
        clock.advance(minutes=5)
        assert other.step() is True
    (message,) = messages(app)
    assert len(sender.sent) == sends
    assert len({outgoing.idempotency_key for outgoing in sender.sent}) == 1
    assert message.state is state
    assert [a.outcome for a in message.attempts] == [A.INTERRUPTED, A.INTERRUPTED, last]
