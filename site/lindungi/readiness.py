"""Is this app server ready for traffic? The database answers, Redis answers when one is
configured, and the database's schema is at the migrations this release ships (a release whose
`flask db upgrade` has not run yet must not take requests)."""

from __future__ import annotations

import functools
from pathlib import Path

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app

from lindungi.extensions import db

MIGRATIONS = Path(__file__).parent / "migrations"


@functools.cache
def expected_heads(directory: Path = MIGRATIONS) -> frozenset[str]:
    return frozenset(ScriptDirectory(str(directory)).get_heads())


def _database_problems() -> list[str]:
    try:
        with db.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
            current = frozenset(MigrationContext.configure(connection).get_current_heads())
    except sa.exc.SQLAlchemyError as error:
        return [f"database unreachable ({type(error).__name__})"]
    if current != expected_heads():
        have = ", ".join(sorted(current)) or "none"
        want = ", ".join(sorted(expected_heads()))
        return [f"migrations not current (database at {have}, release needs {want}): "
                "run flask db upgrade"]
    return []


def _redis_problems(url: str | None) -> list[str]:
    if not url:
        return []
    import redis

    client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
    try:
        client.ping()
    except (redis.RedisError, OSError) as error:
        return [f"redis unreachable ({type(error).__name__})"]
    finally:
        client.close()
    return []


def problems() -> list[str]:
    """Reasons this server is not ready; empty when it is. Never the URLs (they hold secrets)."""
    return _database_problems() + _redis_problems(current_app.config["REDIS_URL"])
