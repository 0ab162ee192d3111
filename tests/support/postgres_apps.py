"""The functional suite on PostgreSQL: tests/run-suite.sh runs tests/functional a second time with
LINDUNGI_TEST_DATABASE=postgresql, and every app the fixtures make then uses a database of its own
on the throwaway server (LINDUNGI_TEST_POSTGRES_URL), copied from a template that the migrations
built once per session (CREATE DATABASE ... TEMPLATE with STRATEGY FILE_COPY copies the files:
about 10 ms, where PostgreSQL 15's default WAL_LOG strategy takes about 40 ms for this small
database). The seeded demo content is a second template, made from the first.

Under pytest-xdist each worker first takes a database of its own for the tests that use
LINDUNGI_TEST_POSTGRES_URL directly (migrations, make_postgres_app), so workers never meet there;
the databases made per test carry the worker's process id in their names.

The tests' apps (database_for_test) do not get a new database each: creating one costs 40-80 ms
(a checkpoint, then the files copied), dropping it 10-20 ms more, and every connection to a new
database builds its catalog caches again; that was most of the PostgreSQL pass. Each worker keeps
one work database instead, made once from the template, and puts it back before each test in one
round trip (pg_snapshot: every row deleted, the template's rows inserted again from copies kept
in the work database, the sequences reset), with every other connection to it ended first (a
test's worker process or unclosed pool cannot leave a lock behind). The seeded demo content is a
second set of copies in the same database. A test that changes the schema (a migration test on
this database) is noticed by a catalog fingerprint, and the work database is then made anew.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from tests.support import pg_snapshot

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
    if _work is not None and name == _work.name:
        return  # kept for the next test, which puts it back first
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


# The work database's copies of the template's rows and of the seeded content's.
EMPTY_COPIES, SEEDED_COPIES = "kept_empty", "kept_seeded"
_FINGERPRINT = sa.text(
    "SELECT count(*), COALESCE(max(c.oid::int8), 0), COALESCE(sum(c.relnatts), 0) "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")
_END_OTHERS = sa.text(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()")


@dataclass
class WorkDatabase:
    name: str
    template: str
    fingerprint: tuple[int, ...]
    restore: dict[str, str] = field(default_factory=dict)  # copies' schema -> statement


_work: WorkDatabase | None = None


def _connect(name: str) -> sa.Engine:
    return sa.create_engine(url_of(name), poolclass=sa.NullPool)


def _new_work_database(template: str) -> WorkDatabase:
    """A work database made from `template`, with copies of its rows (the one before, if any,
    is dropped)."""
    global _work
    if _work is not None:
        old, _work = _work, None
        drop(url_of(old.name))
    name = new_name("work")
    create(name, template=template)
    engine = _connect(name)
    with engine.begin() as connection:
        restore = pg_snapshot.save(connection, EMPTY_COPIES)
        fingerprint = tuple(connection.execute(_FINGERPRINT).one())
    engine.dispose()
    _work = WorkDatabase(name, template, fingerprint, {EMPTY_COPIES: restore})
    return _work


def test_database(template: str) -> str:
    """A database holding what `template` holds, for one test: the work database put back
    (made anew when there is none yet, it came from another template, or a test changed its
    schema)."""
    if _work is None or _work.template != template or not _put_back(_work, EMPTY_COPIES):
        _put_back(_new_work_database(template), EMPTY_COPIES)
    assert _work is not None
    return url_of(_work.name)


def load_seeded(url: str, seeded_template: str) -> None:
    """Put the seeded content (the database `seeded_template`) into the test's database."""
    if _work is None or database_of(url) != _work.name:
        create(database_of(url), template=seeded_template)  # not the work database: copy
        return
    if SEEDED_COPIES not in _work.restore:
        _work.restore[SEEDED_COPIES] = _copy_tables(seeded_template, _work.name, SEEDED_COPIES)
    if not _put_back(_work, SEEDED_COPIES):
        raise RuntimeError("this test changed the schema of its database before seeding it")


def _put_back(work: WorkDatabase, copies: str) -> bool:
    """Put the rows back from `copies`, on one connection; False (and nothing done) when the
    schema is not the one the copies were made from."""
    engine = _connect(work.name)
    with engine.connect() as connection:
        same = tuple(connection.execute(_FINGERPRINT).one()) == work.fingerprint
        if same:
            connection.execute(_END_OTHERS)
            connection.commit()
            raw = connection.connection.driver_connection
            with raw.cursor() as cursor:  # several statements in one round trip
                cursor.execute(work.restore[copies])
            raw.commit()
    engine.dispose()
    return same


def _copy_tables(source: str, target: str, schema: str) -> str:
    """Copy every public table of the database `source` into `schema` of `target` (COPY,
    streamed between the two servers' connections); returns the restore statement."""
    reading, writing = _connect(source), _connect(target)
    with reading.connect() as src, writing.begin() as dst:
        tables = pg_snapshot.tables_of(src)
        dst.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        dst.execute(sa.text(f"CREATE SCHEMA {schema}"))
        out_raw, in_raw = src.connection.driver_connection, dst.connection.driver_connection
        for table in tables:
            dst.execute(sa.text(
                f'CREATE TABLE {schema}."{table}" AS TABLE public."{table}" WITH NO DATA'))
            with out_raw.cursor() as out_cursor, in_raw.cursor() as in_cursor, \
                    out_cursor.copy(f'COPY public."{table}" TO STDOUT') as copy_out, \
                    in_cursor.copy(f'COPY {schema}."{table}" FROM STDIN') as copy_in:
                for data in copy_out:
                    copy_in.write(data)
        statement = pg_snapshot.restore_statement(dst, schema, tables)
    reading.dispose()
    writing.dispose()
    return statement
