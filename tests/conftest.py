"""Fixtures every test may use, after flaskr (app, client, runner, auth) and Indico (factory
fixtures). Each test gets its own copy of a database made once per session (tests/support/apps.py).

Layout: tests sit by feature (tests/functional/<feature>/, tests/browser/, tests/unit/); fixtures
live in the nearest conftest.py that covers every test using them; plain helpers (functions,
classes, constants) live in tests/support/ and are imported.
"""

from __future__ import annotations

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
from tests.support import postgres_apps
from tests.support.apps import (
    BASE_URL,
    FIXED_NOW,
    STAFF_PASSWORD,
    base_config,
    copy_seeded_content,
    database_for_test,
    migrated_database,
    seeded_folder,
)
from tests.support.checking import CheckingClient
from tests.support.staff import AuthActions


def pytest_configure(config: pytest.Config) -> None:
    postgres_apps.use_worker_database()  # under pytest-xdist: one database per worker


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """In the pass on PostgreSQL, skip the few tests about SQLite itself (file modes, WAL,
    connection pragmas), each with its reason."""
    if not postgres_apps.wanted():
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            item.add_marker(pytest.mark.skip(reason=f"about SQLite itself: {reason}"))


@pytest.fixture(scope="session")
def schema_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database built by the migrations, made once and copied for every test."""
    return migrated_database(tmp_path_factory.mktemp("schema"))


@pytest.fixture(scope="session")
def seeded_files(tmp_path_factory: pytest.TempPathFactory, schema_template: Path) -> Path:
    """A folder with the demo content's database and media, made once (only when a test asks)."""
    return seeded_folder(tmp_path_factory.mktemp("seeded"), schema_template)


@pytest.fixture
def make_app(tmp_path: Path, schema_template: Path) -> Iterator[Callable[..., Flask]]:
    made: list[str] = []
    apps: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        database = database_for_test(tmp_path, schema_template)
        made.extend(database.values())
        app = create_app({**base_config(tmp_path), **database, **overrides})
        apps.append(app)
        return app

    yield factory
    for app in apps:  # close every pooled connection before its database goes
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    for url in made:  # PostgreSQL: each test's database is dropped after it
        postgres_apps.drop(url)


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
    return app.test_client()


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


@pytest.fixture
def make_seeded_app(
    make_app: Callable[..., Flask], seeded_files: Path
) -> Iterator[Callable[..., Flask]]:
    """Factory: make_seeded_app(SETTING=value, ...) -> an app on a copy of the demo content, at
    FIXED_NOW and BASE_URL unless overridden, with the checking test client."""
    made: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        app = make_app(**{"NOW": FIXED_NOW, "BASE_URL": BASE_URL, **overrides})
        copy_seeded_content(app, seeded_files)
        app.test_client_class = CheckingClient
        with app.app_context():
            limiter.reset()
        made.append(app)
        return app

    yield factory
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium per test process, for the browser tests and the security suite's XSS test:
    Playwright's sync API cannot be started twice in one process."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
