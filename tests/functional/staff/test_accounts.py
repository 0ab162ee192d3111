"""The admin's account screens do what `flask staff ...` does, and both write audit rows."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.extensions import db
from lindungi.staff.models import Role, StaffUser, find_by_email
from tests.support.apps import STAFF_PASSWORD
from tests.support.checking import soup_of
from tests.support.staff import csrf_token

NEW_PASSWORD = "tongkonan pisang epe losari"


def events(app: Flask, action: str) -> list[AuditEvent]:
    with app.app_context():
        found = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)
                                   .order_by(AuditEvent.id)).all()
        db.session.expunge_all()
        return list(found)


def account(app: Flask, email: str) -> StaffUser:
    with app.app_context():
        user = find_by_email(email)
        assert user is not None
        db.session.expunge(user)
        return user


def test_accounts_list(client_for, make_staff) -> None:
    admin = client_for(Role.ADMIN)
    other = make_staff(role=Role.COMMUNICATIONS, name="Humas Kota")
    soup = soup_of(admin.get("/staf/akun"))
    rows = [row.get_text(" ", strip=True) for row in soup.select("tbody tr")]
    assert any(other.email in row and "Komunikasi" in row and "Aktif" in row for row in rows)
    assert soup.select_one(f"a[href='/staf/akun/{other.id}']") is not None


def test_admin_creates_an_account(app: Flask, client_for) -> None:
    admin = client_for(Role.ADMIN)
    response = admin.post("/staf/akun/baru", data={
        "csrf_token": csrf_token(admin), "email": " Humas@MakassarKota.go.id ",
        "name": "Humas", "role": "communications", "password": NEW_PASSWORD,
        "password_again": NEW_PASSWORD,
    })
    assert response.status_code == 302
    created = account(app, "humas@makassarkota.go.id")
    assert created.role is Role.COMMUNICATIONS
    assert created.check_password(NEW_PASSWORD)
    assert "Akun untuk humas@makassarkota.go.id sudah siap." in admin.get(
        response.headers["Location"]).get_data(as_text=True)
    [event] = events(app, "account.create")[-1:]
    assert (event.actor_id, event.target_id) == (admin.user.id, str(created.id))
    assert event.detail == {"role": "communications"}
    assert NEW_PASSWORD not in str(event.detail)


def test_create_account_errors_are_shown_and_change_nothing(app: Flask, client_for) -> None:
    admin = client_for(Role.ADMIN)
    response = admin.post("/staf/akun/baru", data={
        "csrf_token": csrf_token(admin), "email": "not-an-email", "role": "emperor",
        "password": "short", "password_again": "different",
    })
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.title.get_text().startswith("Galat:")
    summary = soup.select_one(".error-summary").get_text(" ", strip=True)
    assert "Isi alamat email seperti nama@makassarkota.go.id." in summary
    assert "minimal 12 karakter" in summary
    assert "Kedua kata sandi tidak sama." in summary
    assert "Pilih peran." in summary
    assert soup.select_one("input[name=email]")["value"] == "not-an-email"
    with app.app_context():
        assert find_by_email("not-an-email") is None


def test_duplicate_and_common_passwords_are_refused(client_for, make_staff) -> None:
    admin = client_for(Role.ADMIN)
    existing = make_staff()
    response = admin.post("/staf/akun/baru", data={
        "csrf_token": csrf_token(admin), "email": existing.email, "role": "reviewer",
        "password": NEW_PASSWORD, "password_again": NEW_PASSWORD,
    })
    assert f"Akun untuk {existing.email} sudah ada." in response.get_data(as_text=True)
    response = admin.post("/staf/akun/baru", data={
        "csrf_token": csrf_token(admin), "email": "new@makassarkota.go.id", "role": "reviewer",
        "password": "makassar2026", "password_again": "makassar2026",
    })
    assert "terlalu mudah ditebak" in response.get_data(as_text=True)


def test_set_role_disable_enable_and_reset(app: Flask, client_for, make_staff) -> None:
    admin = client_for(Role.ADMIN)
    target = make_staff(role=Role.REVIEWER)
    token = csrf_token(admin)
    base = f"/staf/akun/{target.id}"
    assert admin.post(base + "/peran", data={"csrf_token": token, "role": "admin"}
                      ).status_code == 302
    assert account(app, target.email).role is Role.ADMIN
    assert admin.post(base + "/nonaktifkan", data={"csrf_token": token}).status_code == 302
    assert not account(app, target.email).active
    assert "Nonaktif" in admin.get(base).get_data(as_text=True)
    assert admin.post(base + "/aktifkan", data={"csrf_token": token}).status_code == 302
    assert account(app, target.email).active
    assert admin.post(base + "/kata-sandi", data={
        "csrf_token": token, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD,
    }).status_code == 302
    updated = account(app, target.email)
    assert updated.check_password(NEW_PASSWORD) and updated.must_change_password
    assert updated.session_version == target.session_version + 4
    for action in ("account.set_role", "account.disable", "account.enable",
                   "account.reset_password"):
        [event] = events(app, action)
        assert (event.actor_id, event.target_id) == (admin.user.id, str(target.id))


def test_bad_password_on_reset_shows_the_page_again(app: Flask, client_for, make_staff) -> None:
    admin = client_for(Role.ADMIN)
    target = make_staff()
    response = admin.post(f"/staf/akun/{target.id}/kata-sandi", data={
        "csrf_token": csrf_token(admin), "password": "short", "password_again": "short"})
    assert response.status_code == 200
    assert soup_of(response).title.get_text().startswith("Galat:")
    assert account(app, target.email).check_password(STAFF_PASSWORD)


def test_admin_cannot_demote_or_disable_themselves(app: Flask, client_for) -> None:
    admin = client_for(Role.ADMIN)
    token = csrf_token(admin)
    page = soup_of(admin.get(f"/staf/akun/{admin.user.id}"))
    assert page.select_one("form[action$='/peran']") is None
    response = admin.post(f"/staf/akun/{admin.user.id}/nonaktifkan", data={"csrf_token": token})
    assert response.status_code == 200
    assert "tidak dapat mengubah peran atau menonaktifkan akun Anda sendiri" in (
        response.get_data(as_text=True))
    response = admin.post(f"/staf/akun/{admin.user.id}/peran",
                          data={"csrf_token": token, "role": "reviewer"})
    assert response.status_code == 200
    me = account(app, admin.user.email)
    assert me.active and me.role is Role.ADMIN


def test_unknown_account_is_404(client_for) -> None:
    assert client_for(Role.ADMIN).get("/staf/akun/9999").status_code == 404


def test_cli_changes_are_audited(app: Flask, runner, make_staff) -> None:
    user = make_staff(role=Role.REVIEWER)
    assert runner.invoke(args=["staff", "set-role", user.email, "--role", "admin"]).exit_code == 0
    assert runner.invoke(args=["staff", "disable", user.email]).exit_code == 0
    assert runner.invoke(args=["staff", "enable", user.email]).exit_code == 0
    result = runner.invoke(args=["staff", "reset-password", user.email],
                           input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    for action in ("account.create", "account.set_role", "account.disable", "account.enable",
                   "account.reset_password"):
        [event] = events(app, action)
        assert event.actor_id is None and event.detail.get("via") == "cli"
        assert event.target_id == str(user.id)
    missing = runner.invoke(args=["staff", "disable", "nobody@makassarkota.go.id"])
    assert missing.exit_code != 0
    assert "No staff account for nobody@makassarkota.go.id." in missing.output
