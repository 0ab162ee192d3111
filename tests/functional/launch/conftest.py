"""Launch readiness (issue 14): site settings, promises on public pages, demo content, the
launch check. Tested against the demo content (seeded once, copied per test)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from lindungi.staff.models import Role, StaffUser
from tests.support.checking import CheckingClient
from tests.support.launch import set_settings
from tests.support.staff import csrf_token, sign_in_as


@pytest.fixture
def app(make_seeded_app: Callable[..., Flask]) -> Flask:
    return make_seeded_app()


@pytest.fixture
def fill_settings(app: Flask) -> Callable[..., None]:
    """fill_settings(phone="+62…", ...) stores those settings; with no arguments, all of FILLED."""

    def fill(**values: str) -> None:
        set_settings(app, **values)

    return fill


@pytest.fixture
def client_for(app: Flask, make_staff: Callable[..., StaffUser]) -> Callable[..., CheckingClient]:
    """client_for(Role.COMMUNICATIONS) -> a client signed in as a new account of that role."""

    def factory(role: Role = Role.COMMUNICATIONS, **kwargs: Any) -> CheckingClient:
        user = make_staff(role=role, **kwargs)
        client = app.test_client()
        sign_in_as(client, user)
        client.user = user
        client.token = csrf_token(client)
        return client

    return factory
