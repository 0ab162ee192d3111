"""One app per test module with something behind every form: an account of each role, requests in
every status, an article and a page with two revisions each, accounts to change, and a visitor
whose request draft has reached the check page. The database is copied once set up, so a test
can put it back after each example that wrote to it: on SQLite with the backup API (a millisecond
or two), on PostgreSQL from copies of its tables in one round trip (tests/support/pg_snapshot.py;
about 6 ms, where dropping the database and copying it back from a template took about 80).

Clients are named: "visitor" (no session), "applicant" (the draft), and each role's value. Each
call of World.client() gives a fresh client with that name's cookies as they were at set-up, so
an example that signs out or sends the draft does not change the next one."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

from lindungi import create_app
from lindungi.enrollment.models import RequestStatus
from lindungi.extensions import db, limiter
from lindungi.outbox.models import Channel, MessageKind, MessageState, OutboxMessage
from lindungi.outbox.operations import queue_message
from lindungi.outbox.texts import MessageText
from lindungi.staff import accounts
from lindungi.staff.models import Role
from tests.security.discovery import forms_on
from tests.support import pg_snapshot, postgres_apps
from tests.support.apps import STAFF_PASSWORD, base_config, database_for_test
from tests.support.checking import CheckingClient
from tests.support.editor import article_values, post_article
from tests.support.enrollment import NOW, Flow
from tests.support.staff import create_request, csrf_token, sign_in_as

GENEROUS = "100000 per minute"
# The table a write statement names (as SQLAlchemy and the app's own SQL write them).
_WRITTEN_TABLE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)'
    r'\s+(?:"?\w+"?\.)?"?(\w+)', re.IGNORECASE)
# Statements that write no row: transaction control and connection settings.
_NO_ROWS = ("SELECT", "SHOW", "SAVEPO", "RELEAS", "BEGIN", "COMMIT", "ROLLBA", "PRAGMA", "SET ")
STAFF_ROLES = (Role.COMMUNICATIONS, Role.REVIEWER, Role.ADMIN)


def fuzzing_settings(base: dict[str, Any]) -> dict[str, Any]:
    """Every rate limit generous (whatever limits exist now or later): a 429 would hide the
    form behind it. The limits have their own tests."""
    limits = {key: GENEROUS for key, value in base_config(Path("/")).items()
              if key.endswith("_LIMIT") and isinstance(value, str)}
    from lindungi.config import DEFAULTS

    limits |= {key: GENEROUS for key, value in DEFAULTS.items()
               if key.endswith("_LIMIT") and isinstance(value, str) and " per " in value}
    return {**base, **limits, "NOW": NOW,
            "SIGN_IN_LOCKOUT_AFTER": 10**9}


@dataclass
class World:
    app: Flask
    cookies: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # each client's CSRF token
    snapshot: Path | None = None
    # Pages that only a POST shows (client name, path, values besides the CSRF token).
    posted_pages: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    # Each POST endpoint's form as crawl.forms_by_endpoint found it (crawled once).
    forms: dict[str, Any] | None = None
    _watcher: sqlite3.Connection | None = None
    _version: int = -1
    # PostgreSQL: the world's database, and the statement that puts it back (pg_snapshot.py).
    pg_database: str | None = None
    pg_restore: str | None = None
    _writes: int = 0  # statements that may have written, seen on the app's engine
    _writes_seen: int = 0
    # Tables named by the write statements since the last restore; None once a statement that
    # may write named none we could read (then every table counts as written).
    _written: set[str] | None = field(default_factory=set)

    def __post_init__(self) -> None:
        with self.app.app_context():
            sa.event.listen(db.engine, "before_cursor_execute", self._saw_statement)

    def _saw_statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        head = statement.lstrip()[:6].upper()
        if head.startswith(("SELECT", "SHOW", "SAVEPO", "RELEAS")):
            return
        self._writes += 1
        if head.startswith(_NO_ROWS) or self._written is None:
            return
        table = _WRITTEN_TABLE.match(statement)
        if table is None:
            self._written = None
        else:
            self._written.add(table.group(1))

    def written_tables(self) -> set[str] | None:
        """The tables written since the last restore (None: any may have been)."""
        return None if self._written is None else set(self._written)

    @property
    def sqlite_file(self) -> str | None:
        uri = self.app.config["SQLALCHEMY_DATABASE_URI"]
        return uri.removeprefix("sqlite:///") if uri.startswith("sqlite:///") else None

    def changed(self) -> bool:
        """Whether anything was committed since the last call (SQLite's data_version, read on
        a connection of our own: it moves when any other connection commits). Elsewhere: whether
        the app's engine ran any statement other than a SELECT (a write rolled back counts too:
        the database is then put back for nothing, never left changed)."""
        if self.sqlite_file is None:
            moved, self._writes_seen = self._writes != self._writes_seen, self._writes
            return moved
        if self._watcher is None:
            self._watcher = sqlite3.connect(self.sqlite_file, check_same_thread=False)
        version = self._watcher.execute("PRAGMA data_version").fetchone()[0]
        moved, self._version = version != self._version, version
        return moved

    def client(self, name: str) -> CheckingClient:
        client = self.app.test_client()
        for key, value in self.cookies.get(name, []):
            client.set_cookie(key, value)
        return client  # type: ignore[return-value]

    def request_client(self, name: str) -> tuple[CheckingClient, dict[str, str]]:
        """A client without a cookie jar, and the headers that send `name`'s set-up cookies.
        The same requests as client(name) makes, without the jar's work: matching cookies to
        a URL decodes the whole query string twice a request in Python, which with the fuzz's
        long values cost more than most pages themselves."""
        client = self.app.test_client(use_cookies=False)
        cookies = "; ".join(f"{key}={value}" for key, value in self.cookies.get(name, []))
        return client, ({"Cookie": cookies} if cookies else {})  # type: ignore[return-value]

    def keep(self, name: str, client: CheckingClient, token: str | None = None) -> None:
        self.cookies[name] = [(c.key, c.value) for c in client._cookies.values()]
        if token is not None:
            self.tokens[name] = token

    def save(self, folder: Path) -> None:
        """Copy the database as it is now."""
        if self.pg_database is not None:
            with self.app.app_context():
                db.session.remove()
                with db.engine.begin() as connection:
                    self.pg_restore = pg_snapshot.save(connection)
            return
        if self.sqlite_file is None:
            return
        self.snapshot = folder / "world-snapshot.sqlite3"
        _copy(self.sqlite_file, str(self.snapshot))

    def restore(self) -> None:
        """Put the database back as save() found it."""
        if self.pg_restore is not None:
            with self.app.app_context():
                db.session.remove()
                raw = db.engine.raw_connection()  # several statements in one round trip
                try:
                    with raw.cursor() as cursor:
                        cursor.execute(self.pg_restore)
                    raw.commit()
                finally:
                    raw.close()
            self.changed()
            self._written = set()
            return
        if self.snapshot is None or self.sqlite_file is None:
            return
        with self.app.app_context():
            db.session.remove()
        _copy(str(self.snapshot), self.sqlite_file)
        self.changed()  # the copy itself is not a change
        self._written = set()

    def _disconnect(self) -> None:
        """No connection of the app's may stay open on a database that is copied or dropped."""
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()

    def close(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
        self._disconnect()
        if self.pg_database is not None:
            postgres_apps.drop(postgres_apps.url_of(self.pg_database))


def _copy(source: str, target: str) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def sqlite_world(folder: Path, schema: Path) -> World:
    settings = database_for_test(folder, schema)
    return populated(create_app(fuzzing_settings({**base_config(folder), **settings})), folder)


def postgres_world(folder: Path) -> World:
    """A world in a new database on the PostgreSQL test server (LINDUNGI_TEST_POSTGRES_URL),
    its schema built by the migrations; close() drops it and its saved copy."""
    name = postgres_apps.new_name("world")
    url = postgres_apps.create(name)
    app = create_app(fuzzing_settings({**base_config(folder), "SQLALCHEMY_DATABASE_URI": url}))
    with app.app_context():
        upgrade()
    return populated(app, folder, pg_database=name)


def populated(app: Flask, folder: Path, pg_database: str | None = None) -> World:
    app.test_client_class = CheckingClient
    with app.app_context():
        limiter.reset()
    world = World(app, pg_database=pg_database)
    staff = {role: _staff(app, role, f"{role.value}@makassarkota.go.id") for role in STAFF_ROLES}
    for role, client in staff.items():
        world.keep(role.value, client, client.token)  # type: ignore[attr-defined]
    # Accounts an admin can change, one of them disabled (its page has the "enable" form).
    _staff(app, Role.REVIEWER, "target@makassarkota.go.id")
    with app.app_context():
        gone = accounts.create_staff("gone@makassarkota.go.id", Role.REVIEWER, STAFF_PASSWORD)
        gone.active = False
        db.session.commit()
    for status in RequestStatus:
        create_request(app, status=status, decided_at=NOW if status in (
            RequestStatus.APPROVED, RequestStatus.REJECTED, RequestStatus.REGISTERED) else None)
    editor = staff[Role.COMMUNICATIONS]
    assert post_article(editor, **article_values(state="published")).status_code == 302
    # Second revisions, so that the first ones' pages offer "restore".
    submit_form(editor, "/staf/berita/1", id_title="Jadwal Verifikasi Data Peserta Diperbarui")
    for title in ("Pertanyaan yang sering diajukan", "Pertanyaan umum"):
        submit_form(editor, "/staf/halaman/faq", id_title=title, id_body=f"## {title}\n\nIsi.")
    # The admins' search by NIK answers a POST; its page has the export form.
    nik = create_request(app, status=RequestStatus.RECEIVED).workers[0].nik
    world.posted_pages.append((Role.ADMIN.value, "/staf/data-pribadi", {"nik": nik}))
    # A message stored without an address and one refused: the admins' message page then has
    # its "send again" form.
    with app.app_context():
        for recipient in ("", "+6281234567890"):
            message = db.session.get(OutboxMessage, queue_message(
                kind=MessageKind.RESUME_LINK, channel=Channel.SMS, recipient=recipient,
                lang="id", text=MessageText(subject="Kode", body="Kode Anda")))
            message.state, message.last_error = MessageState.FAILED, "refused"
        db.session.commit()
    # The answer form shows on the status of a request that needs more information.
    asked = create_request(app, status=RequestStatus.NEEDS_INFO)
    born = asked.workers[0].birth_date
    world.posted_pages.append(("visitor", "/id/status", {
        "reference": asked.reference, "birth_day": str(born.day),
        "birth_month": str(born.month), "birth_year": str(born.year)}))
    # The code form shows after a reviewer's password step.
    world.posted_pages.append(("visitor", "/staf/masuk", {
        "email": "target@makassarkota.go.id", "password": STAFF_PASSWORD}))
    applicant = app.test_client()
    flow = Flow(applicant, "id")
    flow.up_to_check(workers=2)
    world.keep("applicant", applicant, flow.token())
    world.save(folder)
    return world


def submit_form(client: CheckingClient, page: str, **overrides: str) -> None:
    """Post the page's own form (the one posting back to it) as shown, with some fields
    changed (a valid edit)."""
    shown = client.get(page)
    form = next(f for f in forms_on(shown.get_data(as_text=True), page, "") if f.action == page)
    values = form.defaults()
    for name, value in overrides.items():
        values.setlist(name, [value])
    response = client.post(form.action, data=values)
    assert response.status_code in (302, 303), (page, response.status_code)


def _staff(app: Flask, role: Role, email: str) -> CheckingClient:
    with app.app_context():
        user = accounts.create_staff(email, role, STAFF_PASSWORD)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
    client = app.test_client()
    sign_in_as(client, user)
    client.token = csrf_token(client)  # type: ignore[attr-defined]
    return client  # type: ignore[return-value]
