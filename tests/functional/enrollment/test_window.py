"""Enrollment windows: an admin closes new requests with a message and reopens them; while
closed, the home page, the checker and the start page say so and no request starts or is sent."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from lindungi.audit import actions
from lindungi.audit.models import AuditEvent
from lindungi.enrollment.models import EnrollmentRequest
from lindungi.enrollment.window import EnrollmentWindow
from lindungi.extensions import db
from lindungi.staff.models import Role
from tests.support.checking import soup_of
from tests.support.enrollment import NOW, Flow, error_messages
from tests.support.staff import csrf_token

MESSAGE_ID = "Kuota tahun 2026 sudah penuh. Pendaftaran dibuka lagi Januari 2027."
MESSAGE_EN = "The 2026 quota is full. Requests open again in January 2027."
# Eligible answers, as the checker's button sends them.
CHECKER = ("/cek-kelayakan?makassar=yes&kecamatan=73.71.01&age=40&occupation=street_vendor"
           "&civil_servant=no&employee=no&member=no&decile=2&check=1")
PUBLIC_PAGES = ["/", "/daftar", CHECKER]


@pytest.fixture(autouse=True)
def fixed_now(app):
    app.config["NOW"] = NOW


@pytest.fixture
def admin(client_for):
    return client_for(Role.ADMIN)


def _close(admin, **overrides: str):
    data = {"message_id": MESSAGE_ID, "message_en": MESSAGE_EN, **overrides}
    data["csrf_token"] = csrf_token(admin, "/staf/masa-pendaftaran")
    return admin.post("/staf/masa-pendaftaran/tutup", data=data)


def _reopen(admin):
    return admin.post("/staf/masa-pendaftaran/buka",
                      data={"csrf_token": csrf_token(admin, "/staf/masa-pendaftaran")})


def _closed_notice(response) -> str:
    notice = soup_of(response).select_one("#enrollment-closed")
    return "" if notice is None else notice.get_text(" ", strip=True)


@pytest.mark.parametrize("lang, message", [("id", MESSAGE_ID), ("en", MESSAGE_EN)])
def test_closing_shows_the_message_on_the_three_pages_and_reopening_removes_it(
        app, admin, lang: str, message: str) -> None:
    visitor = app.test_client()
    for path in PUBLIC_PAGES:
        assert _closed_notice(visitor.get(f"/{lang}{path}")) == ""
    assert soup_of(visitor.get(f"/{lang}{CHECKER}")).select_one("#enrollment-link") is not None

    assert _close(admin).status_code == 303
    for path in PUBLIC_PAGES:
        assert message in _closed_notice(visitor.get(f"/{lang}{path}")), path
    start = soup_of(visitor.get(f"/{lang}/daftar"))
    assert start.select_one(f'a[href="/{lang}/daftar/pemohon"]') is None
    checker = soup_of(visitor.get(f"/{lang}{CHECKER}"))
    assert checker.select_one("#enrollment-link") is None
    assert checker.select_one("#enrollment-closed-result") is not None
    home = soup_of(visitor.get(f"/{lang}/"))
    assert home.select_one(f'.cta-list a[href="/{lang}/daftar"]') is None

    assert _reopen(admin).status_code == 303
    for path in PUBLIC_PAGES:
        assert _closed_notice(visitor.get(f"/{lang}{path}")) == ""
    assert visitor.get(f"/{lang}/daftar/pemohon").status_code == 200


@pytest.mark.parametrize("path", ["/id/", "/en/cek-kelayakan"])
def test_closing_and_reopening_change_the_cached_pages_etag(app, admin, path: str) -> None:
    visitor = app.test_client()
    open_tag = visitor.get(path).headers["ETag"]
    _close(admin)
    closed = visitor.get(path, headers={"If-None-Match": open_tag})
    assert (closed.status_code == 200 and MESSAGE_ID[:20] in closed.get_data(as_text=True)) or \
        MESSAGE_EN[:20] in closed.get_data(as_text=True)
    closed_tag = closed.headers["ETag"]
    assert closed_tag != open_tag
    assert "Set-Cookie" not in closed.headers  # still a public page: no session read
    _reopen(admin)
    assert visitor.get(path, headers={"If-None-Match": closed_tag}).status_code == 200
    assert visitor.get(path).headers["ETag"] not in (open_tag, closed_tag)


def test_a_draft_in_progress_gets_the_closed_page_and_cannot_be_sent(app, client, admin) -> None:
    flow = Flow(client, "id")
    flow.up_to_check()
    token = flow.submit_token()
    _close(admin)

    for path in ["/daftar/pemohon", "/daftar/pekerja/1", "/daftar/kontak",
                 "/daftar/persetujuan", "/daftar/periksa"]:
        response = flow.get(path)
        assert response.status_code == 303 and response.location == "/id/daftar/ditutup", path
    refused = flow.submit(token)
    assert refused.status_code == 303 and refused.location == "/id/daftar/ditutup"
    page = client.get("/id/daftar/ditutup")
    assert page.status_code == 200
    assert soup_of(page).select_one("#closed-message").get_text(strip=True) == MESSAGE_ID
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentRequest.id))) == 0

    htmx = Flow(client, "id", htmx=True).get("/daftar/kontak")
    assert htmx.headers["HX-Redirect"] == "/id/daftar/ditutup"

    _reopen(admin)
    assert client.get("/id/daftar/ditutup").location == "/id/daftar"
    flow.submit(token)  # the draft was kept: it can be sent now
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentRequest.id))) == 1


def test_a_request_sent_before_closing_is_still_answered_as_sent(app, client, admin) -> None:
    flow = Flow(client, "en")
    flow.up_to_check()
    token = flow.submit_token()
    flow.submit(token)
    _close(admin)
    again = flow.submit(token)  # a reload of the sending POST
    assert again.location == "/en/daftar/selesai"


def test_closing_is_audited_and_needs_both_messages(app, admin) -> None:
    response = _close(admin, message_en="")
    assert response.status_code == 200
    assert soup_of(response).title.get_text().startswith("Galat:")
    assert error_messages(response) == ["Tulis pesan dalam bahasa Inggris"]
    assert soup_of(response).select_one("#message_id").get_text().strip() == MESSAGE_ID
    with app.app_context():
        assert db.session.get(EnrollmentWindow, 1) is None

    _close(admin)
    _reopen(admin)
    with app.app_context():
        row = db.session.get(EnrollmentWindow, 1)
        assert row.is_open and row.version == 2 and row.changed_by_id == admin.user.id
        logged = db.session.scalars(sa.select(AuditEvent.action).where(
            AuditEvent.actor_id == admin.user.id).order_by(AuditEvent.id)).all()
    assert logged[-2:] == [actions.ENROLLMENT_CLOSED, actions.ENROLLMENT_REOPENED]


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.COMMUNICATIONS])
def test_only_admins_open_and_close(app, client_for, role: Role) -> None:
    staff = client_for(role)
    assert staff.get("/staf/masa-pendaftaran").status_code == 403
    token = csrf_token(staff)
    assert staff.post("/staf/masa-pendaftaran/tutup", data={
        "csrf_token": token, "message_id": "x", "message_en": "x"}).status_code == 403
    with app.app_context():
        assert db.session.get(EnrollmentWindow, 1) is None
