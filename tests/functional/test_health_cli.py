"""/healthz and the command-line group."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from lindungi.extensions import db
from lindungi.paths import __version__
from lindungi.staff.models import Role, StaffUser
from tests.support.apps import STAFF_PASSWORD


def test_healthz_reports_version_and_database(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "version": __version__, "database": True}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_is_503_when_the_database_is_down(make_app) -> None:
    app: Flask = make_app(SQLALCHEMY_DATABASE_URI="sqlite:////nonexistent-dir/x.sqlite3")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] is False


def test_staff_create_asks_password_twice(app: Flask, runner) -> None:
    result = runner.invoke(
        args=["staff", "create", "Reviewer@MakassarKota.go.id", "--role", "reviewer"],
        input=f"{STAFF_PASSWORD}\n{STAFF_PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert STAFF_PASSWORD not in result.output
    with app.app_context():
        user = db.session.scalar(sa.select(StaffUser))
        assert user.email == "reviewer@makassarkota.go.id"
        assert user.role is Role.REVIEWER
        assert user.check_password(STAFF_PASSWORD)
        assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_staff_create_rejects_mismatch_and_weak_passwords(app: Flask, runner) -> None:
    result = runner.invoke(
        args=["staff", "create", "a@makassarkota.go.id", "--role", "admin"],
        input="makassar123\nmakassar123\n",
    )
    assert result.exit_code != 0
    assert "at least 12 characters" in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser)) == 0


def test_staff_role_and_disable_end_sessions(app: Flask, runner, make_staff) -> None:
    user = make_staff(role=Role.COMMUNICATIONS)
    assert runner.invoke(args=["staff", "set-role", user.email, "--role", "admin"]).exit_code == 0
    assert runner.invoke(args=["staff", "disable", user.email]).exit_code == 0
    with app.app_context():
        stored = db.session.get(StaffUser, user.id)
        assert stored.role is Role.ADMIN and not stored.active
        assert stored.session_version == user.session_version + 2
