"""Fixtures for the staff area's tests (see tests/staff_helpers.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from lindungi.enrollment.models import EnrollmentRequest
from lindungi.extensions import db, limiter
from lindungi.staff import accounts
from lindungi.staff.models import Role, StaffUser
from tests.checking import CheckingClient
from tests.conftest import STAFF_PASSWORD
from tests.staff_helpers import create_request, sign_in_as

REVIEWER_EMAIL = "r@makassarkota.go.id"


@pytest.fixture
def make_request(app: Flask) -> Callable[..., EnrollmentRequest]:
    """Factory: make_request(status=..., workers=[{...}], created_at=...) -> a committed request."""

    def factory(**kwargs: Any) -> EnrollmentRequest:
        return create_request(app, **kwargs)

    return factory


@pytest.fixture
def configured_app(make_app: Callable[..., Flask]) -> Callable[..., Flask]:
    """Factory: configured_app(SETTING=value, ...) -> an app with these settings, a checking
    test client and a reviewer account r@makassarkota.go.id (password STAFF_PASSWORD)."""

    def factory(**overrides: Any) -> Flask:
        app = make_app(**overrides)
        app.test_client_class = CheckingClient
        with app.app_context():
            limiter.reset()
            accounts.create_staff(REVIEWER_EMAIL, Role.REVIEWER, STAFF_PASSWORD)
            db.session.commit()
        return app

    return factory


@pytest.fixture
def client_for(app: Flask, make_staff: Callable[..., StaffUser]) -> Callable[..., CheckingClient]:
    """Factory: client_for(Role.REVIEWER) -> a new client signed in as a new account of that
    role (its .user is the account)."""

    def factory(role: Role = Role.REVIEWER, **kwargs: Any) -> CheckingClient:
        user = make_staff(role=role, **kwargs)
        client = app.test_client()
        # What a browser sends with a page load the reviewer made on this site: the request page
        # shows NIK and KK (and audits it) only then (review.identity).
        client.environ_base.update(HTTP_SEC_FETCH_DEST="document",
                                   HTTP_SEC_FETCH_SITE="same-origin")
        sign_in_as(client, user)
        client.user = user  # type: ignore[attr-defined]
        return client  # type: ignore[return-value]

    return factory
