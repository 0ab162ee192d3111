"""The editor is tested against the demo content (seeded once, copied per test), with clients
signed in as staff of each role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from lindungi.staff.models import Role, StaffUser
from tests.support.checking import CheckingClient
from tests.support.staff import csrf_token, sign_in_as


@pytest.fixture
def app(make_seeded_app: Callable[..., Flask]) -> Flask:
    return make_seeded_app()


@pytest.fixture
def client_for(app: Flask, make_staff: Callable[..., StaffUser]) -> Callable[..., CheckingClient]:
    """Factory: client_for(Role.COMMUNICATIONS) -> a client signed in as a new account of that
    role, with .user and .token (a CSRF token for its session)."""

    def factory(role: Role = Role.COMMUNICATIONS, **kwargs: Any) -> CheckingClient:
        user = make_staff(role=role, **kwargs)
        client = app.test_client()
        sign_in_as(client, user)
        client.user = user
        client.token = csrf_token(client)
        return client

    return factory


@pytest.fixture
def editor(client_for: Callable[..., CheckingClient]) -> CheckingClient:
    return client_for(Role.COMMUNICATIONS)
