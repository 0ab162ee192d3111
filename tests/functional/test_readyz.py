"""/readyz: ready only when the database answers at the current migration and Redis answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade

from lindungi import create_app
from lindungi.extensions import db
from tests.support.apps import base_config
from tests.support.redis_server import redis_url  # noqa: F401 - fixture


def _migrated_app(tmp_path: Path, **overrides: object) -> Flask:
    app = create_app({**base_config(tmp_path), "SQLALCHEMY_DATABASE_URI":
                      f"sqlite:///{tmp_path / 'migrated.sqlite3'}", **overrides})
    with app.app_context():
        upgrade()
    return app


def _ready(app: Flask):
    response = app.test_client().get("/readyz")
    with app.app_context():
        db.engine.dispose()
    return response


def test_ready_on_a_migrated_database(tmp_path: Path) -> None:
    response = _ready(_migrated_app(tmp_path))
    assert response.status_code == 200
    assert response.json["status"] == "ready" and response.json["reasons"] == []
    assert response.headers["Cache-Control"] == "no-store"


def test_not_ready_before_the_migrations_ran(tmp_path: Path) -> None:
    # Tables made without the migrations: no alembic_version, as before `flask db upgrade`.
    app = create_app({**base_config(tmp_path), "SQLALCHEMY_DATABASE_URI":
                      f"sqlite:///{tmp_path / 'unmigrated.sqlite3'}"})
    with app.app_context():
        db.create_all()
    response = _ready(app)
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert "migrations not current" in response.json["reasons"][0]


def test_not_ready_without_the_database(make_app) -> None:
    app = make_app(SQLALCHEMY_DATABASE_URI="sqlite:////nonexistent-dir/x.sqlite3")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["reasons"] == ["database unreachable (OperationalError)"]


def test_not_ready_when_redis_is_configured_but_down(tmp_path: Path) -> None:
    response = _ready(_migrated_app(tmp_path, REDIS_URL="redis://127.0.0.1:1/0",
                                    PAGE_CACHE=False))
    assert response.status_code == 503
    assert response.json["reasons"] == ["redis unreachable (ConnectionError)"]
    assert "127.0.0.1" not in response.get_data(as_text=True)


@pytest.mark.usefixtures("redis_url")
def test_ready_with_redis(tmp_path: Path, redis_url: str) -> None:  # noqa: F811
    assert _ready(_migrated_app(tmp_path, REDIS_URL=redis_url)).status_code == 200
