"""The functional suite on PostgreSQL: tests/run-suite.sh runs tests/functional a second time with
LINDUNGI_TEST_DATABASE=postgresql, and every app the fixtures make then uses a database of its own
on the throwaway server (LINDUNGI_TEST_POSTGRES_URL), copied from a template that the migrations
built once per session (CREATE DATABASE ... TEMPLATE with STRATEGY FILE_COPY copies the files:
about 10 ms, where PostgreSQL 15's default WAL_LOG strategy takes about 40 ms for this small
database). The seeded demo content is a second template, made from the first.

Under pytest-xdist each worker first takes a database of its own for the tests that use
LINDUNGI_TEST_POSTGRES_URL directly (migrations, make_postgres_app), so workers never meet there;
the databases made per test carry the worker's process id in their names.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

ENV = "LINDUNGI_TEST_DATABASE"
_numbers = itertools.count(1)


def wanted() -> bool:
    return os.environ.get(ENV, "sqlite") == "postgresql"


def server_url() -> str:
    url = os.environ.get("LINDUNGI_TEST_POSTGRES_URL")
    if not url:
        raise RuntimeError(f"{ENV}=postgresql needs LINDUNGI_TEST_POSTGRES_URL "
                           "(tests/run-suite.sh starts a throwaway server and sets it)")
    return url


def url_of(name: str) -> str:
    return make_url(server_url()).set(database=name).render_as_string(hide_password=False)


def _admin() -> sa.Engine:
    return sa.create_engine(server_url(), isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)


def new_name(kind: str) -> str:
    return f"t_{os.getpid()}_{kind}_{next(_numbers)}"


def create(name: str, template: str | None = None) -> str:
    """A new database (a copy of `template` when given); returns its URL."""
    engine = _admin()
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        connection.execute(sa.text(f'CREATE DATABASE "{name}"{copy}'))
    engine.dispose()
    return url_of(name)


def use_worker_database() -> None:
    """Point LINDUNGI_TEST_POSTGRES_URL at a database of this xdist worker's own (run once, from
    pytest_configure, before any test module reads the variable)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = os.environ.get("LINDUNGI_TEST_POSTGRES_URL")
    if not worker or not url or os.environ.get("LINDUNGI_TEST_POSTGRES_WORKER") == worker:
        return
    os.environ["LINDUNGI_TEST_POSTGRES_URL"] = create(f"{make_url(url).database}_{worker}")
    os.environ["LINDUNGI_TEST_POSTGRES_WORKER"] = worker


def drop(url: str) -> None:
    name = make_url(url).database
    engine = _admin()
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def database_of(url: str) -> str:
    return str(make_url(url).database)


def marker(folder: Path, url: str) -> Path:
    """The session fixtures hand out paths: a file naming the template database stands in for
    the SQLite file."""
    path = folder / "postgres-template"
    path.write_text(database_of(url))
    return path
