"""Correcting and erasing a person's data need a recent sign-in (10 minutes), like the export:
past it, nothing changes and the admin is sent to confirm, then back to the same worker page."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.enrollment.models import EnrollmentRequest, EnrollmentWorker
from lindungi.extensions import db
from lindungi.staff.models import Role
from tests.support.checking import soup_of
from tests.support.staff import TIMED_START, create_request, current_code, sign_in_as

START = TIMED_START
NIK = "7371011506850001"
NEW_NIK = "7371011506850009"


def held(app: Flask) -> list[tuple[object, ...]]:
    """Every request and worker row as it is, and the protection actions audited."""
    with app.app_context():
        rows = [(worker.id, worker.nik, worker.full_name, worker.request.reference,
                 worker.request.phone_e164)
                for worker in db.session.scalars(sa.select(EnrollmentWorker))]
        audited = list(db.session.scalars(sa.select(AuditEvent.action).where(
            AuditEvent.action.in_(["subject.correct", "subject.erase"]))))
        return [*rows, tuple(audited)]


def the_form(client, page: str) -> dict[str, str]:
    return {field["name"]: field.get("value", "")
            for field in soup_of(client.get(page)).select("form input[name]")
            if field["name"] != "confirm"}


def assert_sent_to_confirm(response, back: str) -> None:
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/staf/konfirmasi"
    assert unquote(location.query) == f"next={back}"


def test_correcting_and_erasing_wait_for_a_recent_sign_in(timed_app: Flask, make_staff) -> None:
    made = create_request(timed_app, workers=[{"nik": NIK, "open_nik": True}])
    page = f"/staf/data-pribadi/pekerja/{made.workers[0].id}"
    client = timed_app.test_client()
    sign_in_as(client, make_staff(role=Role.ADMIN))
    form = {**the_form(client, page), "nik": NEW_NIK, "full_name": "Daeng Sutte Baru"}
    before = held(timed_app)

    timed_app.config["NOW"] = START + timedelta(minutes=11)
    assert_sent_to_confirm(client.get(page), page)
    assert_sent_to_confirm(client.post(page, data=form), page)
    assert_sent_to_confirm(client.post(page + "/hapus", data={
        "csrf_token": form["csrf_token"], "confirm": "y"}), page)
    assert held(timed_app) == before  # nothing corrected, nothing erased, nothing audited

    confirm = client.get("/staf/konfirmasi?next=" + page)
    assert soup_of(confirm).select_one("input[name=next]")["value"] == page
    back = client.post("/staf/konfirmasi", data={
        "csrf_token": form["csrf_token"], "code": current_code(timed_app), "next": page})
    assert back.headers["Location"] == page
    assert held(timed_app) == before  # confirming changed nothing either
    page_again = soup_of(client.get(page))
    assert page_again.select_one("input[name=nik]")["value"] == NIK

    assert client.post(page, data=form).status_code == 303
    with timed_app.app_context():
        worker = db.session.get(EnrollmentWorker, made.workers[0].id)
        assert (worker.nik, worker.full_name) == (NEW_NIK, "Daeng Sutte Baru")
        [corrected] = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "subject.correct"))
        assert corrected.detail["fields"] == ["full_name", "nik"]

    assert client.post(page + "/hapus", data={
        "csrf_token": form["csrf_token"], "confirm": "y"}).status_code == 303
    with timed_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentRequest.id))) == 0
        [erased] = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "subject.erase"))
        assert erased.target_id == str(made.id)
