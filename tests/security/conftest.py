"""The security suite's fixtures: the same tests on SQLite and (marked postgres) on PostgreSQL,
and a signed-in client per role."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from lindungi.extensions import db, limiter
from lindungi.staff import accounts
from lindungi.staff.models import Role
from tests.functional.conftest import make_postgres_app  # noqa: F401 - the fixture
from tests.security.world import World, postgres_world, sqlite_world
from tests.support.apps import STAFF_PASSWORD
from tests.support.checking import CheckingClient
from tests.support.staff import csrf_token, sign_in_as


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_app(request: pytest.FixtureRequest) -> Flask:
    """An empty app on SQLite (the `app` fixture), then on PostgreSQL (skipped without
    LINDUNGI_TEST_POSTGRES_URL), both with the schema the migrations build."""
    if request.param == "sqlite":
        return request.getfixturevalue("app")
    app = request.getfixturevalue("make_postgres_app")()
    with app.app_context():
        limiter.reset()
    return app


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




@pytest.fixture(scope="session")
def session_world(tmp_path_factory: pytest.TempPathFactory, schema_template: Path
                  ) -> Iterator[World]:
    """One app per test session (per xdist worker) with something behind every form
    (tests/security/world.py): building it and crawling its forms takes seconds, and five
    modules use it."""
    made = sqlite_world(tmp_path_factory.mktemp("world"), schema_template)
    yield made
    made.close()


@pytest.fixture(scope="module")
def world(session_world: World) -> World:
    """The world as it was saved, whatever a module before did to it."""
    session_world.restore()
    return session_world


@pytest.fixture(scope="session")
def session_pg_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The same world in a database of its own on the PostgreSQL test server (tests marked
    postgres; skipped without LINDUNGI_TEST_POSTGRES_URL, which tests/run-suite.sh sets)."""
    if not os.environ.get("LINDUNGI_TEST_POSTGRES_URL"):
        pytest.skip("LINDUNGI_TEST_POSTGRES_URL is not set (tests/run-suite.sh sets it)")
    made = postgres_world(tmp_path_factory.mktemp("pg-world"))
    yield made
    made.close()


@pytest.fixture(scope="module")
def pg_world(session_pg_world: World) -> World:
    session_pg_world.restore()
    return session_pg_world
