"""Password hashes: production's app uses scrypt (slow on purpose); only the tests' apps use a
cheap method, and a hash keeps working whichever method made it."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from werkzeug.security import generate_password_hash

from lindungi import create_app
from lindungi.config import ConfigError
from lindungi.extensions import db
from lindungi.staff import accounts, passwords
from lindungi.staff.models import Role, find_by_email
from tests.support import postgres_apps
from tests.support.apps import (
    DATABASE_FILE,
    STAFF_PASSWORD,
    TEST_DATA_KEYS,
    TEST_INDEX_KEY,
    TEST_PASSWORD_HASH_METHOD,
    database_for_test,
)


def test_the_default_app_hashes_with_scrypt(tmp_path: Path, schema_template: Path) -> None:
    # Only the database (SQLite or the PostgreSQL pass's) comes from the tests' settings.
    database = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / DATABASE_FILE}",
                **database_for_test(tmp_path, schema_template)}
    app = create_app(database)
    assert app.config["PASSWORD_HASH_METHOD"] == "scrypt"
    with app.app_context():
        user = accounts.create_staff("a@makassarkota.go.id", Role.ADMIN, STAFF_PASSWORD)
        assert user.password_hash.startswith("scrypt:32768:8:1$")
        assert user.check_password(STAFF_PASSWORD)
        assert not user.check_password(STAFF_PASSWORD + "x")
        db.session.rollback()
        db.engine.dispose()
    if postgres_apps.wanted():
        postgres_apps.drop(database["SQLALCHEMY_DATABASE_URI"])


def test_production_refuses_a_cheap_method(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINDUNGI_ENV", "production")
    monkeypatch.setenv("LINDUNGI_BASE_URL", "https://lindungi.example")
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    monkeypatch.setenv("LINDUNGI_DATABASE_URL", "postgresql+psycopg://u@/db")
    monkeypatch.setenv("LINDUNGI_DATA_KEYS", TEST_DATA_KEYS)
    monkeypatch.setenv("LINDUNGI_INDEX_KEY", TEST_INDEX_KEY)
    with pytest.raises(ConfigError, match="PASSWORD_HASH_METHOD"):
        create_app({"SECRET_KEY": "s" * 32, "PASSWORD_HASH_METHOD": TEST_PASSWORD_HASH_METHOD})
    stronger = create_app({"SECRET_KEY": "s" * 32, "PASSWORD_HASH_METHOD": "scrypt:65536:8:1"})
    assert stronger.config["PASSWORD_HASH_METHOD"] == "scrypt:65536:8:1"


def test_tests_hash_cheaply(app: Flask, make_staff) -> None:
    assert app.config["PASSWORD_HASH_METHOD"] == TEST_PASSWORD_HASH_METHOD
    user = make_staff()
    assert user.password_hash.startswith(TEST_PASSWORD_HASH_METHOD + "$")


def test_a_hash_made_with_another_method_still_signs_in(app: Flask) -> None:
    with app.app_context():
        user = accounts.create_staff("b@makassarkota.go.id", Role.REVIEWER, "placeholder pw 1")
        user.password_hash = generate_password_hash(STAFF_PASSWORD, method="scrypt")
        db.session.commit()
        assert find_by_email("b@makassarkota.go.id").check_password(STAFF_PASSWORD)


def test_a_missing_account_costs_a_hash_of_the_same_method(app: Flask, monkeypatch) -> None:
    checked: list[str] = []
    monkeypatch.setattr(passwords, "check_password_hash",
                        lambda pwhash, password: checked.append(pwhash) or False)
    with app.app_context():
        passwords.check_without_account(STAFF_PASSWORD)
    assert len(checked) == 1 and checked[0].startswith(TEST_PASSWORD_HASH_METHOD + "$")
