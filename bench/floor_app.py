"""The least a form submission can be in this stack, for `bench/submit_floor.py`: a POST with a
session cookie and a CSRF token that Flask-WTF checks, answered with a redirect (post-redirect-
get), with nothing else (/nothing) or with one row written in a transaction of its own through
SQLAlchemy Core (/one-row). The database is FLOOR_DATABASE_URL; on SQLite with the site's
settings (WAL, synchronous=NORMAL, the write lock taken at BEGIN)."""

from __future__ import annotations

import os

import sqlalchemy as sa
from flask import Flask, redirect
from flask_wtf.csrf import CSRFProtect, generate_csrf
from werkzeug.wrappers import Response

app = Flask(__name__)
# One key for every worker (FLOOR_SECRET_KEY, made by the runner): a session signed by one
# worker must open in the other.
app.config.update(SECRET_KEY=os.environ["FLOOR_SECRET_KEY"], WTF_CSRF_TIME_LIMIT=None)
CSRFProtect(app)

engine = sa.create_engine(os.environ["FLOOR_DATABASE_URL"], pool_pre_ping=True)
rows = sa.Table("floor_row", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("value", sa.Text, nullable=False))

if engine.dialect.name == "sqlite":
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        for pragma in ("busy_timeout = 5000", "journal_mode = WAL", "synchronous = NORMAL"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

rows.create(engine, checkfirst=True)


@app.get("/")
def ready() -> str:
    return "ready"


@app.get("/token")
def token() -> str:
    """A CSRF token, and the session cookie that goes with it."""
    return generate_csrf()


@app.post("/nothing")
def nothing() -> Response:
    return redirect("/", 303)


@app.post("/one-row")
def one_row() -> Response:
    with engine.begin() as connection:
        connection.execute(sa.insert(rows), {"value": "x" * 200})
    return redirect("/", 303)
