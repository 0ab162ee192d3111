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
from tests.support import postgres_apps

STAFF_PASSWORD = "correct horse battery staple"
# Production hashes passwords with scrypt (about 0.16 s each, on purpose); tests make hundreds of
# accounts, so their apps use one round of PBKDF2. test_passwords checks production's default.
TEST_PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"
# Late November 2026, 10:00 WITA: every demo article is out, and the verification notice is pinned.
FIXED_NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
BASE_URL = "https://lindungi.makassarkota.go.id"
DATABASE_FILE = "test.sqlite3"
# The tests' own keys for personal data at rest (protection.crypto); no installation uses them.
TEST_DATA_KEYS = "t1:gnXSUgTgT6QE3a-6AvYKREsbUfBYVuuiRvC2vRMb-LU"
TEST_INDEX_KEY = "kteLL4fEOn-s6KGummz9L-SYqmsc7xfu4zBPoo2HJjg"


def base_config(folder: Path) -> dict[str, Any]:
    """Settings for an app whose SQLite database and media live in `folder`."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "DATA_KEYS": TEST_DATA_KEYS,
        "INDEX_KEY": TEST_INDEX_KEY,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / DATABASE_FILE}",
        "MEDIA_DIR": str(folder / "media"),
        "RATELIMIT_STORAGE_URI": "memory://",
        # Tests walk the request form far faster than a family; tests/security checks the
        # real limits.
        "ENROLLMENT_STEP_LIMIT": "1000 per minute",
        "ENROLLMENT_SUBMIT_LIMIT": "1000 per minute",
        "SERVER_NAME": None,
        "PASSWORD_HASH_METHOD": TEST_PASSWORD_HASH_METHOD,
        "PAGE_CACHE_VERSION_FILE": str(folder / "page-cache-version"),
    }


def migrated_database(folder: Path) -> Path:
    """An empty database in `folder` with the schema the migrations build (on PostgreSQL: a
    template database, named by the file returned)."""
    url = postgres_apps.create(postgres_apps.new_name("schema")) if postgres_apps.wanted() else None
    app = create_app({**base_config(folder), **({"SQLALCHEMY_DATABASE_URI": url} if url else {})})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return postgres_apps.marker(folder, url) if url else folder / DATABASE_FILE


def database_for_test(folder: Path, schema: Path) -> dict[str, Any]:
    """Settings giving a test's app its own copy of `schema`. Every app of one test shares that
    database, as every app of a test opens the one SQLite file in its folder (a second app stands
    for a second worker; an app made by a test and the `app` fixture's see the same rows)."""
    if postgres_apps.wanted():
        named = folder / "postgres-database"
        if not named.exists():
            named.write_text(postgres_apps.test_database(schema.read_text()))
        return {"SQLALCHEMY_DATABASE_URI": named.read_text()}
    shutil.copy(schema, folder / DATABASE_FILE)
    return {}


def seeded_folder(folder: Path, schema: Path) -> Path:
    """`folder` with a copy of `schema` holding the demo content, and the media it uploads."""
    from lindungi.demo.seed import seed_demo

    settings = {}
    if postgres_apps.wanted():
        url = postgres_apps.create(postgres_apps.new_name("seeded"), template=schema.read_text())
        postgres_apps.marker(folder, url)
        settings = {"SQLALCHEMY_DATABASE_URI": url}
    else:
        shutil.copy(schema, folder / DATABASE_FILE)
    # The same address as the apps that show it: stored renderings name the site's host.
    app = create_app({**base_config(folder), "NOW": FIXED_NOW, "BASE_URL": BASE_URL,
                      **settings})
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
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if postgres_apps.wanted():
        postgres_apps.load_seeded(url, (seeded / "postgres-template").read_text())
    else:
        shutil.copy(seeded / DATABASE_FILE, url.removeprefix("sqlite:///"))
    shutil.copytree(seeded / "media", app.config["MEDIA_DIR"], dirs_exist_ok=True)
