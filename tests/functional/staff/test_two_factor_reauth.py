"""Turning two-step sign-in on is an account change: with a sign-in older than 10 minutes the
set-up's POST asks for the password first (the confirm page opens during set-up too), then
the same set-up (the same key) goes on."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import unquote, urlsplit

import pyotp
import pytest
from flask import Flask

from lindungi.extensions import db
from lindungi.staff.models import Role, StaffUser
from tests.support.apps import STAFF_PASSWORD
from tests.support.checking import soup_of
from tests.support.staff import TIMED_START

START = TIMED_START
LATER = START + timedelta(minutes=11)


def signed_in_at_start(app: Flask, user: StaffUser):
    client = app.test_client()
    stamp = START.timestamp()
    with client.session_transaction() as session:
        session.update(staff_id=user.id, staff_version=user.session_version,
                       staff_started=stamp, staff_seen=stamp, staff_reauth=stamp,
                       _user_id=str(user.id), _fresh=True)
    return client


def enabled(app: Flask, user: StaffUser) -> bool:
    with app.app_context():
        return db.session.get(StaffUser, user.id).has_two_factor


@pytest.mark.parametrize("role", [Role.COMMUNICATIONS, Role.REVIEWER])
def test_turning_it_on_late_asks_for_the_password_first(timed_app: Flask, make_staff,
                                                        role: Role) -> None:
    """A communications account may turn it on at any time; a reviewer held at the set-up page
    for more than 10 minutes reaches the confirm page rather than going round in a circle."""
    user = make_staff(role=role)
    client = signed_in_at_start(timed_app, user)
    page = soup_of(client.get("/staf/dua-langkah"))
    secret = page.select_one("code.secret-key").get_text().replace(" ", "")
    token = page.select_one("input[name=csrf_token]")["value"]

    timed_app.config["NOW"] = LATER
    assert client.get("/staf/dua-langkah").status_code == 200  # reading it asks nothing
    with timed_app.app_context():
        code = pyotp.TOTP(secret).at(LATER)
    asked = client.post("/staf/dua-langkah", data={"csrf_token": token, "code": code})
    assert asked.status_code == 302
    location = urlsplit(asked.headers["Location"])
    assert (location.path, unquote(location.query)) == ("/staf/konfirmasi",
                                                        "next=/staf/dua-langkah")
    assert not enabled(timed_app, user)

    confirm = client.get(asked.headers["Location"])
    assert confirm.status_code == 200
    assert soup_of(confirm).select_one("input[name=password]") is not None
    back = client.post("/staf/konfirmasi", data={
        "csrf_token": token, "password": STAFF_PASSWORD, "next": "/staf/dua-langkah"})
    assert back.headers["Location"] == "/staf/dua-langkah"
    again = soup_of(client.get("/staf/dua-langkah")).select_one("code.secret-key").get_text()
    assert again.replace(" ", "") == secret  # the same key: the app already holds it
    done = client.post("/staf/dua-langkah", data={"csrf_token": token, "code": code})
    assert done.status_code == 200 and len(soup_of(done).select(".recovery-codes li")) == 10
    assert enabled(timed_app, user)
