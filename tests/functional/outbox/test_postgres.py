"""The outbox on PostgreSQL (production's database): workers share the queue with FOR UPDATE
SKIP LOCKED, so a message another worker is claiming is skipped, not waited for."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.extensions import db
from lindungi.outbox import notices
from lindungi.outbox.channels import Outgoing
from lindungi.outbox.models import Channel, MessageKind, MessageState, OutboxMessage
from lindungi.outbox.worker import OutboxWorker, Settings
from lindungi.staff import accounts
from lindungi.staff.models import Role
from tests.functional.outbox.conftest import messages
from tests.support.apps import STAFF_PASSWORD
from tests.support.staff import create_request, load_request, sign_in_as

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_app(make_postgres_app) -> Flask:
    return make_postgres_app()  # the schema built by the migrations, as in production


class Accepting:
    idempotent = True

    def __init__(self) -> None:
        self.sent: list[Outgoing] = []

    def send(self, message: Outgoing) -> None:
        self.sent.append(message)


def queue_two(app: Flask) -> list[int]:
    ids = []
    for _ in range(2):
        request = create_request(app)
        with app.app_context():
            row = load_request(app, request.id)
            db.session.add(row)
            ids.append(notices.notify(row, MessageKind.RECEIVED))
            db.session.commit()
    return ids


def test_a_message_being_claimed_elsewhere_is_skipped_not_waited_for(pg_app: Flask) -> None:
    first, second = queue_two(pg_app)
    sender = Accepting()
    with pg_app.app_context():
        with db.engine.connect() as other_worker:
            # Another worker's claim transaction, still open, holds the oldest message's row.
            other_worker.execute(sa.select(OutboxMessage.id).where(OutboxMessage.id == first)
                                 .with_for_update())
            db.session.execute(sa.text("SET lock_timeout = '3s'"))  # a wait would fail fast
            worker = OutboxWorker({Channel.WHATSAPP: sender}, Settings(), name="w2")
            claim = worker.claim()
            assert claim is not None and claim.outgoing.message_id == second
            worker.record(claim, worker.deliver(claim))
            other_worker.rollback()
        assert worker.run_until_idle() == 1  # the first, once it is free
        db.session.remove()
    assert [m.state for m in messages(pg_app)] == [MessageState.SENT, MessageState.SENT]
    assert [outgoing.message_id for outgoing in sender.sent] == [second, first]


def test_queue_filter_for_undelivered_messages_on_postgres(pg_app: Flask) -> None:
    first, _second = queue_two(pg_app)
    with pg_app.app_context():
        db.session.get(OutboxMessage, first).state = MessageState.FAILED
        db.session.commit()
        reference = db.session.get(OutboxMessage, first).subject.split()[1]
    with pg_app.app_context():
        user = accounts.create_staff("r@makassarkota.go.id", Role.REVIEWER, STAFF_PASSWORD)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
    client = pg_app.test_client()
    sign_in_as(client, user)
    page = client.get("/staf/pendaftaran?undelivered=y")
    assert page.status_code == 200
    assert reference in page.get_data(as_text=True)
    assert page.get_data(as_text=True).count("Pesan tidak terkirim") == 1
