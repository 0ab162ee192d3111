"""Two-step sign-in: set-up with a server-drawn QR code and a first code, recovery codes shown
once and stored hashed, the secret sealed at rest, the code step (not signed in before it), no
reuse of a code, recovery codes used once, reviewers and admins held at set-up, and the admin's
reset (re-authentication, audit)."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from urllib.parse import unquote, urlsplit

import pyotp
import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.extensions import db, limiter
from lindungi.staff.models import RecoveryCode, Role, StaffUser
from tests.support.apps import STAFF_PASSWORD
from tests.support.checking import soup_of
from tests.support.staff import (
    TIMED_START,
    csrf_token,
    current_code,
    enrol_two_factor,
    sign_in_as,
)

START = TIMED_START


def post_password(client, email: str, password: str = STAFF_PASSWORD, next_: str = ""):
    return client.post("/staf/masuk", data={
        "csrf_token": csrf_token(client, "/staf/masuk"), "email": email, "password": password,
        "next": next_})


def post_code(client, code: str, next_: str = ""):
    return client.post("/staf/masuk/kode", data={
        "csrf_token": csrf_token(client, "/staf/masuk/kode"), "code": code, "next": next_})


def stored(app: Flask, user_id: int) -> StaffUser:
    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        db.session.expunge(user)
        return user


def actions_of(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def make_account(app: Flask, role: Role, email: str) -> StaffUser:
    from lindungi.staff import accounts

    with app.app_context():
        user = accounts.create_staff(email, role, STAFF_PASSWORD)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
        return user


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ADMIN])
def test_reviewers_and_admins_without_two_factor_reach_only_the_set_up(timed_app, role) -> None:
    user = make_account(timed_app, role, f"{role.value}@makassarkota.go.id")
    client = timed_app.test_client()
    response = post_password(client, user.email)
    assert response.status_code == 302
    for path in ("/staf/", "/staf/pendaftaran", "/staf/akun", "/staf/audit",
                 "/staf/data-pribadi"):
        if role is Role.REVIEWER and path in ("/staf/akun", "/staf/audit", "/staf/data-pribadi"):
            continue
        blocked = client.get(path)
        assert blocked.status_code == 302, path
        assert urlsplit(blocked.headers["Location"]).path == "/staf/dua-langkah", path
    export = client.post("/staf/pendaftaran/ekspor.csv",
                         data={"csrf_token": csrf_token(client, "/staf/dua-langkah")})
    assert urlsplit(export.headers["Location"]).path == "/staf/dua-langkah"
    htmx = client.get("/staf/pendaftaran", headers={"HX-Request": "true"})
    assert htmx.headers["HX-Redirect"] == "/staf/dua-langkah"
    assert client.get("/staf/dua-langkah").status_code == 200


def test_communications_staff_are_not_held(timed_app) -> None:
    user = make_account(timed_app, Role.COMMUNICATIONS, "k@makassarkota.go.id")
    client = timed_app.test_client()
    post_password(client, user.email)
    assert client.get("/staf/berita").status_code == 200


def test_set_up_shows_qr_code_and_key_then_confirms_with_a_code(timed_app) -> None:
    user = make_account(timed_app, Role.REVIEWER, "r@makassarkota.go.id")
    client = timed_app.test_client()
    post_password(client, user.email)
    page = client.get("/staf/dua-langkah")
    assert page.headers["Cache-Control"] == "no-store"
    soup = soup_of(page)
    image = soup.select_one("img.qr-code")
    assert image["src"].startswith("data:image/svg+xml")
    assert "<svg" in unquote(image["src"])
    assert "script" not in unquote(image["src"]).lower()
    secret = soup.select_one("code.secret-key").get_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    assert client.get("/staf/dua-langkah").status_code == 200  # the same key until confirmed
    again = soup_of(client.get("/staf/dua-langkah")).select_one("code.secret-key").get_text()
    assert again.replace(" ", "") == secret
    # The key is in the session only sealed.
    with client.session_transaction() as session:
        assert secret not in str(dict(session))

    token = csrf_token(client, "/staf/dua-langkah")
    wrong = client.post("/staf/dua-langkah", data={"csrf_token": token, "code": "000000"})
    assert wrong.status_code == 200
    assert soup_of(wrong).title.get_text().startswith("Galat:")
    assert stored(timed_app, user.id).totp_enabled_at is None

    with timed_app.app_context():
        code = pyotp.TOTP(secret).at(START)
    done = client.post("/staf/dua-langkah", data={"csrf_token": token, "code": code})
    assert done.status_code == 200 and done.headers["Cache-Control"] == "no-store"
    codes = [li.get_text(strip=True) for li in soup_of(done).select(".recovery-codes li")]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", c) for c in codes)
    account = stored(timed_app, user.id)
    assert account.has_two_factor and account.totp_secret == secret
    with timed_app.app_context():
        raw = db.session.execute(sa.text(
            "SELECT totp_secret FROM staff_user WHERE id = :id"), {"id": user.id}).scalar()
        hashes = set(db.session.scalars(sa.select(RecoveryCode.code_hash)))
    assert secret not in raw and raw.startswith("t1$")  # sealed with the data key
    assert hashes == {hashlib.sha256(c.replace("-", "").encode()).hexdigest() for c in codes}
    # Shown once: the page now only says it is on.
    later = soup_of(client.get("/staf/dua-langkah"))
    assert not later.select(".recovery-codes") and "10" in later.get_text()
    assert client.get("/staf/pendaftaran").status_code == 200
    assert "staff.two_factor_on" in actions_of(timed_app)


def test_sign_in_is_password_then_code(timed_app) -> None:
    user = make_account(timed_app, Role.REVIEWER, "r@makassarkota.go.id")
    enrol_two_factor(timed_app, user)
    client = timed_app.test_client()
    response = post_password(client, user.email, next_="/staf/pendaftaran")
    assert urlsplit(response.headers["Location"]).path == "/staf/masuk/kode"
    # Not signed in between the two steps.
    with client.session_transaction() as session:
        assert "staff_id" not in session and "_user_id" not in session
    assert urlsplit(client.get("/staf/").headers["Location"]).path == "/staf/masuk"
    assert "staff.sign_in" not in actions_of(timed_app)
    post_password(client, user.email, next_="/staf/pendaftaran")
    wrong = post_code(client, "123456", next_="/staf/pendaftaran")
    assert wrong.status_code == 200
    assert "staff.sign_in_failed" in actions_of(timed_app)
    done = post_code(client, current_code(timed_app), next_="/staf/pendaftaran")
    assert done.headers["Location"] == "/staf/pendaftaran"
    assert client.get("/staf/pendaftaran").status_code == 200
    with timed_app.app_context():
        event = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "staff.sign_in")).one()
    assert event.detail["method"] == "code"


def test_code_step_needs_a_recent_password_step(timed_app) -> None:
    client = timed_app.test_client()
    assert urlsplit(client.get("/staf/masuk/kode").headers["Location"]).path == "/staf/masuk"
    user = make_account(timed_app, Role.ADMIN, "a@makassarkota.go.id")
    enrol_two_factor(timed_app, user)
    post_password(client, user.email)
    token = csrf_token(client, "/staf/masuk/kode")
    timed_app.config["NOW"] = START + timedelta(minutes=6)
    late = client.post("/staf/masuk/kode", data={"csrf_token": token,
                                                 "code": current_code(timed_app)})
    assert urlsplit(late.headers["Location"]).path == "/staf/masuk"
    with client.session_transaction() as session:
        assert "staff_id" not in session


def test_a_code_is_accepted_once(timed_app) -> None:
    """Replay: the same code (same 30-second step) does not sign in a second browser."""
    user = make_account(timed_app, Role.REVIEWER, "r@makassarkota.go.id")
    enrol_two_factor(timed_app, user)
    code = current_code(timed_app)
    first, second = timed_app.test_client(), timed_app.test_client()
    post_password(first, user.email)
    post_password(second, user.email)
    assert post_code(first, code).status_code == 302
    replay = post_code(second, code)
    assert replay.status_code == 200
    with second.session_transaction() as session:
        assert "staff_id" not in session
    # An older step's code is refused too, the next step's is accepted.
    timed_app.config["NOW"] = START + timedelta(seconds=30)
    assert post_code(second, code).status_code == 200
    assert post_code(second, current_code(timed_app)).status_code == 302


def test_recovery_code_works_once(timed_app) -> None:
    user = make_account(timed_app, Role.ADMIN, "a@makassarkota.go.id")
    client = timed_app.test_client()
    post_password(client, user.email)
    token = csrf_token(client, "/staf/dua-langkah")
    secret = soup_of(client.get("/staf/dua-langkah")).select_one("code.secret-key").get_text()
    with timed_app.app_context():
        code = pyotp.TOTP(secret.replace(" ", "")).at(START)
    done = client.post("/staf/dua-langkah", data={"csrf_token": token, "code": code})
    recovery = soup_of(done).select_one(".recovery-codes li").get_text(strip=True)
    client.post("/staf/keluar", data={"csrf_token": csrf_token(client)})

    phone_lost = timed_app.test_client()
    post_password(phone_lost, user.email)
    assert post_code(phone_lost, recovery.lower()).status_code == 302
    assert phone_lost.get("/staf/akun").status_code == 200
    phone_lost.post("/staf/keluar", data={"csrf_token": csrf_token(phone_lost)})
    post_password(phone_lost, user.email)
    assert post_code(phone_lost, recovery).status_code == 200
    assert "staff.recovery_code_used" in actions_of(timed_app)


def test_wrong_codes_are_limited_per_account(make_app) -> None:
    app = make_app(SIGN_IN_CODE_LIMIT="3 per 15 minutes")
    with app.app_context():
        limiter.reset()
    user = make_account(app, Role.REVIEWER, "r@makassarkota.go.id")
    enrol_two_factor(app, user)
    client = app.test_client()
    post_password(client, user.email)
    for _ in range(3):
        assert post_code(client, "000000").status_code == 200
    assert post_code(client, current_code(app)).status_code == 429


def test_admin_resets_two_factor_after_confirming(timed_app, make_staff) -> None:
    admin = make_staff(role=Role.ADMIN)
    target = make_staff(role=Role.REVIEWER)
    enrol_two_factor(timed_app, target)
    client = timed_app.test_client()
    sign_in_as(client, admin)
    base = f"/staf/akun/{target.id}"
    page = soup_of(client.get(base))
    assert page.select_one(f"form[action='{base}/dua-langkah']") is not None

    # Past the re-authentication window the reset asks for a code first.
    timed_app.config["NOW"] = START + timedelta(minutes=11)
    token = csrf_token(client, base)
    asked = client.post(base + "/dua-langkah", data={"csrf_token": token})
    location = asked.headers["Location"]
    assert urlsplit(location).path == "/staf/konfirmasi"
    assert stored(timed_app, target.id).has_two_factor
    confirm = client.get(location)
    assert confirm.status_code == 200
    next_value = soup_of(confirm).select_one("input[name=next]")["value"]
    assert next_value == base
    confirmed = client.post("/staf/konfirmasi", data={
        "csrf_token": token, "code": current_code(timed_app), "next": next_value})
    assert confirmed.headers["Location"] == base

    assert client.post(base + "/dua-langkah", data={"csrf_token": token}).status_code == 302
    reset = stored(timed_app, target.id)
    assert not reset.has_two_factor and reset.totp_secret is None
    assert reset.session_version == target.session_version + 1
    with timed_app.app_context():
        event = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "account.reset_two_factor")).one()
        assert not db.session.scalars(sa.select(RecoveryCode)).all()
    assert (event.actor_id, event.target_id) == (admin.id, str(target.id))
    assert "staff.reauthenticate" in actions_of(timed_app)

