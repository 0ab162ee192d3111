"""Counting the SQL statements a block of code sends (query-count and no-write tests)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask

from lindungi.extensions import db


@contextmanager
def counting_statements(app: Flask) -> Iterator[list[str]]:
    """Yield a list that collects every statement sent to the app's database inside the block."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, _params, _context, _many) -> None:
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
