"""The review screens on PostgreSQL (production's database): the dialect-specific day arithmetic
of the overview, case-insensitive search, the atomic failure counter and optimistic locking."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from flask import Flask

from lindungi.enrollment.models import RequestStatus
from lindungi.extensions import db
from lindungi.staff import accounts
from lindungi.staff.models import Role, StaffUser
from tests.checking import CheckingClient, soup_of
from tests.conftest import STAFF_PASSWORD
from tests.staff_helpers import (
    create_request,
    csrf_token,
    export_approved,
    load_request,
    sign_in_as,
)

pytestmark = pytest.mark.postgres
POSTGRES_URL = os.environ.get("LINDUNGI_TEST_POSTGRES_URL")


@pytest.fixture
def pg_app(make_app) -> Iterator[Flask]:
    if not POSTGRES_URL:
        pytest.skip("LINDUNGI_TEST_POSTGRES_URL is not set (tests/run-suite.sh sets it)")
    app = make_app(SQLALCHEMY_DATABASE_URI=POSTGRES_URL)
    app.test_client_class = CheckingClient
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def staff(app: Flask, role: Role, email: str) -> StaffUser:
    with app.app_context():
        user = accounts.create_staff(email, role, STAFF_PASSWORD)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
        return user


def test_review_screens_on_postgres(pg_app: Flask) -> None:
    app = pg_app
    now = datetime.now().replace(microsecond=0) - timedelta(days=1)
    create_request(app, status=RequestStatus.APPROVED, created_at=now - timedelta(days=3),
                   decided_at=now - timedelta(days=1), workers=[{"full_name": "Daeng Sutte"}])
    waiting = create_request(app, workers=[{"full_name": "Andi Baso"}], created_at=now)
    client = app.test_client()
    sign_in_as(client, staff(app, Role.REVIEWER, "r@makassarkota.go.id"))

    overview = soup_of(client.get("/staf/"))
    assert "rata-rata 2,0 hari" in overview.get_text()
    client.post("/staf/pendaftaran", data={"csrf_token": csrf_token(client), "search-q": "BASO"})
    queue = soup_of(client.get("/staf/pendaftaran?sort=-name"))
    assert [a.get_text() for a in queue.select("tbody td:first-child a")] == [waiting.reference]
    assert export_approved(client).status_code == 200

    other = app.test_client()
    sign_in_as(other, staff(app, Role.ADMIN, "a@makassarkota.go.id"))
    stale = soup_of(other.get(f"/staf/pendaftaran/{waiting.id}")).select_one(
        "input[name=approve-version]")["value"]
    page = soup_of(client.get(f"/staf/pendaftaran/{waiting.id}"))
    assert client.post(f"/staf/pendaftaran/{waiting.id}/mulai", data={
        "csrf_token": csrf_token(client),
        "start-version": page.select_one("input[name=start-version]")["value"],
    }).status_code == 302
    response = other.post(f"/staf/pendaftaran/{waiting.id}/setujui", data={
        "csrf_token": csrf_token(other), "approve-version": stale,
        "approve-reason": "Data sesuai"})
    assert response.status_code == 409
    assert load_request(app, waiting.id).status is RequestStatus.IN_REVIEW


def test_wrong_passwords_are_counted_on_postgres(pg_app: Flask) -> None:
    app = pg_app
    app.config.update(SIGN_IN_LOCKOUT_AFTER=2, SIGN_IN_ACCOUNT_LIMIT="100 per minute")
    user = staff(app, Role.REVIEWER, "r@makassarkota.go.id")
    client = app.test_client()
    for _ in range(2):
        client.post("/staf/masuk", data={"csrf_token": csrf_token(client, "/staf/masuk"),
                                         "email": user.email, "password": "wrong password!"})
    with app.app_context():
        stored = db.session.get(StaffUser, user.id)
        assert stored.locked_until is not None and stored.failed_sign_ins == 0
