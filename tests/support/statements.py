"""Watching the SQL statements a block of code sends: counting them (query-count and no-write
tests) or failing chosen ones (a busy database)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask

from lindungi.extensions import db


@contextmanager
def before_each_statement(app: Flask, callback: Callable[[str], None]) -> Iterator[None]:
    """Call `callback(statement)` before every statement sent to the app's database."""

    def listener(_conn, _cursor, statement, _params, _context, _many) -> None:
        callback(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", listener)
    try:
        yield
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)


@contextmanager
def counting_statements(app: Flask) -> Iterator[list[str]]:
    """Yield a list that collects every statement sent inside the block."""
    statements: list[str] = []
    with before_each_statement(app, statements.append):
        yield statements


@contextmanager
def database_locked_on(app: Flask, prefix: str | tuple[str, ...]) -> Iterator[None]:
    """Statements starting with `prefix` fail as the database does when another writer holds
    the lock: SQLite's "database is locked", PostgreSQL's lock timeout (both reach the app as
    SQLAlchemy's OperationalError)."""
    with app.app_context():
        on_sqlite = db.engine.dialect.name == "sqlite"

    def fail(statement: str) -> None:
        if statement.startswith(prefix):
            if on_sqlite:
                raise sqlite3.OperationalError("database is locked")
            import psycopg  # the PostgreSQL driver, installed with the postgres extra

            raise psycopg.errors.LockNotAvailable("canceling statement due to lock timeout")

    with before_each_statement(app, fail):
        yield
