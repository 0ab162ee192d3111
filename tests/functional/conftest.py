"""Fixtures shared by the functional tests of several features: enrollment requests made in the
database, clients signed in as staff of a role, and an app on the PostgreSQL test server."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

from lindungi.enrollment.models import EnrollmentRequest
from lindungi.extensions import db, limiter
from lindungi.staff.models import Role, StaffUser
from tests.support.checking import CheckingClient
from tests.support.staff import TIMED_START, create_request, sign_in_as


@pytest.fixture
def make_request(app: Flask) -> Callable[..., EnrollmentRequest]:
    """Factory: make_request(status=..., workers=[{...}], created_at=...) -> a committed request."""

    def factory(**kwargs: Any) -> EnrollmentRequest:
        return create_request(app, **kwargs)

    return factory


@pytest.fixture
def client_for(app: Flask, make_staff: Callable[..., StaffUser]) -> Callable[..., CheckingClient]:
    """Factory: client_for(Role.REVIEWER) -> a new client signed in as a new account of that
    role (its .user is the account)."""

    def factory(role: Role = Role.REVIEWER, **kwargs: Any) -> CheckingClient:
        user = make_staff(role=role, **kwargs)
        client = app.test_client()
        # What a browser sends with a page load the user made on this site: the request page
        # shows NIK and KK (and audits it) only then (lindungi.review.identity).
        client.environ_base.update(HTTP_SEC_FETCH_DEST="document",
                                   HTTP_SEC_FETCH_SITE="same-origin")
        sign_in_as(client, user)
        client.user = user
        return client

    return factory


def _drop_everything() -> None:
    db.drop_all()
    db.session.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    db.session.commit()


@pytest.fixture
def make_postgres_app(make_app: Callable[..., Flask]) -> Iterator[Callable[..., Flask]]:
    """Factory: make_postgres_app(SETTING=value, ...) -> an app on the PostgreSQL test server
    (tests/run-suite.sh starts one), its schema built by the migrations as in production; the
    database is emptied again after the test."""
    # Read here, not at import: under pytest-xdist each worker has its own (tests/conftest.py).
    postgres_url = os.environ.get("LINDUNGI_TEST_POSTGRES_URL")
    if not postgres_url:
        pytest.skip("LINDUNGI_TEST_POSTGRES_URL is not set (tests/run-suite.sh sets it)")
    made: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url, **overrides)
        app.test_client_class = CheckingClient
        with app.app_context():
            _drop_everything()
            upgrade()
        made.append(app)
        return app

    yield factory
    for app in made:
        with app.app_context():
            db.session.remove()
            _drop_everything()
            db.engine.dispose()


@pytest.fixture
def timed_app(make_app: Callable[..., Flask]) -> Flask:
    """An app whose clock stands at TIMED_START (sign-in codes, re-authentication windows: the
    test moves app.config["NOW"] on), with the rate limits' counts cleared."""
    app = make_app(NOW=TIMED_START)
    with app.app_context():
        limiter.reset()
    return app
