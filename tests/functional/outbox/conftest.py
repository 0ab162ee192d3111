"""Fixtures for the outbox tests (requests and staff clients come from tests/functional/conftest):
a reviewer, decisions posted through the request page, and the queued messages read back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import Flask

from lindungi.extensions import db
from lindungi.outbox.channels import Sender
from lindungi.outbox.models import OutboxMessage
from lindungi.outbox.worker import OutboxWorker, Settings
from lindungi.staff.models import Role
from tests.support.checking import CheckingClient, soup_of
from tests.support.staff import csrf_token


@pytest.fixture
def reviewer(client_for: Callable[..., CheckingClient]) -> CheckingClient:
    return client_for(Role.REVIEWER)


def decide(client: CheckingClient, request_id: int, path: str, prefix: str, **fields: str
           ) -> Any:
    """Post a decision form of the request's page, on the version the page shows."""
    page = client.get(f"/staf/pendaftaran/{request_id}")
    version = soup_of(page).select_one(f"input[name={prefix}-version]")["value"]
    data = {"csrf_token": csrf_token(client), f"{prefix}-version": version}
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return client.post(f"/staf/pendaftaran/{request_id}/{path}", data=data)


def messages(app: Flask, request_id: int | None = None) -> list[OutboxMessage]:
    """The queued messages (with their attempts), oldest first, detached."""
    with app.app_context():
        statement = sa.select(OutboxMessage).options(so.selectinload(OutboxMessage.attempts))
        if request_id is not None:
            statement = statement.where(OutboxMessage.request_id == request_id)
        rows = list(db.session.scalars(statement.order_by(OutboxMessage.id)))
        db.session.expunge_all()
        return rows


def run_worker(app: Flask, senders: dict[Any, Sender], **settings: Any) -> int:
    """Send what is due now, in this process (the CLI does the same in its own)."""
    with app.app_context():
        worker = OutboxWorker(senders, Settings(**settings), name="test-worker")
        handled = worker.run_until_idle()
        db.session.remove()
        return handled


SHORT_RETRY = {"retry_base": timedelta(seconds=0)}
