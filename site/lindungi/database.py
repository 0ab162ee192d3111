"""Engine set-up that SQLAlchemy cannot express in a URL."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

import sqlalchemy as sa
from flask import Flask, g, has_app_context, has_request_context, request

from lindungi.extensions import db
from lindungi.protection.files import private_sqlite_files

P = ParamSpec("P")
R = TypeVar("R")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def configure_sqlite(app: Flask) -> None:
    """WAL, foreign keys and a busy timeout on every SQLite connection, and BEGIN IMMEDIATE.

    pysqlite's own transaction handling starts transactions lazily with a deferred BEGIN; a
    transaction that reads and then writes then fails at once with "database is locked" when
    another gunicorn worker committed in between. Taking the write lock at BEGIN makes the
    busy timeout apply instead (security-notes.md, "SQLite under gunicorn").
    """
    busy_ms = int(app.config["SQLITE_BUSY_TIMEOUT_MS"])

    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return
    database = engine.url.database
    path = Path(database) if database and database != ":memory:" else None

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        if path is not None:
            # Personal data: owner only. Before WAL is switched on, so that SQLite creates the
            # -wal and -shm files with the database file's (now private) permissions.
            private_sqlite_files(path)
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {busy_ms:d}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        # Deleted rows are overwritten, not left in free pages for a copy of the file to show.
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if wants_write_lock() else "BEGIN")


def wants_write_lock() -> bool:
    """Requests that may write (POST and friends, or views marked with writes_on_get) and CLI
    commands take the write lock up front; plain reads keep WAL's concurrent readers, and so
    does code outside a request that says it only reads (g.reads_only)."""
    if has_app_context() and g.get("reads_only"):
        return False
    if not has_request_context():
        return True
    return request.method not in SAFE_METHODS or bool(g.get("writes_on_get"))


@contextmanager
def read_phase() -> Iterator[None]:
    """On SQLite, the statements inside run in a read transaction, ended on leaving; the next
    statement begins a transaction of its own, with the write lock when the request writes.

    For a write request that checks a lot before a short write (an enrollment submission):
    SQLite's write lock is the whole database's, and a request that took it at its first read
    held it through all its checks, so app servers queued behind each other's reads. Nothing
    may be written inside: it is rolled back. Elsewhere (PostgreSQL locks rows, not the
    database) the request stays one transaction: ending it would cost two round trips."""
    if db.engine.dialect.name != "sqlite":
        yield
        return
    before = g.get("reads_only", False)
    g.reads_only = True
    try:
        yield
    finally:
        g.reads_only = before
        db.session.rollback()


def writes_on_get(view: Callable[P, R]) -> Callable[P, R]:
    """Mark a GET view that writes (for example an audit row for a page view)."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        g.writes_on_get = True
        # A read transaction may already be open (the user loader ran); end it so the next
        # statement begins with the write lock.
        db.session.commit()
        return view(*args, **kwargs)

    return wrapper


def database_answers() -> bool:
    """True when a trivial query succeeds; used by /healthz."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return False
    return True
