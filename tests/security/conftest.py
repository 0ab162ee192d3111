"""The security suite's fixtures: the same tests on SQLite and (marked postgres) on PostgreSQL,
and a signed-in client per role."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask

from lindungi.extensions import db, limiter
from lindungi.staff import accounts
from lindungi.staff.models import Role, StaffUser
from tests.checking import CheckingClient
from tests.conftest import STAFF_PASSWORD
from tests.staff_helpers import csrf_token, sign_in_as

POSTGRES_URL = os.environ.get("LINDUNGI_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_app(request: pytest.FixtureRequest, make_app: Callable[..., Flask]) -> Iterator[Flask]:
    """An empty app on SQLite, then on PostgreSQL (skipped without LINDUNGI_TEST_POSTGRES_URL)."""
    overrides: dict[str, Any] = {}
    if request.param == "postgres":
        if not POSTGRES_URL:
            pytest.skip("LINDUNGI_TEST_POSTGRES_URL is not set (tests/run-suite.sh sets it)")
        overrides["SQLALCHEMY_DATABASE_URI"] = POSTGRES_URL
    app = make_app(**overrides)
    app.test_client_class = CheckingClient
    with app.app_context():
        if request.param == "postgres":
            db.drop_all()
            db.create_all()
        limiter.reset()
    yield app
    with app.app_context():
        db.session.remove()
        if request.param == "postgres":
            db.drop_all()
        db.engine.dispose()


def staff_client(app: Flask, role: Role, email: str | None = None) -> CheckingClient:
    """A client signed in as a new account of this role, with .user and .token."""
    with app.app_context():
        user = accounts.create_staff(email or f"{role.value}@makassarkota.go.id", role,
                                     STAFF_PASSWORD)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
    client = app.test_client()
    sign_in_as(client, user)
    client.user = user  # type: ignore[attr-defined]
    client.token = csrf_token(client)  # type: ignore[attr-defined]
    return client  # type: ignore[return-value]


@pytest.fixture
def signed_in(db_app: Flask) -> Callable[[Role], CheckingClient]:
    return lambda role: staff_client(db_app, role)


__all__ = ["StaffUser", "signed_in", "staff_client"]
