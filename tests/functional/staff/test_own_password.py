"""Staff change their own password (other sessions end); an admin's reset forces a change at the
next sign-in and tells the owner by e-mail through the outbox; account changes and exports need a
recent password or code."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import unquote, urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.config import ConfigError, check_production
from lindungi.extensions import db
from lindungi.outbox.models import Channel, MessageKind, OutboxMessage
from lindungi.staff.models import Role, StaffUser
from tests.support.apps import STAFF_PASSWORD
from tests.support.checking import soup_of
from tests.support.staff import (
    TIMED_START,
    csrf_token,
    current_code,
    export_approved,
    sign_in_as,
)

START = TIMED_START
NEW_PASSWORD = "kapal pinisi berlayar ke selayar"


def stored(app: Flask, user_id: int) -> StaffUser:
    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        db.session.expunge(user)
        return user


def change(client, current: str, new: str = NEW_PASSWORD, again: str | None = None):
    return client.post("/staf/kata-sandi", data={
        "csrf_token": csrf_token(client, "/staf/kata-sandi"), "current_password": current,
        "password": new, "password_again": new if again is None else again})


def test_change_own_password_ends_the_other_sessions(timed_app, make_staff) -> None:
    user = make_staff(role=Role.REVIEWER)
    here, elsewhere = timed_app.test_client(), timed_app.test_client()
    sign_in_as(here, user)
    sign_in_as(elsewhere, user)
    assert elsewhere.get("/staf/pendaftaran").status_code == 200
    response = change(here, STAFF_PASSWORD)
    assert response.status_code == 302
    assert stored(timed_app, user.id).check_password(NEW_PASSWORD)
    assert here.get("/staf/pendaftaran").status_code == 200  # this session goes on
    assert urlsplit(elsewhere.get("/staf/pendaftaran").headers["Location"]).path == "/staf/masuk"
    with timed_app.app_context():
        event = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "staff.change_password")).one()
    assert (event.actor_id, event.target_id) == (user.id, str(user.id))


@pytest.mark.parametrize(("current", "new", "again", "message"), [
    ("not my password at all", NEW_PASSWORD, None, "Kata sandi Anda saat ini tidak benar"),
    (STAFF_PASSWORD, "password123456", None, "terlalu mudah ditebak"),
    (STAFF_PASSWORD, STAFF_PASSWORD, None, "berbeda dari yang sekarang"),
    (STAFF_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "tidak sama"),
])
def test_change_refused_changes_nothing(timed_app, make_staff, current, new, again,
                                        message) -> None:
    user = make_staff(role=Role.COMMUNICATIONS)
    client = timed_app.test_client()
    sign_in_as(client, user)
    response = change(client, current, new, again)
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.title.get_text().startswith("Galat:")
    assert message in soup.select_one(".error-summary").get_text()
    assert stored(timed_app, user.id).check_password(STAFF_PASSWORD)


def test_admin_reset_forces_a_change_and_tells_the_owner(timed_app, make_staff) -> None:
    admin, target = make_staff(role=Role.ADMIN), make_staff(role=Role.COMMUNICATIONS)
    client = timed_app.test_client()
    sign_in_as(client, admin)
    base = f"/staf/akun/{target.id}"
    response = client.post(base + "/kata-sandi", data={
        "csrf_token": csrf_token(client, base), "password": NEW_PASSWORD,
        "password_again": NEW_PASSWORD})
    assert response.status_code == 302
    assert stored(timed_app, target.id).must_change_password
    with timed_app.app_context():
        [message] = db.session.scalars(sa.select(OutboxMessage)).all()
        event = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "account.reset_password")).one()
        assert (message.kind, message.channel, message.recipient) == (
            MessageKind.STAFF_PASSWORD_RESET, Channel.EMAIL, target.email)
        assert NEW_PASSWORD not in message.body
        assert timed_app.config["BASE_URL"] + "/staf/masuk" in message.body
        assert message.request_id is None
    assert (event.actor_id, event.target_id) == (admin.id, str(target.id))

    # The owner signs in with the admin's password and can reach nothing but the change.
    owner = timed_app.test_client()
    owner.post("/staf/masuk", data={"csrf_token": csrf_token(owner, "/staf/masuk"),
                                    "email": target.email, "password": NEW_PASSWORD})
    for path in ("/staf/", "/staf/berita"):
        assert urlsplit(owner.get(path).headers["Location"]).path == "/staf/kata-sandi"
    page = soup_of(owner.get("/staf/kata-sandi"))
    assert "Pilih kata sandi Anda sendiri" in page.get_text()
    own = "ombak pantai losari sore hari"
    assert change(owner, NEW_PASSWORD, own).status_code == 302
    assert not stored(timed_app, target.id).must_change_password
    assert owner.get("/staf/berita").status_code == 200


def test_account_changes_and_exports_need_a_recent_sign_in(timed_app, make_staff) -> None:
    admin = make_staff(role=Role.ADMIN)
    target = make_staff(role=Role.COMMUNICATIONS)
    client = timed_app.test_client()
    sign_in_as(client, admin)
    token = csrf_token(client, "/staf/akun")
    timed_app.config["NOW"] = START + timedelta(minutes=11)
    base = f"/staf/akun/{target.id}"
    attempts = {
        "/staf/akun/baru": ("get", None, "/staf/akun/baru"),
        base + "/peran": ("post", {"role": "admin"}, base),
        base + "/kata-sandi": ("post", {"password": NEW_PASSWORD,
                                        "password_again": NEW_PASSWORD}, base),
        base + "/nonaktifkan": ("post", {}, base),
        "/staf/pendaftaran/ekspor.csv": ("post", {}, "/staf/pendaftaran"),
        "/staf/data-pribadi/ekspor": ("post", {"nik": "7371011506850001"},
                                      "/staf/data-pribadi"),
    }
    for path, (method, data, back) in attempts.items():
        response = getattr(client, method)(path, data={"csrf_token": token, **(data or {})})
        assert response.status_code == 302, path
        location = urlsplit(response.headers["Location"])
        assert location.path == "/staf/konfirmasi", path
        assert unquote(location.query) == f"next={back}", path
    after = stored(timed_app, target.id)
    assert after.role is Role.COMMUNICATIONS and after.active
    assert after.check_password(STAFF_PASSWORD)
    with timed_app.app_context():
        assert not db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action.in_(["export.approved_csv", "subject.export"]))).all()

    wrong = client.post("/staf/konfirmasi", data={"csrf_token": token, "code": "000000",
                                                  "next": "/staf/akun"})
    assert wrong.status_code == 200
    assert soup_of(wrong).title.get_text().startswith("Galat:")
    assert client.post("/staf/konfirmasi", data={
        "csrf_token": token, "code": current_code(timed_app), "next": "/staf/akun",
    }).headers["Location"] == "/staf/akun"
    assert export_approved(client).status_code == 200
    assert client.post(base + "/peran", data={"csrf_token": token, "role": "reviewer"}
                       ).status_code == 302
    assert stored(timed_app, target.id).role is Role.REVIEWER


def test_confirming_with_the_password_when_codes_are_off(make_app, make_staff) -> None:
    """Development with STAFF_TWO_FACTOR_REQUIRED off: an admin without a code confirms with the
    password."""
    app = make_app(NOW=START, STAFF_TWO_FACTOR_REQUIRED=False)
    admin = make_staff(role=Role.ADMIN)
    client = app.test_client()
    with app.app_context():
        stamp = START.timestamp()
    with client.session_transaction() as session:
        session.update(staff_id=admin.id, staff_version=admin.session_version,
                       staff_started=stamp, staff_seen=stamp, staff_reauth=stamp,
                       _user_id=str(admin.id), _fresh=True)
    assert client.get("/staf/akun").status_code == 200  # no set-up step when codes are off
    app.config["NOW"] = START + timedelta(minutes=11)
    assert client.get("/staf/akun/baru").status_code == 302
    token = csrf_token(client, "/staf/akun")
    form = soup_of(client.get("/staf/konfirmasi?next=/staf/akun/baru"))
    assert form.select_one("input[name=password]") is not None
    assert client.post("/staf/konfirmasi", data={
        "csrf_token": token, "password": STAFF_PASSWORD, "next": "/staf/akun/baru",
    }).headers["Location"] == "/staf/akun/baru"
    assert client.get("/staf/akun/baru").status_code == 200


def test_production_refuses_to_turn_two_factor_off() -> None:
    with pytest.raises(ConfigError, match="STAFF_TWO_FACTOR_REQUIRED"):
        check_production({"ENV": "production", "SECRET_KEY": "s" * 64, "DATA_KEYS": "k",
                          "INDEX_KEY": "k",
                          "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db/lindungi",
                          "PASSWORD_HASH_METHOD": "scrypt", "STAFF_TWO_FACTOR_REQUIRED": False})


def test_command_line_resets(app: Flask, runner, make_staff) -> None:
    """`flask staff reset-password` forces a change and e-mails the owner like the admin screen;
    `flask staff reset-two-factor` is the way back for the last admin who lost the phone."""
    user = make_staff(role=Role.ADMIN)
    sign_in_as(app.test_client(), user)  # enrols the admin in two-step sign-in
    result = runner.invoke(args=["staff", "reset-password", user.email],
                           input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    after = stored(app, user.id)
    assert after.must_change_password and after.check_password(NEW_PASSWORD)
    with app.app_context():
        [message] = db.session.scalars(sa.select(OutboxMessage)).all()
        assert message.recipient == user.email
    assert after.has_two_factor
    result = runner.invoke(args=["staff", "reset-two-factor", user.email])
    assert result.exit_code == 0, result.output
    assert not stored(app, user.id).has_two_factor
    assert runner.invoke(args=["staff", "reset-two-factor", "nobody@x.id"]).exit_code == 1
