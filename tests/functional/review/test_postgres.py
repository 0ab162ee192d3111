"""The review screens on PostgreSQL (production's database): the dialect-specific day arithmetic
of the overview, case-insensitive search, a sign-in code accepted once and optimistic locking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from flask import Flask

from lindungi.enrollment.models import RequestStatus
from lindungi.extensions import db
from lindungi.staff import accounts
from lindungi.staff.models import Role, StaffUser
from tests.support.apps import STAFF_PASSWORD
from tests.support.checking import soup_of
from tests.support.staff import (
    TEST_TOTP_SECRET,
    create_request,
    csrf_token,
    current_code,
    enrol_two_factor,
    export_approved,
    fixed_now,
    load_request,
    sign_in_as,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_app(make_postgres_app: Callable[..., Flask]) -> Flask:
    return make_postgres_app()


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


def test_a_sign_in_code_is_accepted_once_on_postgres(pg_app: Flask) -> None:
    """The conditional UPDATE that records the code's time step (staff.twofactor) on
    production's database: the same code signs in one browser, not a second."""
    app = pg_app
    app.config["NOW"] = fixed_now(2026, 2, 13)
    user = staff(app, Role.REVIEWER, "r@makassarkota.go.id")
    enrol_two_factor(app, user)
    code = current_code(app)
    answers = []
    for _ in range(2):
        client = app.test_client()
        client.post("/staf/masuk", data={"csrf_token": csrf_token(client, "/staf/masuk"),
                                         "email": user.email, "password": STAFF_PASSWORD})
        answers.append(client.post("/staf/masuk/kode", data={
            "csrf_token": csrf_token(client, "/staf/masuk/kode"), "code": code}).status_code)
    assert answers == [302, 200]
    with app.app_context():
        assert db.session.get(StaffUser, user.id).totp_secret == TEST_TOTP_SECRET
