"""The queue's search text lives on the server: the session cookie holds only a random id, so
a worker's name is never in the cookie (signed, but readable by whoever holds it)."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask

from lindungi.extensions import db
from lindungi.review.models import QueueSearch
from lindungi.staff.models import Role
from tests.support.checking import soup_of
from tests.support.staff import csrf_token, fixed_now, sign_in_as

NAME = "Andi Baso Tenri"


def session_data(client) -> dict:
    app = client.application
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    return app.session_interface.get_signing_serializer(app).loads(cookie.value)


def search(client, text: str, **extra: str):
    return client.post("/staf/pendaftaran", data={"csrf_token": csrf_token(client),
                                                  "search-q": text, **extra})


def references(response) -> list[str]:
    return [a.get_text(strip=True) for a in soup_of(response).select("tbody td:first-child a")]


def stored_searches(app: Flask) -> list[QueueSearch]:
    with app.app_context():
        rows = db.session.scalars(sa.select(QueueSearch)).all()
        db.session.expunge_all()
        return list(rows)


def test_the_cookie_holds_no_name(app: Flask, auth, client, make_request) -> None:
    wanted = make_request(workers=[{"full_name": NAME}])
    make_request(workers=[{"full_name": "Sitti Rahma"}])
    auth.login(role=Role.REVIEWER)
    assert search(client, NAME).status_code == 303
    data = session_data(client)
    assert "baso" not in repr(data).lower()
    [row] = stored_searches(app)
    assert row.text == NAME and row.staff_id == auth.user.id
    assert data["review_search_id"] == row.id and len(row.id) >= 40
    # The search still applies while paging and filtering.
    assert references(client.get("/staf/pendaftaran")) == [wanted.reference]
    assert references(client.get("/staf/pendaftaran?status=received")) == [wanted.reference]


def test_clearing_deletes_the_row(app: Flask, auth, client, make_request) -> None:
    make_request(workers=[{"full_name": NAME}])
    make_request()
    auth.login()
    search(client, "baso")
    search(client, "baso", clear="1")
    assert stored_searches(app) == []
    assert "review_search_id" not in session_data(client)
    assert len(references(client.get("/staf/pendaftaran"))) == 2


def test_a_new_search_replaces_the_old_row(app: Flask, auth, client) -> None:
    auth.login()
    search(client, "baso")
    search(client, "rahma")
    assert [row.text for row in stored_searches(app)] == ["rahma"]


def test_another_staff_member_cannot_use_the_id(app: Flask, auth, client, make_staff,
                                                make_request) -> None:
    make_request(workers=[{"full_name": NAME}])
    make_request()
    auth.login()
    search(client, "baso")
    search_id = session_data(client)["review_search_id"]
    other = app.test_client()
    sign_in_as(other, make_staff(role=Role.REVIEWER))
    with other.session_transaction() as session:
        session["review_search_id"] = search_id
    page = other.get("/staf/pendaftaran")
    assert len(references(page)) == 2
    assert soup_of(page).select_one("input[name=search-q]").get("value", "") == ""


def test_expired_searches_are_ignored_and_purged(app: Flask, auth, client, make_request) -> None:
    make_request(workers=[{"full_name": NAME}])
    make_request()
    auth.login()
    search(client, "baso")
    with app.app_context():
        db.session.execute(sa.update(QueueSearch).values(expires_at=datetime(2020, 1, 1)))
        db.session.commit()
    assert len(references(client.get("/staf/pendaftaran"))) == 2
    second = app.test_client()
    sign_in_as(second, auth.user)
    search(second, "rahma")
    assert [row.text for row in stored_searches(app)] == ["rahma"]


def test_sign_out_deletes_the_search(app: Flask, auth, client) -> None:
    auth.login()
    search(client, "baso")
    assert auth.logout().status_code == 302
    assert stored_searches(app) == []


def test_search_lives_as_long_as_a_staff_session(make_app, make_staff) -> None:
    app = make_app(NOW=fixed_now(2026, 3, 1), STAFF_ABSOLUTE_HOURS=10)
    client = app.test_client()
    sign_in_as(client, make_staff())
    search(client, "baso")
    [row] = stored_searches(app)
    assert row.expires_at == fixed_now(2026, 3, 1).replace(tzinfo=None) + timedelta(hours=10)
