"""One open request per NIK, held by the database: EnrollmentWorker.open_nik is unique, set
while a request is open and cleared when it is rejected or registered. Two submits of the same
NIK at the same moment both pass the friendly check; the constraint stops the second, which gets
the same polite message."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.exc import IntegrityError

from lindungi.enrollment import operations
from lindungi.enrollment.models import EnrollmentRequest, EnrollmentWorker, RequestStatus
from lindungi.extensions import db
from lindungi.review import operations as review
from lindungi.staff.models import Role
from tests.support.enrollment import NOW, Flow, error_messages, make_nik, message
from tests.support.staff import create_request, load_request

BORN = date(1980, 8, 12)
NIK = make_nik(BORN, "F", 1)  # the first worker of Flow.up_to_check
S = RequestStatus
ALREADY = ("Worker %(number)s already has a request that is being handled. Remove this worker "
           "from this request.")


@pytest.fixture(autouse=True)
def fixed_now(app: Flask) -> None:
    app.config["NOW"] = NOW


def open_niks(app: Flask) -> list[str | None]:
    with app.app_context():
        return list(db.session.scalars(
            sa.select(EnrollmentWorker.open_nik).order_by(EnrollmentWorker.id)))


def requests(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(EnrollmentRequest.id))) or 0


def test_a_sent_request_holds_its_niks(app: Flask, client) -> None:
    Flow(client, "id").send(workers=2)
    assert open_niks(app) == [NIK, make_nik(BORN, "F", 2)]


def test_the_database_refuses_a_second_open_row(app: Flask) -> None:
    create_request(app, workers=[{"nik": NIK, "open_nik": NIK}])
    with pytest.raises(IntegrityError):
        create_request(app, workers=[{"nik": NIK, "open_nik": NIK}])


def test_a_submit_racing_another_gets_the_polite_message(app: Flask, client,
                                                         monkeypatch) -> None:
    flow = Flow(client, "id")
    flow.up_to_check()
    token = flow.submit_token()
    # The other request commits after this submit's friendly check: simulated by skipping the
    # check and storing the other request first.
    monkeypatch.setattr(operations, "submit_problems", lambda *args: [])
    create_request(app, workers=[{"nik": NIK, "open_nik": NIK, "birth_date": BORN}])
    response = flow.submit(token)
    assert response.status_code == 200
    assert error_messages(response) == [message(app, "id", ALREADY, number=1)]
    assert requests(app) == 1
    # Nothing was lost: once the other request is closed, the same answers can be sent.
    with app.app_context():
        db.session.execute(sa.update(EnrollmentWorker).values(open_nik=None))
        db.session.commit()
    assert flow.submit(token).status_code == 303
    assert requests(app) == 2


def test_the_friendly_check_still_comes_first(app: Flask, client, monkeypatch) -> None:
    flow = Flow(client, "id")
    flow.up_to_check()
    token = flow.submit_token()
    create_request(app, workers=[{"nik": NIK, "open_nik": NIK, "birth_date": BORN}])
    monkeypatch.setattr(operations, "open_nik_problems", None)  # not reached
    response = flow.submit(token)
    assert error_messages(response) == [message(app, "id", ALREADY, number=1)]


@pytest.mark.parametrize(("decide", "stays_open"), [
    (lambda req, staff: review.start_review(req, staff, req.version), True),
    (lambda req, staff: review.approve(req, staff, req.version, "Data sesuai"), True),
    (lambda req, staff: review.ask_for_information(req, staff, req.version, "Kirim KK"), True),
    (lambda req, staff: review.reject(req, staff, req.version, "duplicate"), False),
], ids=["start", "approve", "ask", "reject"])
def test_decisions_keep_or_release_the_nik(app: Flask, make_staff, decide, stays_open) -> None:
    staff = make_staff(role=Role.REVIEWER)
    made = create_request(app, workers=[{"nik": NIK, "open_nik": NIK}])
    with app.app_context():
        decide(db.session.get(EnrollmentRequest, made.id), staff)
        db.session.commit()
    assert open_niks(app) == [NIK if stays_open else None]


def test_registering_releases_the_nik_and_a_new_request_can_be_sent(app: Flask, client,
                                                                     make_staff) -> None:
    staff = make_staff(role=Role.REVIEWER)
    Flow(client, "id").send()
    with app.app_context():
        request = db.session.scalar(sa.select(EnrollmentRequest))
        review.approve(request, staff, request.version, "Data sesuai")
        review.mark_registered(request, staff, request.version,
                               {request.workers[0].id: "12345678901"})
        db.session.commit()
        request_id = request.id
    assert load_request(app, request_id).status is S.REGISTERED
    assert open_niks(app) == [None]
    Flow(app.test_client(), "id").send()
    assert open_niks(app) == [None, NIK]
