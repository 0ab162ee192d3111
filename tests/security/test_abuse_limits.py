"""Item 7 of issue 15: the public request form is rate-limited per client, with the message in
the visitor's language, and nothing is stored over the limit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.enrollment.models import EnrollmentRequest
from lindungi.extensions import db, limiter
from tests.support.checking import soup_of
from tests.support.enrollment import NOW, Flow


def stored(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(EnrollmentRequest.id))) or 0


@pytest.fixture
def limited_app(make_app: Callable[..., Flask]) -> Flask:
    app = make_app(NOW=NOW, ENROLLMENT_STEP_LIMIT="60 per minute",
                   ENROLLMENT_SUBMIT_LIMIT="3 per minute;30 per hour")
    with app.app_context():
        limiter.reset()
    return app


def test_one_client_cannot_send_request_after_request(limited_app: Flask) -> None:
    client = limited_app.test_client()
    for serial in range(1, 4):
        flow = Flow(client, "id")
        flow.up_to_check()
        assert flow.submit(flow.submit_token()).status_code == 303, serial
    flow = Flow(client, "id")
    flow.up_to_check()
    response = flow.submit(flow.submit_token())
    assert response.status_code == 429
    assert soup_of(response).h1.get_text(strip=True) == "Terlalu banyak percobaan"
    assert stored(limited_app) == 3


@pytest.mark.parametrize(("lang", "title"), [("id", "Terlalu banyak percobaan"),
                                             ("en", "Too many attempts")])
def test_the_steps_share_one_budget(make_app: Callable[..., Flask], lang: str,
                                    title: str) -> None:
    app = make_app(NOW=NOW, ENROLLMENT_STEP_LIMIT="4 per minute")
    with app.app_context():
        limiter.reset()
    flow = Flow(app.test_client(), lang)
    for _ in range(4):
        assert flow.applicant().status_code == 303
    response = flow.worker()
    assert response.status_code == 429
    assert soup_of(response).h1.get_text(strip=True) == title
    assert flow.get("/daftar/pemohon").status_code == 200  # reading a step is not limited
