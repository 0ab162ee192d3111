"""Item 11 of issue 15: every form and query parameter, fed hostile values (NUL and other control
characters, Unicode digits, long strings, repeated and unknown parameters), never answers 5xx and
never stores a control character; on SQLite and, for the forms that store, PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from flask import Flask
from hypothesis import given
from werkzeug.datastructures import MultiDict

from lindungi.extensions import db
from lindungi.outbox.models import OutboxMessage
from lindungi.staff.models import Role
from tests.security.conftest import staff_client
from tests.security.fuzzing import FUZZ, form_fields, stored_text_is_clean, values_for
from tests.support.checking import CheckingClient, soup_of
from tests.support.enrollment import NOW, Flow, csrf_token_of

GENEROUS = "100000 per minute"


def prepared(app: Flask) -> Flask:
    app.config.update(NOW=NOW, STATUS_LOOKUP_LIMIT=GENEROUS, SIGN_IN_LIMIT=GENEROUS,
                      SIGN_IN_ACCOUNT_LIMIT=GENEROUS, SIGN_IN_LOCKOUT_AFTER=10**9)
    app.test_client_class = CheckingClient
    return app


def fuzz(app: Flask, client, page: str, action: str, method: str = "POST",
         headers: dict[str, str] | None = None) -> None:
    """Send EXAMPLES hostile variants of the form on `page` that goes to `action`."""
    first = client.get(page)
    assert first.status_code == 200, page
    html = first.get_data(as_text=True)
    names = form_fields(html, action)
    token = csrf_token_of(first) if method == "POST" else ""

    @FUZZ
    @given(values_for(names))
    def send(values: MultiDict[str, str]) -> None:
        if method == "POST":
            values.setlist("csrf_token", [token])
            response = client.post(action, data=values, headers=headers or {}, check=False)
        else:
            response = client.get(action, query_string=values, headers=headers or {},
                                  check=False)
        assert response.status_code < 500, (action, values)

    send()
    stored_text_is_clean(app)


@pytest.fixture
def app_on_sqlite(make_app: Callable[..., Flask]) -> Flask:
    return prepared(make_app())


@pytest.mark.parametrize(("page", "action", "method"), [
    ("/id/cek-kelayakan", "/id/cek-kelayakan", "GET"),
    ("/id/cari", "/id/cari", "GET"),
    ("/en/status", "/en/status", "POST"),
    ("/en/status/tinjau-ulang", "/en/status/tinjau-ulang", "POST"),
    ("/id/daftar/lanjut", "/id/daftar/lanjut", "POST"),
])
def test_public_forms(app_on_sqlite: Flask, page: str, action: str, method: str) -> None:
    fuzz(app_on_sqlite, app_on_sqlite.test_client(), page, action, method)


def test_news_list_parameters(app_on_sqlite: Flask) -> None:
    client = app_on_sqlite.test_client()

    @FUZZ
    @given(values_for(["kategori", "page", "q"]))
    def send(values: MultiDict[str, str]) -> None:
        for path in ("/id/berita", "/en/", "/id/manfaat/jkk"):
            assert client.get(path, query_string=values, check=False).status_code < 500

    send()


@pytest.mark.parametrize("htmx", [False, True])
def test_request_form_steps(db_app: Flask, htmx: bool) -> None:
    app = prepared(db_app)
    flow = Flow(app.test_client(), "id", htmx=htmx)
    headers = flow.headers
    fuzz(app, flow.client, "/id/daftar/pemohon", "/id/daftar/pemohon", headers=headers)
    assert flow.applicant().status_code in (200, 303)
    fuzz(app, flow.client, "/id/daftar/pekerja/1", "/id/daftar/pekerja/1", headers=headers)
    assert flow.worker().status_code in (200, 303)
    fuzz(app, flow.client, "/id/daftar/kontak", "/id/daftar/kontak", headers=headers)


def test_saved_page_send_form(db_app: Flask) -> None:
    """With this browser's real code, any channel, number and address: no 5xx, and a message is
    queued only for a number or address that passed the checks."""
    app = prepared(db_app)
    app.config["ENROLLMENT_SUBMIT_LIMIT"] = GENEROUS
    flow = Flow(app.test_client(), "id")
    assert flow.applicant().status_code == 303 and flow.worker().status_code == 303
    assert flow.post("/daftar/simpan", {}).status_code == 303
    page = flow.client.get("/id/daftar/tersimpan")
    code = soup_of(page).select_one("#resume-code").get_text(strip=True)
    token = csrf_token_of(page)

    @FUZZ
    @given(values_for(["channel", "phone", "email"]))
    def send(values: MultiDict[str, str]) -> None:
        values.setlist("csrf_token", [token])
        values.setlist("code", [code])
        response = flow.client.post("/id/daftar/tersimpan", data=values, check=False)
        assert response.status_code in (200, 303), values

    send()
    stored_text_is_clean(app)
    with app.app_context():
        for message in db.session.scalars(sa.select(OutboxMessage)):
            assert message.recipient.startswith("+628") or "@" in message.recipient


def test_sign_in(db_app: Flask) -> None:
    app = prepared(db_app)
    fuzz(app, app.test_client(), "/staf/masuk", "/staf/masuk")


def test_staff_forms(db_app: Flask) -> None:
    app = prepared(db_app)
    reviewer = staff_client(app, Role.REVIEWER)
    fuzz(app, reviewer, "/staf/pendaftaran", "/staf/pendaftaran")
    fuzz(app, reviewer, "/staf/pendaftaran", "/staf/pendaftaran", "GET")
    editor = staff_client(app, Role.COMMUNICATIONS)
    fuzz(app, editor, "/staf/berita/baru", "/staf/berita/baru")
    fuzz(app, editor, "/staf/berita", "/staf/berita", "GET")
    admin = staff_client(app, Role.ADMIN)
    fuzz(app, admin, "/staf/akun/baru", "/staf/akun/baru")
    fuzz(app, admin, "/staf/audit", "/staf/audit", "GET")
