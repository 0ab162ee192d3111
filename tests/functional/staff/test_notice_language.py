"""The e-mail telling a staff member their password was reset is in the language they chose for
the staff area (/staf/akun-saya), whoever reset it and in whatever language: the admin screen
and the command line alike."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.extensions import db
from lindungi.outbox.models import MessageKind, OutboxMessage
from lindungi.staff.models import Role, StaffUser
from tests.support.staff import csrf_token, sign_in_as

NEW_PASSWORD = "kapal pinisi berlayar ke selayar"
SUBJECTS = {"id": "Lindungi Makassar: kata sandi akun petugas Anda diatur ulang",
            "en": "Lindungi Makassar: your staff password was reset"}
BODIES = {"id": ("Seorang administrator telah menetapkan kata sandi baru",
                 "Pesan ini dikirim otomatis."),
          "en": ("An administrator has set a new password",
                 "This message was sent automatically.")}


def speaks(app: Flask, user: StaffUser, language: str) -> None:
    with app.app_context():
        stored = db.session.get(StaffUser, user.id)
        assert stored is not None
        stored.language = language
        db.session.commit()


def the_message(app: Flask) -> OutboxMessage:
    with app.app_context():
        [message] = db.session.scalars(sa.select(OutboxMessage)).all()
        db.session.expunge(message)
        return message


def assert_written_in(message: OutboxMessage, app: Flask, language: str) -> None:
    other = "en" if language == "id" else "id"
    assert message.kind is MessageKind.STAFF_PASSWORD_RESET
    assert message.lang == language
    assert message.subject == SUBJECTS[language]
    opening, footer = BODIES[language]
    assert message.body.startswith(opening) and footer in message.body
    assert not any(words in message.body for words in BODIES[other])
    assert app.config["BASE_URL"] + "/staf/masuk" in message.body
    assert NEW_PASSWORD not in message.body


@pytest.mark.parametrize(("admin_language", "owner_language"),
                         [("id", "en"), ("en", "id"), ("en", "en"), ("id", "id")])
def test_the_admin_screen_writes_in_the_owner_language(app: Flask, make_staff, admin_language,
                                                       owner_language) -> None:
    admin, owner = make_staff(role=Role.ADMIN), make_staff(role=Role.COMMUNICATIONS)
    speaks(app, admin, admin_language)
    speaks(app, owner, owner_language)
    client = app.test_client()
    sign_in_as(client, admin)
    page = f"/staf/akun/{owner.id}"
    response = client.post(page + "/kata-sandi", data={
        "csrf_token": csrf_token(client, page), "password": NEW_PASSWORD,
        "password_again": NEW_PASSWORD})
    assert response.status_code == 302
    assert_written_in(the_message(app), app, owner_language)


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_command_line_writes_in_the_owner_language(app: Flask, runner, make_staff,
                                                       language) -> None:
    owner = make_staff(role=Role.REVIEWER)
    speaks(app, owner, language)
    result = runner.invoke(args=["staff", "reset-password", owner.email],
                           input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert_written_in(the_message(app), app, language)
