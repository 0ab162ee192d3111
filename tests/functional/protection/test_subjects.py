"""The admins' data-subject tools under /staf/data-pribadi: find by NIK (POST, never in a URL),
export as a file (POST), correct (the blind index follows a new NIK), erase (anonymous counts
stay); each audited; other roles are refused."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.enrollment.models import EnrollmentRequest, EnrollmentWorker, RequestStatus
from lindungi.extensions import db
from lindungi.protection.columns import nik_index, person_index
from lindungi.protection.models import EnrollmentStatistic
from lindungi.staff.models import Role
from tests.support.checking import soup_of
from tests.support.staff import create_request, csrf_token

NIK = "7371011506850001"
NEW_NIK = "7371011506850009"


def audit(app: Flask, action: str) -> list[dict[str, object]]:
    with app.app_context():
        return [event.detail for event in db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == action))]


def test_an_admin_finds_every_request_naming_a_nik(app: Flask, client, auth) -> None:
    first = create_request(app, workers=[{"nik": NIK}], status=RequestStatus.REJECTED)
    second = create_request(app, workers=[{"nik": "7371011506850002"}, {"nik": NIK}])
    create_request(app, workers=[{"nik": "7371011506850003"}])
    auth.login(role=Role.ADMIN)
    assert client.get("/staf/data-pribadi").status_code == 200
    response = client.post("/staf/data-pribadi", data={
        "csrf_token": csrf_token(client, "/staf/data-pribadi"), "nik": "7371 0115 0685 0001"})
    assert response.status_code == 200
    rows = [row.select("td")[0].get_text(strip=True)
            for row in soup_of(response).select("tbody tr")]
    assert sorted(rows) == sorted([first.reference, second.reference])
    assert audit(app, "subject.search") == [{"found": 2}]
    assert NIK not in str(audit(app, "subject.search"))


def test_a_wrong_nik_is_explained_next_to_the_field(app: Flask, client, auth) -> None:
    auth.login(role=Role.ADMIN)
    response = client.post("/staf/data-pribadi", data={
        "csrf_token": csrf_token(client, "/staf/data-pribadi"), "nik": "12345"})
    assert response.status_code == 200
    assert soup_of(response).select(".error-summary li")
    assert soup_of(response).title.get_text().startswith(("Galat:", "Error:"))
    assert audit(app, "subject.search") == []


def test_the_export_is_a_post_and_holds_everything(app: Flask, client, auth) -> None:
    made = create_request(app, workers=[{"nik": NIK, "mother_maiden_name": "Hasnah"}],
                          consent_on_behalf=True)
    auth.login(role=Role.ADMIN)
    assert client.get("/staf/data-pribadi/ekspor").status_code == 405
    response = client.post("/staf/data-pribadi/ekspor", data={
        "csrf_token": csrf_token(client, "/staf/data-pribadi"), "nik": NIK})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith('attachment; filename="data-pribadi-')
    assert NIK not in response.headers["Content-Disposition"]
    document = json.loads(response.data)
    [record] = document["requests"]
    assert record["request"]["reference"] == made.reference
    assert record["worker"]["nik"] == NIK and record["worker"]["mother_maiden_name"] == "Hasnah"
    assert "nik_index" not in record["worker"]
    assert record["consent"]["on_behalf_of_the_workers"] is True
    assert audit(app, "subject.export") == [{"requests": 1}]


def test_a_correction_changes_the_data_and_its_index(app: Flask, client, auth) -> None:
    made = create_request(app, workers=[{"nik": NIK, "open_nik": True}])
    worker_id = made.workers[0].id
    auth.login(role=Role.ADMIN)
    page = f"/staf/data-pribadi/pekerja/{worker_id}"
    form = {field["name"]: field.get("value", "")
            for field in soup_of(client.get(page)).select("form input[name]")
            if field["name"] != "confirm"}
    assert form["nik"] == NIK and form["birth_year"] == "1985"
    form.update(nik=NEW_NIK, birth_day="16", full_name="Daeng Sutte Baru", phone="0812 1111 2222")
    response = client.post(page, data=form)
    assert response.status_code == 303
    with app.app_context():
        worker = db.session.get(EnrollmentWorker, worker_id)
        assert worker is not None
        assert (worker.nik, worker.birth_date, worker.full_name) == (
            NEW_NIK, date(1985, 6, 16), "Daeng Sutte Baru")
        assert worker.nik_index == worker.open_nik == nik_index(NEW_NIK)
        # The possible-duplicate index follows the corrected name and date of birth.
        assert worker.person_index == person_index(worker.kk, date(1985, 6, 16),
                                                   "Daeng Sutte Baru")
        assert worker.request.phone_e164 == "+6281211112222"
    [detail] = audit(app, "subject.correct")
    assert detail["fields"] == ["full_name", "nik", "birth_date", "phone_e164"]
    assert NEW_NIK not in json.dumps(detail)


def test_a_correction_with_errors_changes_nothing(app: Flask, client, auth) -> None:
    made = create_request(app, workers=[{"nik": NIK}])
    auth.login(role=Role.ADMIN)
    page = f"/staf/data-pribadi/pekerja/{made.workers[0].id}"
    response = client.post(page, data={"csrf_token": csrf_token(client, page), "nik": "1",
                                        "full_name": "", "birth_day": "40"})
    assert response.status_code == 200
    assert len(soup_of(response).select(".error-summary li")) >= 3
    with app.app_context():
        assert db.session.get(EnrollmentWorker, made.workers[0].id).nik == NIK


def test_erasing_deletes_the_request_and_keeps_a_count(app: Flask, client, auth) -> None:
    made = create_request(app, workers=[{"nik": NIK}, {"nik": "7371011506850002"}])
    auth.login(role=Role.ADMIN)
    page = f"/staf/data-pribadi/pekerja/{made.workers[0].id}"
    refused = client.post(page + "/hapus", data={"csrf_token": csrf_token(client, page)})
    assert refused.status_code == 200 and soup_of(refused).select(".error-summary li")
    done = client.post(page + "/hapus", data={"csrf_token": csrf_token(client, page),
                                              "confirm": "y"})
    assert done.status_code == 303
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentRequest.id))) == 0
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentWorker.id))) == 0
        statistic = db.session.scalar(sa.select(EnrollmentStatistic))
        assert (statistic.requests, statistic.workers, statistic.status) == (2 - 1, 2, "received")
    assert audit(app, "subject.erase") == [{"workers": 2, "was_open": True}]


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.COMMUNICATIONS])
def test_only_admins_may_use_the_tools(app: Flask, client, auth, role: Role) -> None:
    made = create_request(app, workers=[{"nik": NIK}])
    auth.login(role=role)
    token = csrf_token(client)
    assert client.get("/staf/data-pribadi").status_code == 403
    assert client.post("/staf/data-pribadi", data={"csrf_token": token, "nik": NIK}
                       ).status_code == 403
    assert client.post("/staf/data-pribadi/ekspor", data={"csrf_token": token, "nik": NIK}
                       ).status_code == 403
    page = f"/staf/data-pribadi/pekerja/{made.workers[0].id}"
    assert client.post(page + "/hapus", data={"csrf_token": token, "confirm": "y"}
                       ).status_code == 403
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentRequest.id))) == 1


def test_a_correction_to_a_nik_held_open_elsewhere_is_refused(app: Flask, client, auth) -> None:
    create_request(app, workers=[{"nik": NEW_NIK, "open_nik": True}])
    made = create_request(app, workers=[{"nik": NIK, "open_nik": True}])
    auth.login(role=Role.ADMIN)
    page = f"/staf/data-pribadi/pekerja/{made.workers[0].id}"
    form = {field["name"]: field.get("value", "")
            for field in soup_of(client.get(page)).select("form input[name]")
            if field["name"] != "confirm"}
    response = client.post(page, data={**form, "nik": NEW_NIK})
    assert response.status_code == 200
    assert soup_of(response).select_one("#nik-error") is not None
    with app.app_context():
        assert db.session.get(EnrollmentWorker, made.workers[0].id).nik == NIK
    assert audit(app, "subject.correct") == []
