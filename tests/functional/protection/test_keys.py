"""`flask --app lindungi keys rotate`: values sealed with an older key are sealed again with the
current one (and stay readable), blind indexes follow a new index key; the queue finds a
request by its whole NIK through the blind index."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.enrollment.models import EnrollmentRequest, EnrollmentWorker
from lindungi.extensions import db
from lindungi.protection.columns import EXTENSION, nik_index, person_index
from lindungi.protection.crypto import KeyRing, new_key
from tests.support.apps import TEST_DATA_KEYS, TEST_INDEX_KEY
from tests.support.checking import soup_of
from tests.support.staff import create_request, csrf_token

NEW_KEY = "t2:" + new_key()


def raw_values(app: Flask) -> list[str]:
    with app.app_context():
        row = db.session.execute(sa.text(
            "SELECT w.nik, w.kk, w.birth_date, r.phone_e164 FROM enrollment_worker w "
            "JOIN enrollment_request r ON r.id = w.request_id")).one()
        return [str(value) for value in row]


def use_keys(app: Flask, data_keys: str, index_key: str = TEST_INDEX_KEY) -> None:
    """What a restart with these settings would do (same database)."""
    app.extensions[EXTENSION] = KeyRing.parse(data_keys, index_key)


def test_rotation_seals_everything_with_the_current_key(app: Flask) -> None:
    made = create_request(app, workers=[{"open_nik": True}])
    assert all(value.startswith("t1$") for value in raw_values(app))
    use_keys(app, f"{NEW_KEY},{TEST_DATA_KEYS}")
    result = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    # NIK, KK, date of birth, mother's maiden name, heir's phone; the request's phone and its
    # message to the applicant (create_request writes no history).
    assert "Sealed 7 values again in 2 rows" in result.output
    assert all(value.startswith("t2$") for value in raw_values(app))
    assert "Sealed 0 values" in app.test_cli_runner().invoke(args=["keys", "rotate"]).output
    use_keys(app, NEW_KEY)  # the old key may now go
    with app.app_context():
        worker = db.session.get(EnrollmentWorker, made.workers[0].id)
        assert worker is not None and worker.nik == made.workers[0].nik
        assert worker.request.phone_e164 == "+6281234567890"
        event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "keys.rotate"))
        assert event is not None and event.detail["via"] == "cli"


def test_a_new_index_key_is_taken_up_by_rotation(app: Flask) -> None:
    made = create_request(app, workers=[{"open_nik": True}])
    with app.app_context():
        before = nik_index(made.workers[0].nik)
        person_before = db.session.get(EnrollmentWorker, made.workers[0].id).person_index
    use_keys(app, TEST_DATA_KEYS, new_key())
    assert app.test_cli_runner().invoke(args=["keys", "rotate"]).exit_code == 0
    with app.app_context():
        worker = db.session.get(EnrollmentWorker, made.workers[0].id)
        assert worker is not None
        assert worker.nik_index == worker.open_nik == nik_index(made.workers[0].nik) != before
        # The KK + date of birth + name index of the possible-duplicate flag moves along.
        assert person_before is not None and worker.person_index not in (None, person_before)
        assert worker.person_index == person_index(worker.kk, worker.birth_date,
                                                   worker.full_name)


def test_keys_new_prints_settings_without_touching_data(runner) -> None:
    result = runner.invoke(args=["keys", "new"])
    assert result.exit_code == 0
    assert "LINDUNGI_DATA_KEYS=" in result.output and "LINDUNGI_INDEX_KEY=" in result.output
    assert TEST_INDEX_KEY not in result.output


def test_the_queue_finds_a_whole_nik(app: Flask, client, auth) -> None:
    wanted = create_request(app, workers=[{"nik": "7371011506850001"}])
    create_request(app, workers=[{"nik": "7371011506850002"}])
    auth.login()
    client.post("/staf/pendaftaran", data={"csrf_token": csrf_token(client),
                                           "search-q": "7371 0115 0685 0001"})
    page = client.get("/staf/pendaftaran")
    found = [a.get_text(strip=True) for a in soup_of(page).select("tbody td:first-child a")]
    assert found == [wanted.reference]
    with app.app_context():
        stored = db.session.scalar(sa.text("SELECT text FROM queue_search"))
        assert "7371" not in stored  # the saved search is sealed too
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentRequest.id))) == 2
