"""Fixtures for the staff area's tests (see tests/staff_helpers.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from lindungi.enrollment.models import EnrollmentRequest
from lindungi.staff.models import Role, StaffUser
from tests.checking import CheckingClient
from tests.staff_helpers import create_request, sign_in_as


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
        sign_in_as(client, user)
        client.user = user  # type: ignore[attr-defined]
        return client  # type: ignore[return-value]

    return factory
