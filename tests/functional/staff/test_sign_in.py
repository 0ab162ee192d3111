"""Signing in and out: one message for every failure, the pause after wrong passwords, rate limits
per client and per account, session rotation, idle and absolute timeouts, and sign-out that ends
the session on the server (a copied cookie stops working)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.extensions import db, limiter
from lindungi.staff import accounts, passwords
from lindungi.staff.models import Role, StaffUser
from tests.support.apps import STAFF_PASSWORD
from tests.support.checking import CheckingClient, soup_of
from tests.support.staff import csrf_token, fixed_now

# A communications account: its sign-in is the password alone. Reviewers' and admins' two-step
# sign-in has its own tests (test_two_factor.py).
REVIEWER_EMAIL = "r@makassarkota.go.id"

GENERIC_FAILURE = "Alamat email atau kata sandi tidak benar"
TOO_MANY = "Terlalu banyak percobaan masuk"


@pytest.fixture
def configured_app(make_app: Callable[..., Flask]) -> Callable[..., Flask]:
    """Factory: configured_app(SETTING=value, ...) -> an app with these settings, a checking
    test client and a reviewer account REVIEWER_EMAIL (password STAFF_PASSWORD)."""

    def factory(**overrides: Any) -> Flask:
        app = make_app(**overrides)
        app.test_client_class = CheckingClient
        with app.app_context():
            limiter.reset()
            accounts.create_staff(REVIEWER_EMAIL, Role.COMMUNICATIONS, STAFF_PASSWORD)
            db.session.commit()
        return app

    return factory


def post_sign_in(client, email: str, password: str = STAFF_PASSWORD, next_: str = "",
                 **kwargs):
    data = {"csrf_token": csrf_token(client, "/staf/masuk"), "email": email,
            "password": password, "next": next_}
    return client.post("/staf/masuk", data=data, **kwargs)


def problem_text(response) -> str:
    box = soup_of(response).select_one(".error-summary")
    return box.get_text(" ", strip=True) if box else ""


def audit_actions(app: Flask) -> list[tuple[str, int | None, str, dict]]:
    with app.app_context():
        events = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)).all()
        return [(e.action, e.actor_id, e.target_id, e.detail) for e in events
                if e.detail.get("via") != "cli"]


def stored_user(app: Flask, user_id: int) -> StaffUser:
    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        db.session.expunge(user)
        return user


def test_sign_in_page(client) -> None:
    response = client.get("/staf/masuk")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.html["lang"] == "id"
    assert soup.h1.get_text(strip=True) == "Masuk petugas"
    assert soup.select_one("input[name=password]")["autocomplete"] == "current-password"
    assert soup.select_one("form")["novalidate"] is not None
    assert not soup.find("input", attrs={"name": "remember"})


def test_sign_in_rotates_the_session_and_records_it(app: Flask, client, make_staff) -> None:
    user = make_staff(role=Role.COMMUNICATIONS)
    client.get("/staf/masuk")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker before sign-in"
        old_token = session.get("csrf_token")
    response = post_sign_in(client, user.email.upper())
    assert response.status_code == 302
    assert response.headers["Location"] == "/staf/"
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["staff_id"] == user.id
        assert session.get("csrf_token") != old_token
    cookies = response.headers.getlist("Set-Cookie")
    assert not any("remember" in cookie for cookie in cookies)
    session_cookie = next(c for c in cookies if c.startswith("lindungi_session="))
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie
    assert "Expires" not in session_cookie  # no remember-me: ends with the browser
    assert client.get("/staf/").status_code == 200
    assert audit_actions(app)[-1][:3] == ("staff.sign_in", user.id, str(user.id))
    assert stored_user(app, user.id).last_sign_in_at is not None


def test_signed_in_visit_to_sign_in_page_goes_on(client, make_staff) -> None:
    user = make_staff()
    post_sign_in(client, user.email)
    response = client.get("/staf/masuk?next=/staf/pendaftaran")
    assert response.headers["Location"] == "/staf/pendaftaran"


@pytest.mark.parametrize(
    ("next_", "expected"),
    [
        ("/staf/pendaftaran?status=received", "/staf/pendaftaran?status=received"),
        ("https://evil.example/staf/", "/staf/"),
        ("//evil.example/staf/", "/staf/"),
        ("/\\evil.example", "/staf/"),
        ("/id/", "/staf/"),
        ("/staf/%2e%2e/id/", "/staf/"),
        ("/staf/../id/", "/staf/"),
        ("javascript:alert(1)", "/staf/"),
    ],
)
def test_next_only_to_staff_pages(client, make_staff, next_: str, expected: str) -> None:
    user = make_staff()
    response = post_sign_in(client, user.email, next_=next_)
    assert response.headers["Location"] == expected


def test_next_survives_a_failed_attempt(client, make_staff) -> None:
    user = make_staff()
    page = client.get("/staf/masuk?next=/staf/pendaftaran")
    assert soup_of(page).select_one("input[name=next]")["value"] == "/staf/pendaftaran"
    failed = post_sign_in(client, user.email, "wrong password here", next_="/staf/pendaftaran")
    assert soup_of(failed).select_one("input[name=next]")["value"] == "/staf/pendaftaran"
    unsafe = client.get("/staf/masuk?next=https://evil.example/")
    assert soup_of(unsafe).select_one("input[name=next]").get("value", "") == ""


def test_empty_form_shows_field_errors(client) -> None:
    response = post_sign_in(client, "", "")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.title.get_text().startswith("Galat:")
    assert "Isi alamat email Anda." in problem_text(response)
    assert "Isi kata sandi Anda." in problem_text(response)


def test_same_answer_whether_the_account_exists_or_not(app: Flask, client, make_staff,
                                                       monkeypatch) -> None:
    user = make_staff()
    disabled = make_staff()
    with app.app_context():
        accounts.set_active(disabled.email, False)
        db.session.commit()
    hashes: list[str] = []
    real_check = passwords.check_password_hash

    def counting_check(pwhash: str, password: str) -> bool:
        hashes.append(pwhash)
        return real_check(pwhash, password)

    monkeypatch.setattr(passwords, "check_password_hash", counting_check)
    answers = []
    for email, password in [(user.email, "a wrong password"), ("nobody@makassarkota.go.id",
                            "a wrong password"), (disabled.email, STAFF_PASSWORD)]:
        hashes.clear()
        response = post_sign_in(client, email, password)
        assert response.status_code == 200
        assert len(hashes) == 1, "every attempt checks one password hash"
        answers.append(problem_text(response))
    assert answers[0] == answers[1] == answers[2]
    assert GENERIC_FAILURE in answers[0]
    reasons = [detail.get("reason") for action, *_rest, detail in audit_actions(app)
               if action == "staff.sign_in_failed"]
    assert reasons == ["password", "unknown_account", "disabled"]


def test_failed_attempt_keeps_email_but_not_password(client, make_staff) -> None:
    user = make_staff()
    soup = soup_of(post_sign_in(client, user.email, "a wrong password"))
    assert soup.select_one("input[name=email]")["value"] == user.email
    assert not soup.select_one("input[name=password]").get("value")


def test_rate_limit_per_account_hides_whether_it_exists(configured_app) -> None:
    app = configured_app(SIGN_IN_LIMIT="1000 per minute", SIGN_IN_ACCOUNT_LIMIT="3 per minute")
    client = app.test_client()
    answers = {}
    for email in (REVIEWER_EMAIL, "nobody@makassarkota.go.id"):
        for _ in range(3):
            assert post_sign_in(client, email, "a wrong password").status_code == 200
        response = post_sign_in(client, email.upper(), "a wrong password")
        assert response.status_code == 429
        answers[email] = problem_text(response)
    assert answers[REVIEWER_EMAIL] == answers["nobody@makassarkota.go.id"]
    assert TOO_MANY in answers["nobody@makassarkota.go.id"]
    # Another address from the same client is not held up by these.
    assert post_sign_in(client, "other@makassarkota.go.id", "a wrong password"
                        ).status_code == 200


def test_rate_limit_per_client(configured_app) -> None:
    app = configured_app(SIGN_IN_LIMIT="3 per minute", SIGN_IN_ACCOUNT_LIMIT="1000 per minute")
    client = app.test_client()
    for number in range(3):
        response = post_sign_in(client, f"guess{number}@makassarkota.go.id", "wrong password")
        assert response.status_code == 200
    response = post_sign_in(client, "guess9@makassarkota.go.id", "wrong password")
    assert response.status_code == 429
    assert TOO_MANY in problem_text(response)
    other = post_sign_in(client, "guess9@makassarkota.go.id", "wrong password",
                         environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert other.status_code == 200


def test_successful_sign_ins_do_not_use_up_the_limit(configured_app) -> None:
    app = configured_app(SIGN_IN_LIMIT="2 per minute", SIGN_IN_ACCOUNT_LIMIT="2 per minute")
    for _ in range(4):  # a shared office address signing in every morning
        client = app.test_client()
        assert post_sign_in(client, REVIEWER_EMAIL).status_code == 302


def test_sign_out_ends_the_session_on_the_server(app: Flask, make_staff) -> None:
    user = make_staff(role=Role.COMMUNICATIONS)
    browser = app.test_client()
    post_sign_in(browser, user.email)
    stolen = browser.get_cookie("lindungi_session").value
    thief = app.test_client()
    thief.set_cookie("lindungi_session", stolen)
    assert thief.get("/staf/").status_code == 200
    response = browser.post("/staf/keluar", data={"csrf_token": csrf_token(browser)})
    assert urlsplit(response.headers["Location"]).path == "/staf/masuk"
    assert "Anda sudah keluar." in browser.get("/staf/masuk").get_data(as_text=True)
    assert browser.get("/staf/").status_code == 302
    # The copied cookie was valid a moment ago; the server no longer accepts it.
    after = thief.get("/staf/")
    assert after.status_code == 302
    assert urlsplit(after.headers["Location"]).path == "/staf/masuk"
    assert audit_actions(app)[-1][:2] == ("staff.sign_out", user.id)


def test_sign_out_needs_post(client, make_staff) -> None:
    user = make_staff(role=Role.COMMUNICATIONS)
    post_sign_in(client, user.email)
    assert client.get("/staf/keluar").status_code == 405
    assert client.get("/staf/").status_code == 200


def test_idle_timeout(configured_app) -> None:
    start = fixed_now(2026, 2, 13)
    app = configured_app(NOW=start, STAFF_IDLE_MINUTES=30)
    client = app.test_client()
    post_sign_in(client, REVIEWER_EMAIL)
    app.config["NOW"] = start + timedelta(minutes=29)
    assert client.get("/staf/").status_code == 200  # activity moves the idle clock on
    app.config["NOW"] = start + timedelta(minutes=29 + 29)
    assert client.get("/staf/").status_code == 200
    app.config["NOW"] = start + timedelta(minutes=58 + 31)
    response = client.get("/staf/pendaftaran")
    assert urlsplit(response.headers["Location"]).path == "/staf/masuk"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sesi Anda sudah berakhir" in page


def test_absolute_timeout_even_when_active(configured_app) -> None:
    start = fixed_now(2026, 2, 13)
    app = configured_app(NOW=start, STAFF_IDLE_MINUTES=30, STAFF_ABSOLUTE_HOURS=10)
    client = app.test_client()
    post_sign_in(client, REVIEWER_EMAIL)
    minutes = 0
    while minutes + 25 < 10 * 60:
        minutes += 25
        app.config["NOW"] = start + timedelta(minutes=minutes)
        assert client.get("/staf/").status_code == 200, minutes
    app.config["NOW"] = start + timedelta(hours=10, minutes=1)
    assert client.get("/staf/").status_code == 302


def test_role_change_ends_the_other_sessions(app: Flask, client_for,
                                             make_staff: Callable[..., StaffUser]) -> None:
    reviewer = client_for(Role.REVIEWER)
    admin = client_for(Role.ADMIN)
    assert reviewer.get("/staf/pendaftaran").status_code == 200
    response = admin.post(f"/staf/akun/{reviewer.user.id}/peran",
                          data={"csrf_token": csrf_token(admin), "role": "communications"})
    assert response.status_code == 302
    assert reviewer.get("/staf/pendaftaran").status_code == 302


def test_behind_a_proxy_each_client_has_its_own_limit(configured_app) -> None:
    """With ProxyFix (PROXY_HOPS) the limit and the audit log see the real client address,
    not the load balancer's (security-notes.md)."""
    app = configured_app(PROXY_HOPS=1, SIGN_IN_LIMIT="2 per minute",
                         SIGN_IN_ACCOUNT_LIMIT="1000 per minute")
    client = app.test_client()

    def attempt(address: str):
        return post_sign_in(client, "guess@makassarkota.go.id", "wrong password",
                            headers={"X-Forwarded-For": address})

    assert attempt("203.0.113.7").status_code == 200
    assert attempt("203.0.113.7").status_code == 200
    assert attempt("203.0.113.7").status_code == 429
    assert attempt("198.51.100.9").status_code == 200
    with app.app_context():
        clients = db.session.scalars(sa.select(AuditEvent.client).where(
            AuditEvent.action == "staff.sign_in_failed")).all()
    assert clients == ["203.0.113.7", "203.0.113.7", "198.51.100.9"]


def test_rate_limits_use_redis_when_configured(make_app) -> None:
    """memory:// counts per worker process; with REDIS_URL every worker shares the counts."""
    from lindungi.extensions import limiter

    app = make_app(RATELIMIT_STORAGE_URI=None, REDIS_URL="redis://127.0.0.1:6399/0")
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6399/0"
    assert type(limiter.storage).__name__ == "RedisStorage"
    assert make_app(RATELIMIT_STORAGE_URI=None).config["RATELIMIT_STORAGE_URI"] == "memory://"
