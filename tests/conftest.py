"""Fixtures after flaskr (app, client, runner, auth) and Indico (factory fixtures)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from lindungi import create_app
from lindungi.extensions import db, limiter
from lindungi.staff import accounts
from lindungi.staff.models import Role, StaffUser
from tests.checking import CheckingClient
from tests.staff_helpers import AuthActions

STAFF_PASSWORD = "correct horse battery staple"


def base_config(tmp_path: Path) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "MEDIA_DIR": str(tmp_path / "media"),
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": None,
        "PAGE_CACHE_VERSION_FILE": str(tmp_path / "page-cache-version"),
    }


@pytest.fixture(scope="session")
def schema_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database with the full schema, made once and copied for every test."""
    folder = tmp_path_factory.mktemp("schema")
    app = create_app(base_config(folder))
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return folder / "test.sqlite3"


@pytest.fixture
def make_app(tmp_path: Path, schema_template: Path) -> Callable[..., Flask]:
    def factory(**overrides: Any) -> Flask:
        shutil.copy(schema_template, tmp_path / "test.sqlite3")
        app = create_app({**base_config(tmp_path), **overrides})
        return app

    return factory


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Iterator[Flask]:
    app = make_app()
    app.test_client_class = CheckingClient
    with app.app_context():
        limiter.reset()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> CheckingClient:
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def make_staff(app: Flask) -> Callable[..., StaffUser]:
    """Factory: make_staff(role=Role.REVIEWER, email=...) -> a committed account."""
    counter = iter(range(1, 10_000))

    def factory(role: Role = Role.REVIEWER, email: str | None = None, **kwargs: Any) -> StaffUser:
        with app.app_context():
            user = accounts.create_staff(
                email or f"{role.value}{next(counter)}@makassarkota.go.id", role, STAFF_PASSWORD,
                **kwargs,
            )
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return factory


@pytest.fixture
def auth(client: CheckingClient, make_staff: Callable[..., StaffUser]) -> AuthActions:
    """auth.login(role=Role.ADMIN) signs `client` in as a new account of that role (reviewer by
    default) and returns it; auth.logout() signs out through the form."""
    return AuthActions(client, make_staff)
