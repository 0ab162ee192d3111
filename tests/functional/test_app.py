"""The factory, configuration layers and production guards."""

from __future__ import annotations

from pathlib import Path

import pytest

from lindungi import create_app
from lindungi.config import ConfigError, from_environment
from lindungi.paths import PROJECT_ROOT
from tests.support.apps import TEST_DATA_KEYS, TEST_INDEX_KEY


def test_default_app_is_not_testing(tmp_path: Path) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert not app.testing
    assert app.config["ENV"] == "development"


def test_test_config_overrides(app) -> None:
    assert app.testing
    assert app.config["SECRET_KEY"] == "test-secret-key"


def test_default_database_is_sqlite_in_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINDUNGI_DATABASE_URL", raising=False)
    app = create_app()
    expected = PROJECT_ROOT / "instance" / "lindungi.sqlite3"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{expected}"


def test_environment_overrides_instance_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINDUNGI_SECRET_KEY", "from-env")
    monkeypatch.setenv("LINDUNGI_BASE_URL", "https://lindungi.example")
    monkeypatch.setenv("LINDUNGI_REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("LINDUNGI_DATABASE_URL", "sqlite:///:memory:")
    monkeypatch.setenv("LINDUNGI_PROGRAM_MAX_AGE", "60")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["BASE_URL"] == "https://lindungi.example"
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///:memory:"
    assert app.config["PROGRAM_MAX_AGE"] == 60


def test_environment_values_are_typed() -> None:
    found = from_environment(
        {"LINDUNGI_PROXY_HOPS": "1", "LINDUNGI_ALLOW_SQLITE_IN_PRODUCTION": "yes", "OTHER": "x"}
    )
    assert found == {"PROXY_HOPS": 1, "ALLOW_SQLITE_IN_PRODUCTION": True}


def test_production_without_secret_key_refuses_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINDUNGI_ENV", "production")
    monkeypatch.setenv("LINDUNGI_BASE_URL", "https://lindungi.example")
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    monkeypatch.setenv("LINDUNGI_DATABASE_URL", "postgresql+psycopg://u@/db")
    with pytest.raises(ConfigError, match="LINDUNGI_SECRET_KEY"):
        create_app({"SECRET_KEY": None})


@pytest.mark.parametrize("secret", ["qq", "change-me", "s" * 31, "é" * 31])
def test_production_refuses_a_short_secret_key(monkeypatch: pytest.MonkeyPatch,
                                               secret: str) -> None:
    monkeypatch.setenv("LINDUNGI_ENV", "production")
    monkeypatch.setenv("LINDUNGI_BASE_URL", "https://lindungi.example")
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    monkeypatch.setenv("LINDUNGI_DATABASE_URL", "postgresql+psycopg://u@/db")
    with pytest.raises(ConfigError, match="too short") as raised:
        create_app({"SECRET_KEY": secret})
    assert "at least 32" in str(raised.value)
    assert secret not in str(raised.value)


def production_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINDUNGI_DATA_KEYS", TEST_DATA_KEYS)
    monkeypatch.setenv("LINDUNGI_INDEX_KEY", TEST_INDEX_KEY)


def test_production_without_data_keys_refuses_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINDUNGI_ENV", "production")
    monkeypatch.setenv("LINDUNGI_BASE_URL", "https://lindungi.example")
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    monkeypatch.setenv("LINDUNGI_DATABASE_URL", "postgresql+psycopg://u@/db")
    # None: whatever instance/config.py holds on this machine (`make run` writes dev keys).
    with pytest.raises(ConfigError, match="LINDUNGI_DATA_KEYS"):
        create_app({"SECRET_KEY": "s" * 32, "DATA_KEYS": None, "INDEX_KEY": None})
    with pytest.raises(ConfigError, match="LINDUNGI_INDEX_KEY"):
        create_app({"SECRET_KEY": "s" * 32, "DATA_KEYS": TEST_DATA_KEYS, "INDEX_KEY": None})


def test_production_accepts_a_long_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINDUNGI_ENV", "production")
    production_keys(monkeypatch)
    monkeypatch.setenv("LINDUNGI_BASE_URL", "https://lindungi.example")
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    monkeypatch.setenv("LINDUNGI_DATABASE_URL", "postgresql+psycopg://u@/db")
    app = create_app({"SECRET_KEY": "s" * 32})
    assert app.config["ENV"] == "production"


def test_production_with_sqlite_needs_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINDUNGI_ENV", "production")
    monkeypatch.setenv("LINDUNGI_BASE_URL", "https://lindungi.example")
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    monkeypatch.setenv("LINDUNGI_SECRET_KEY", "s" * 64)
    production_keys(monkeypatch)
    monkeypatch.delenv("LINDUNGI_DATABASE_URL", raising=False)
    with pytest.raises(ConfigError, match="PostgreSQL"):
        create_app()
    monkeypatch.setenv("LINDUNGI_ALLOW_SQLITE_IN_PRODUCTION", "1")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.sqlite_only(reason="SQLite's connection pragmas")
def test_sqlite_connections_are_configured(app) -> None:
    from lindungi.extensions import db

    with app.app_context():
        connection = db.session.connection()
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
