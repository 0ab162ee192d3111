"""The demo content, seeded once per test session and copied into each test's app.

Re-encoding the covers at every width takes a couple of seconds; copying the seeded SQLite file and
media folder takes milliseconds, so every test still gets its own database.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from lindungi import create_app
from lindungi.extensions import db, limiter
from tests.checking import CheckingClient
from tests.conftest import base_config

# Late November 2026, 10:00 WITA: every demo article is out, and the verification notice is pinned.
FIXED_NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
BASE_URL = "https://lindungi.makassarkota.go.id"


@pytest.fixture(scope="session")
def seeded_files(tmp_path_factory: pytest.TempPathFactory, schema_template: Path) -> Path:
    from lindungi.demo.seed import seed_demo

    folder = tmp_path_factory.mktemp("seeded")
    shutil.copy(schema_template, folder / "test.sqlite3")
    app = create_app({**base_config(folder), "NOW": FIXED_NOW})
    with app.app_context():
        seed_demo(only_if_empty=True)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return folder


def seeded_app(make_app: Callable[..., Flask], seeded_files: Path, **overrides: Any) -> Flask:
    """A fresh app whose database and media folder are copies of the seeded ones."""
    app = make_app(**{"NOW": FIXED_NOW, "BASE_URL": BASE_URL, **overrides})
    with app.app_context():
        db.engine.dispose()  # no connection may hold the file we are about to replace
    database = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    shutil.copy(seeded_files / "test.sqlite3", database)
    shutil.copytree(seeded_files / "media", app.config["MEDIA_DIR"], dirs_exist_ok=True)
    app.test_client_class = CheckingClient
    with app.app_context():
        limiter.reset()
    return app


@pytest.fixture
def make_seeded_app(
    make_app: Callable[..., Flask], seeded_files: Path
) -> Iterator[Callable[..., Flask]]:
    made: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        app = seeded_app(make_app, seeded_files, **overrides)
        made.append(app)
        return app

    yield factory
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def public_app(make_seeded_app: Callable[..., Flask]) -> Flask:
    return make_seeded_app()
