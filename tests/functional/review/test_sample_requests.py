"""`flask seed-demo --with-requests`: a newcomer's desk gets sample requests, obviously invented,
once, and never on a production installation."""

from __future__ import annotations

import sqlalchemy as sa

from lindungi.enrollment.models import (
    OPEN_STATUSES,
    EnrollmentRequest,
    EnrollmentWorker,
    RequestStatus,
)
from lindungi.extensions import db
from lindungi.staff.models import Role
from tests.support.checking import soup_of


def _requests(app) -> list[EnrollmentRequest]:
    with app.app_context():
        rows = db.session.scalars(sa.select(EnrollmentRequest)).all()
        _ = [worker.full_name for row in rows for worker in row.workers]
        db.session.expunge_all()
        return list(rows)


def test_sample_requests_are_obviously_invented_and_added_once(app, client_for) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo", "--with-requests"])
    assert result.exit_code == 0, result.output
    assert "sample requests" in result.output
    rows = _requests(app)
    assert len(rows) == 6
    assert {row.status for row in rows} == set(RequestStatus) - {RequestStatus.REGISTERED}
    for row in rows:
        [worker] = row.workers
        assert worker.full_name.startswith("CONTOH ")
        assert worker.nik.startswith("99") and worker.kk.startswith("99")
        assert row.phone_e164.startswith("+62800000")
        # Open ones hold their NIK's blind index (the one-open-request rule), never the NIK.
        expected = worker.nik_index if row.status in OPEN_STATUSES else None
        assert worker.open_nik == expected
    # Again: nothing more.
    assert runner.invoke(args=["seed-demo", "--with-requests"]).exit_code == 0
    assert len(_requests(app)) == 6
    # The desk shows them.
    reviewer = client_for(Role.REVIEWER)
    names = soup_of(reviewer.get("/staf/pendaftaran")).select(".queue-table tbody tr")
    assert len(names) == 6


def test_sample_requests_are_refused_in_production(app) -> None:
    # The command reads the setting when it runs (the start-up checks of production are
    # tested elsewhere).
    app.config["ENV"] = "production"
    result = app.test_cli_runner().invoke(args=["seed-demo", "--with-requests"])
    assert result.exit_code != 0
    assert "never added with LINDUNGI_ENV=production" in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentWorker.id))) == 0
