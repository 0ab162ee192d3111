"""The stored `flagged` (the queue's "flagged" filter) covers every flag known when a request is
sent, by the same rules as the review detail page; duplicates that appear later show on the
detail page, which looks them up again on every view."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.core.flags import ATTENTION, WorkerFacts, needs_attention, worker_codes
from lindungi.core.parameters import DEFAULT
from lindungi.enrollment.models import EnrollmentRequest, RequestStatus
from lindungi.extensions import db
from lindungi.staff.models import Role
from tests.support.checking import soup_of
from tests.support.enrollment import NOW, Flow, error_messages, make_nik
from tests.support.staff import create_request, sign_in_as

BORN = date(1980, 8, 12)  # the default worker in tests.support.enrollment
NIK = make_nik(BORN, "F", 1)


@pytest.fixture(autouse=True)
def fixed_now(app: Flask) -> None:
    app.config["NOW"] = NOW  # 20 November 2026 in Makassar


def send(app: Flask, *workers: dict[str, str]) -> EnrollmentRequest:
    """A request sent through the public form by a new visitor; returns the stored row."""
    flow = Flow(app.test_client(), "id")
    assert flow.applicant().status_code == 303
    for n, overrides in enumerate(workers or ({},), start=1):
        action = "add" if n < len(workers) else "continue"
        response = flow.worker(n, **{"serial": n, "action": action, **overrides})
        assert response.status_code == 303, error_messages(response)
    assert flow.contact().status_code == 303
    assert flow.consent().status_code == 303
    flow.submit(flow.submit_token())
    with app.app_context():
        request = db.session.scalars(
            sa.select(EnrollmentRequest).order_by(EnrollmentRequest.id.desc())).first()
        db.session.expunge_all()
    assert request is not None
    return request


@pytest.mark.parametrize(("worker", "flagged"), [
    ({}, False),
    ({"decile": ""}, False),  # unknown decile: reviewers check every decile anyway
    ({"decile": "4"}, False),
    ({"decile": "6"}, True),  # above the program's deciles
    ({"born": date(2008, 8, 1), "sex": "M"}, True),  # turned 18 less than six months ago
    ({"born": date(1961, 1, 10), "sex": "M"}, True),  # turns 66 within six months
    ({"nik": make_nik(BORN, "F", 1, region="730601")}, True),  # NIK from Gowa
], ids=["plain", "no-decile", "decile-4", "decile-above", "near-18", "near-66", "nik-outside"])
def test_flagged_covers_every_flag_known_at_submit(app: Flask, worker, flagged: bool) -> None:
    assert send(app, worker).flagged is flagged


@pytest.mark.parametrize("status", [RequestStatus.REGISTERED, RequestStatus.REJECTED])
def test_a_nik_already_in_a_closed_request_is_flagged(app: Flask, status) -> None:
    create_request(app, status=status, workers=[{"nik": NIK, "birth_date": BORN}])
    assert send(app, {}).flagged is True


def test_only_the_second_worker_flagged_flags_the_request(app: Flask) -> None:
    assert send(app, {}, {"decile": "7"}).flagged is True


def test_queue_flag_and_detail_page_agree(app: Flask, make_staff) -> None:
    plain = send(app, {})
    flagged = send(app, {"decile": "6", "serial": 2, "full_name": "Andi Baso"})
    reviewer = app.test_client()
    sign_in_as(reviewer, make_staff(role=Role.REVIEWER))
    queue = soup_of(reviewer.get("/staf/pendaftaran?flagged=y"))
    assert [a.get_text(strip=True) for a in queue.select("tbody td:first-child a")] == [
        flagged.reference]
    detail = soup_of(reviewer.get(f"/staf/pendaftaran/{flagged.id}"))
    assert detail.select(".flag-decile_above")
    plain_detail = soup_of(reviewer.get(f"/staf/pendaftaran/{plain.id}"))
    codes = {cls for li in plain_detail.select(".flag-list li") for cls in li["class"]}
    assert not {f"flag-{code}" for code in ATTENTION} & codes


def test_a_later_duplicate_shows_live_on_the_detail_page(app: Flask, make_staff) -> None:
    first = send(app, {})
    assert first.flagged is False
    later = create_request(app, workers=[{"nik": NIK, "birth_date": BORN}])
    reviewer = app.test_client()
    sign_in_as(reviewer, make_staff(role=Role.REVIEWER))
    detail = soup_of(reviewer.get(f"/staf/pendaftaran/{first.id}"))
    [duplicate] = detail.select(".flag-duplicate_request")
    assert later.reference in duplicate.get_text()


def test_the_same_person_under_another_nik_is_a_possible_duplicate(app: Flask,
                                                                    make_staff) -> None:
    # Three requests for the same KK, date of birth and name; the NIK differs in its last
    # digits (a typing slip), so the open-NIK rule does not catch them.
    first = send(app, {"serial": 1})
    second = send(app, {"serial": 2, "full_name": "SITI  aminah"})
    third = send(app, {"serial": 3})
    other_person = send(app, {"serial": 4, "full_name": "Siti Rahmawati"})
    assert (first.flagged, second.flagged, third.flagged) == (False, True, True)
    assert other_person.flagged is False
    reviewer = app.test_client()
    sign_in_as(reviewer, make_staff(role=Role.REVIEWER))
    detail = soup_of(reviewer.get(f"/staf/pendaftaran/{first.id}"))
    flags = [flag.get_text(" ", strip=True) for flag in detail.select(".flag-duplicate_similar")]
    assert len(flags) == 2
    assert second.reference in flags[0] and third.reference in flags[1]
    assert "Kemungkinan ganda" in flags[0]


def test_the_rules_as_codes() -> None:
    facts = WorkerFacts(nik="7371015208800001", birth_date=BORN, decile=2)
    assert worker_codes(facts, date(2026, 11, 20), DEFAULT) == ["decile_self_declared"]
    outside = WorkerFacts(nik="7306015208800001", birth_date=date(2008, 8, 1), decile=None)
    assert worker_codes(outside, date(2026, 11, 20), DEFAULT) == [
        "nik_outside", "age_near_min", "decile_missing"]
    assert not needs_attention(["decile_self_declared", "decile_missing"])
    assert needs_attention(["decile_missing", "age_near_max"])
