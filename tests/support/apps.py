"""Apps for tests: the settings every test app gets, and the two databases made once per test
session and copied into each test's app (copying a SQLite file takes milliseconds):

- the schema: an empty database built by the migrations, as `flask db upgrade` builds
  production's, so the tests run on the schema production has;
- the demo content: that database after `seed_demo`, with its media folder (re-encoding the
  covers at every width takes a couple of seconds).

The fixtures that use these live in tests/conftest.py.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask
from flask_migrate import upgrade

from lindungi import create_app
from lindungi.extensions import db

STAFF_PASSWORD = "correct horse battery staple"
# Production hashes passwords with scrypt (about 0.16 s each, on purpose); tests make hundreds of
# accounts, so their apps use one round of PBKDF2. test_passwords checks production's default.
TEST_PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"
# Late November 2026, 10:00 WITA: every demo article is out, and the verification notice is pinned.
FIXED_NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
BASE_URL = "https://lindungi.makassarkota.go.id"
DATABASE_FILE = "test.sqlite3"


def base_config(folder: Path) -> dict[str, Any]:
    """Settings for an app whose SQLite database and media live in `folder`."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / DATABASE_FILE}",
        "MEDIA_DIR": str(folder / "media"),
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": None,
        "PASSWORD_HASH_METHOD": TEST_PASSWORD_HASH_METHOD,
    }


def migrated_database(folder: Path) -> Path:
    """An empty database in `folder` with the schema the migrations build."""
    app = create_app(base_config(folder))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return folder / DATABASE_FILE


def seeded_folder(folder: Path, schema: Path) -> Path:
    """`folder` with a copy of `schema` holding the demo content, and the media it uploads."""
    from lindungi.demo.seed import seed_demo

    shutil.copy(schema, folder / DATABASE_FILE)
    app = create_app({**base_config(folder), "NOW": FIXED_NOW})
    with app.app_context():
        seed_demo(only_if_empty=True)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return folder


def copy_seeded_content(app: Flask, seeded: Path) -> None:
    """Give `app` (before its first request) copies of the seeded database and media."""
    with app.app_context():
        db.engine.dispose()  # no connection may hold the file we are about to replace
    database = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    shutil.copy(seeded / DATABASE_FILE, database)
    shutil.copytree(seeded / "media", app.config["MEDIA_DIR"], dirs_exist_ok=True)
