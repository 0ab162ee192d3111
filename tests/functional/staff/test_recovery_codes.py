"""Staff make new recovery codes for their own two-step sign-in: a POST behind a recent sign-in
that ends every old code and shows ten new ones once (post-redirect-get, no-store, never in a
URL), audited."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.extensions import db
from lindungi.staff.models import RecoveryCode, Role
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
RENEW = "/staf/dua-langkah/kode-cadangan"


def renew(client):
    return client.post(RENEW, data={"csrf_token": csrf_token(client, "/staf/dua-langkah")})


def shown_codes(response) -> list[str]:
    return [item.get_text(strip=True) for item in soup_of(response).select(".recovery-codes li")]


def renewed_codes(client) -> list[str]:
    """Make new codes and read them off the page the POST redirects to (as a browser would)."""
    response = renew(client)
    assert response.status_code == 303
    assert response.headers["Location"] == "/staf/dua-langkah"
    with client.session_transaction() as session:
        waiting = str(dict(session))  # the cookie's content: the codes only sealed
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    codes = shown_codes(page)
    assert codes and not any(code in waiting for code in codes)
    return codes


def signs_in_with(app: Flask, email: str, code: str) -> bool:
    """A fresh browser signs in with the password and then `code` instead of the app's code."""
    browser = app.test_client()
    browser.post("/staf/masuk", data={"csrf_token": csrf_token(browser, "/staf/masuk"),
                                      "email": email, "password": STAFF_PASSWORD})
    response = browser.post("/staf/masuk/kode", data={
        "csrf_token": csrf_token(browser, "/staf/masuk/kode"), "code": code})
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/staf/"


def audited(app: Flask) -> list[AuditEvent]:
    with app.app_context():
        events = list(db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "staff.recovery_codes_renewed").order_by(AuditEvent.id)))
        db.session.expunge_all()
        return events


def test_new_codes_replace_the_old_ones_and_are_shown_once(timed_app: Flask, make_staff) -> None:
    user = make_staff(role=Role.REVIEWER)
    client = timed_app.test_client()
    sign_in_as(client, user)  # enrols two-step sign-in (no recovery codes yet)
    page = soup_of(client.get("/staf/dua-langkah"))
    form = page.select_one(f"form[action='{RENEW}']")
    assert form is not None and form["method"] == "post"
    assert form.select_one("input[name=csrf_token]") is not None

    old = renewed_codes(client)
    new = renewed_codes(client)
    assert len(old) == len(new) == 10 and len(set(old + new)) == 20
    # Shown once: the next visit shows the count, not the codes, and no URL carried them.
    again = client.get("/staf/dua-langkah")
    assert not shown_codes(again) and "10" in soup_of(again).get_text()
    assert not any(code in again.get_data(as_text=True) for code in new)

    with timed_app.app_context():
        stored = list(db.session.scalars(sa.select(RecoveryCode.code_hash).where(
            RecoveryCode.staff_id == user.id)))
    assert len(stored) == 10 and not any(code in stored for code in new)  # hashes only
    assert not signs_in_with(timed_app, user.email, old[0])
    assert signs_in_with(timed_app, user.email, new[0])
    assert not signs_in_with(timed_app, user.email, new[0])  # each works once
    assert signs_in_with(timed_app, user.email, new[1])

    first, second = audited(timed_app)
    assert (first.actor_id, first.target_id, first.detail) == (user.id, str(user.id),
                                                               {"replaced": 0})
    assert second.detail == {"replaced": 10}
    assert client.get("/staf/audit").status_code == 403  # admins read the audit log


def test_renewing_needs_a_recent_sign_in(timed_app: Flask, make_staff) -> None:
    user = make_staff(role=Role.ADMIN)
    client = timed_app.test_client()
    sign_in_as(client, user)
    old = renewed_codes(client)
    token = csrf_token(client, "/staf/dua-langkah")

    timed_app.config["NOW"] = START + timedelta(minutes=11)
    asked = client.post(RENEW, data={"csrf_token": token})
    assert asked.status_code == 302
    location = urlsplit(asked.headers["Location"])
    assert (location.path, unquote(location.query)) == ("/staf/konfirmasi",
                                                        "next=/staf/dua-langkah")
    assert len(audited(timed_app)) == 1
    assert not shown_codes(client.get("/staf/dua-langkah"))

    confirmed = client.post("/staf/konfirmasi", data={
        "csrf_token": token, "code": current_code(timed_app), "next": "/staf/dua-langkah"})
    assert confirmed.headers["Location"] == "/staf/dua-langkah"
    assert signs_in_with(timed_app, user.email, old[0])  # nothing changed by the detour
    assert len(renewed_codes(client)) == 10
    assert len(audited(timed_app)) == 2
    # The admin reads the row as a sentence.
    words = soup_of(client.get("/staf/audit")).get_text(" ", strip=True)
    assert "9 kode pemulihan yang belum dipakai tidak berlaku lagi" in words


def test_without_two_step_sign_in_there_is_nothing_to_renew(make_app, make_staff) -> None:
    app = make_app(NOW=START)
    user = make_staff(role=Role.COMMUNICATIONS)  # two-step sign-in is optional for this role
    client = app.test_client()
    sign_in_as(client, user)
    assert soup_of(client.get("/staf/dua-langkah")).select_one(f"form[action='{RENEW}']") is None
    response = renew(client)
    assert response.status_code == 303 and response.headers["Location"] == "/staf/dua-langkah"
    assert not audited(app)
    enrol_two_factor(app, user)
    assert len(renewed_codes(client)) == 10


def test_renewing_is_a_post_with_a_token(timed_app: Flask, make_staff) -> None:
    client = timed_app.test_client()
    sign_in_as(client, make_staff(role=Role.REVIEWER))
    assert client.get(RENEW).status_code == 405
    assert client.post(RENEW, data={}).status_code == 400
    assert not audited(timed_app)
