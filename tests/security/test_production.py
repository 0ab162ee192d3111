"""Items 9-10 of issue 15 and the production parts of item 5: start-up checks, headers,
security.txt, the session cookie's name, Clear-Site-Data, 403s in the audit log and the alert on
unusual volumes."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi import create_app
from lindungi.audit.models import AuditEvent
from lindungi.config import ConfigError
from lindungi.extensions import db
from lindungi.staff.models import Role
from tests.security.conftest import staff_client
from tests.support.apps import TEST_DATA_KEYS, TEST_INDEX_KEY
from tests.support.staff import create_request

HTTPS = "https://lindungi.example"


@pytest.fixture
def production_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINDUNGI_ENV", "production")
    monkeypatch.setenv("LINDUNGI_ALLOW_SQLITE_IN_PRODUCTION", "1")
    monkeypatch.setenv("LINDUNGI_BASE_URL", HTTPS)
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    monkeypatch.setenv("LINDUNGI_DATA_KEYS", TEST_DATA_KEYS)
    monkeypatch.setenv("LINDUNGI_INDEX_KEY", TEST_INDEX_KEY)


@pytest.fixture
def production_app(production_env: None, make_app: Callable[..., Flask]) -> Flask:
    return make_app(ENV="production", SECRET_KEY="s" * 40, PASSWORD_HASH_METHOD="scrypt:16384:8:1",
                    SECURITY_CONTACT="csirt@makassarkota.go.id",
                    SECURITY_TXT_EXPIRES="2099-12-31")


@pytest.mark.parametrize("base_url", ["", "http://127.0.0.1:5000", "http://lindungi.example"])
def test_production_needs_its_https_base_url(production_env: None,
                                             monkeypatch: pytest.MonkeyPatch,
                                             base_url: str) -> None:
    monkeypatch.delenv("LINDUNGI_BASE_URL")
    with pytest.raises(ConfigError, match="LINDUNGI_BASE_URL"):
        create_app({"SECRET_KEY": "s" * 40, "BASE_URL": base_url or "http://127.0.0.1:5000"})


def test_production_needs_shared_rate_limits_unless_one_worker(
        production_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    with pytest.raises(ConfigError, match="LINDUNGI_REDIS_URL"):
        create_app({"SECRET_KEY": "s" * 40, "RATELIMIT_STORAGE_URI": "memory://"})
    monkeypatch.delenv("WEB_CONCURRENCY")
    with pytest.raises(ConfigError, match="WEB_CONCURRENCY=1"):
        create_app({"SECRET_KEY": "s" * 40, "RATELIMIT_STORAGE_URI": "memory://"})
    app = create_app({"SECRET_KEY": "s" * 40, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0"})
    assert app.config["ENV"] == "production"


def test_production_headers_cookie_and_sign_out(production_app: Flask) -> None:
    client = production_app.test_client()
    page = client.get("/id/", base_url=HTTPS)
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    staff = staff_client(production_app, Role.REVIEWER)
    # staff_client signed in over http; the cookie is Secure, so talk to it over https.
    with staff.session_transaction(base_url=HTTPS):
        pass
    assert production_app.config["SESSION_COOKIE_NAME"] == "__Host-lindungi_session"
    response = staff.post("/staf/keluar", base_url=HTTPS, data={"csrf_token": "x"})
    # Without a valid session over https the form is refused; the header belongs to sign-out.
    assert response.status_code in (302, 400)
    with production_app.test_request_context("/staf/keluar", method="POST", base_url=HTTPS):
        from flask_login import login_user

        from lindungi.staff.models import StaffUser
        from lindungi.staff.views import sign_out

        user = db.session.get(StaffUser, staff.user.id)
        login_user(user)
        result = sign_out.__wrapped__()
        assert result.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
        db.session.rollback()


def test_sign_out_in_development_clears_nothing(db_app: Flask) -> None:
    staff = staff_client(db_app, Role.REVIEWER)
    response = staff.post("/staf/keluar", data={"csrf_token": staff.token})
    assert response.status_code == 302 and "Clear-Site-Data" not in response.headers


def test_security_txt(production_app: Flask, make_app: Callable[..., Flask]) -> None:
    text = production_app.test_client().get("/.well-known/security.txt", base_url=HTTPS)
    assert text.status_code == 200 and text.mimetype == "text/plain"
    body = text.get_data(as_text=True)
    assert "Contact: mailto:csirt@makassarkota.go.id\n" in body
    assert "Expires: 2099-12-31T23:59:59Z\n" in body
    assert f"Canonical: {HTTPS}/.well-known/security.txt" in body
    for settings in ({}, {"SECURITY_CONTACT": "x@y.id"}, {"SECURITY_CONTACT": "x@y.id",
                     "SECURITY_TXT_EXPIRES": "2001-01-01"}):
        assert make_app(ENV="development", **settings).test_client().get(
            "/.well-known/security.txt").status_code == 404


def test_a_refused_page_is_in_the_audit_log(db_app: Flask) -> None:
    editor = staff_client(db_app, Role.COMMUNICATIONS)
    request = create_request(db_app)
    assert editor.get(f"/staf/pendaftaran/{request.id}").status_code == 403
    assert editor.post("/staf/pendaftaran/ekspor.csv",
                       data={"csrf_token": editor.token}).status_code == 403
    with db_app.app_context():
        rows = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "access.denied").order_by(AuditEvent.id)).all()
        assert [(r.actor_id, r.target_id) for r in rows] == [
            (editor.user.id, "review.request_detail"), (editor.user.id, "review.export_csv")]
        assert rows[0].detail["request_id"] == request.id


def test_unusual_volumes_raise_an_alert(make_app: Callable[..., Flask],
                                        caplog: pytest.LogCaptureFixture) -> None:
    app = make_app(ALERT_EXPORTS_PER_HOUR=3)
    reviewer = staff_client(app, Role.REVIEWER)
    with caplog.at_level(logging.WARNING):
        for _ in range(2):
            reviewer.post("/staf/pendaftaran/ekspor.csv", data={"csrf_token": reviewer.token})
        assert "event=alert" not in caplog.text
        reviewer.post("/staf/pendaftaran/ekspor.csv", data={"csrf_token": reviewer.token})
    alerts = [r.getMessage() for r in caplog.records if "event=alert" in r.getMessage()]
    assert alerts == [f"event=alert reason=unusual_volume action=export.approved_csv "
                      f"actor_id={reviewer.user.id} count=3 window=1h"]
