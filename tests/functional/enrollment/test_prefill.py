"""The eligibility checker's link into the enrollment form carries its answers without writing
the database: anyone (a crawler too) may follow it. The codes wait in the session until the
first step is saved, then move into the draft."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.enrollment.drafts import PREFILL_KEY, SESSION_KEY
from lindungi.enrollment.models import EnrollmentDraft
from lindungi.extensions import db
from tests.support.checking import soup_of
from tests.support.enrollment import NOW, Flow
from tests.support.statements import counting_statements

LINK = "/daftar?kecamatan=73.71.05&occupation=fisher&decile=3&member=no"
WRITES = ("INSERT", "UPDATE", "DELETE", "BEGIN IMMEDIATE")


@pytest.fixture(autouse=True)
def fixed_now(app: Flask) -> None:
    app.config["NOW"] = NOW


def drafts(app: Flask) -> list[EnrollmentDraft]:
    with app.app_context():
        rows = list(db.session.scalars(sa.select(EnrollmentDraft)))
        db.session.expunge_all()
        return rows


def test_following_the_link_writes_nothing(app: Flask, client) -> None:
    flow = Flow(client, "id")
    with counting_statements(app) as seen:
        response = flow.get(LINK)
    assert response.status_code == 303 and response.location == "/id/daftar"
    assert not [s for s in seen if s.lstrip().upper().startswith(WRITES)]
    assert drafts(app) == []
    with client.session_transaction() as session:
        assert SESSION_KEY not in session
        assert session[PREFILL_KEY] == {"kecamatan_code": "73.71.05", "occupation": "fisher",
                                        "decile": 3, "already_member": False}


def test_the_first_saved_step_moves_the_codes_into_the_draft(app: Flask, client) -> None:
    flow = Flow(client, "id")
    flow.get(LINK)
    assert flow.applicant().status_code == 303
    [draft] = drafts(app)
    assert draft.data["defaults"] == {"kecamatan_code": "73.71.05", "occupation": "fisher",
                                      "decile": 3, "already_member": False}
    with client.session_transaction() as session:
        assert PREFILL_KEY not in session
    flow.worker(until="/alamat")
    soup = soup_of(flow.get("/daftar/pekerja/1/alamat"))
    assert soup.select_one("#kecamatan option[selected]")["value"] == "73.71.05"


def test_a_draft_with_workers_ignores_a_later_link(app: Flask, client) -> None:
    flow = Flow(client, "id")
    flow.applicant()
    flow.worker()
    flow.get(LINK)
    flow.contact()
    [draft] = drafts(app)
    assert draft.data["defaults"]["kecamatan_code"] == ""
    assert draft.data["workers"][0]["kecamatan_code"] == "73.71.01"


def test_a_link_before_an_existing_draft_fills_its_first_worker(app: Flask, client) -> None:
    flow = Flow(client, "id")
    flow.applicant()
    flow.get(LINK)
    flow.get("/daftar/pekerja/1")
    with client.session_transaction() as session:
        assert session[PREFILL_KEY]["occupation"] == "fisher"  # kept until a save
    flow.worker(until="/pekerjaan")  # the saves move it into the draft
    soup = soup_of(flow.get("/daftar/pekerja/1/pekerjaan"))
    assert soup.select_one("#occupation option[selected]")["value"] == "fisher"


def test_a_prefill_from_another_version_is_dropped(app: Flask, client) -> None:
    with client.session_transaction() as session:
        session[PREFILL_KEY] = {"planet": "mars"}
    flow = Flow(client, "id")
    assert flow.applicant().status_code == 303
    [draft] = drafts(app)
    assert draft.data["defaults"]["kecamatan_code"] == ""
