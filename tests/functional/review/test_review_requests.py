"""Decision notice and review request: a rejection tells the family how to ask for a review
within 30 days; the request goes back to the queue, flagged, and a different reviewer decides."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.audit import actions
from lindungi.enrollment.models import RequestStatus
from lindungi.enrollment.review_requests import ReviewRequest
from lindungi.extensions import db
from lindungi.staff.models import Role
from tests.functional.review.test_decisions import audit_rows, decide
from tests.support.checking import soup_of
from tests.support.enrollment import csrf_token_of, error_messages
from tests.support.staff import fixed_now, load_request

S = RequestStatus
BORN = date(1985, 6, 15)  # the default worker's date of birth (tests.support.staff)
NOW = fixed_now(2026, 11, 20)


@pytest.fixture(autouse=True)
def clock(app: Flask):
    app.config["NOW"] = NOW


def _rejected(app: Flask, client_for, make_request):
    first = client_for(Role.REVIEWER)
    request = make_request(status=S.IN_REVIEW)
    response = decide(first, request.id, "tolak", "reject", reason="not_resident",
                      message="Alamat di KTP di Kabupaten Gowa.")
    assert response.status_code == 302
    return first, request


def _post(client, path: str, lang: str, reference: str, born: date = BORN, **extra: str):
    token = csrf_token_of(client.get(f"/{lang}{path}"))
    return client.post(f"/{lang}{path}", data={
        "csrf_token": token, "reference": reference, "birth_day": str(born.day),
        "birth_month": str(born.month), "birth_year": str(born.year), **extra})


def test_the_status_page_shows_the_reason_and_how_to_ask_for_a_review(
        app, client, client_for, make_request) -> None:
    _first, request = _rejected(app, client_for, make_request)
    soup = soup_of(_post(client, "/status", "en", request.reference))
    assert "does not live in Kota Makassar" in soup.get_text()
    notice = soup.select_one("#review-notice").get_text(" ", strip=True)
    assert "20 December 2026" in notice and request.reference in notice
    assert soup.select_one("#review-notice a")["href"] == "/en/status/tinjau-ulang"


def test_a_review_goes_back_to_the_queue_and_the_same_reviewer_cannot_decide_it(
        app, client, client_for, make_request) -> None:
    first, request = _rejected(app, client_for, make_request)
    response = _post(client, "/status/tinjau-ulang", "id", request.reference,
                     explanation="KTP sudah pindah ke Makassar.")
    assert response.status_code == 200
    assert request.reference in soup_of(response).select_one(".lede").get_text()
    stored = load_request(app, request.id)
    assert stored.status is S.RECEIVED and stored.flagged
    assert [c.to_status for c in stored.history] == [S.REJECTED, S.RECEIVED]
    assert stored.history[-1].staff_id is None
    assert len(audit_rows(app, actions.REVIEW_REQUESTED)) == 1

    detail = soup_of(first.get(f"/staf/pendaftaran/{request.id}"))
    assert "KTP sudah pindah ke Makassar." in detail.select_one("#review-requested").get_text()
    refused = decide(first, request.id, "setujui", "approve", reason="KTP dicek.")
    assert refused.status_code == 409
    assert soup_of(refused).select_one("#same-reviewer") is not None
    assert load_request(app, request.id).status is S.RECEIVED

    second = client_for(Role.REVIEWER)
    assert decide(second, request.id, "setujui", "approve", reason="KTP baru dicek.") \
        .status_code == 302
    stored = load_request(app, request.id)
    assert [c.to_status for c in stored.history] == [S.REJECTED, S.RECEIVED, S.APPROVED]
    assert [c.staff_id for c in stored.history] == [first.user.id, None, second.user.id]
    assert [row.actor_id for row in audit_rows(app, actions.REJECTED)] == [first.user.id]
    assert [row.actor_id for row in audit_rows(app, actions.APPROVED)] == [second.user.id]
    with app.app_context():
        review = db.session.scalar(sa.select(ReviewRequest))
        assert review.rejected_by_id == first.user.id and review.decided_at is not None

    again = _post(client, "/status/tinjau-ulang", "en", request.reference)
    assert error_messages(again) == [
        "This request was not rejected, so there is nothing to review. Its status page says "
        "where it stands."]


def test_a_review_is_refused_after_thirty_days(app, client, client_for, make_request) -> None:
    _first, request = _rejected(app, client_for, make_request)
    app.config["NOW"] = NOW + timedelta(days=31)
    assert soup_of(_post(client, "/status", "en", request.reference)).select_one(
        "#review-notice") is None
    response = _post(client, "/status/tinjau-ulang", "en", request.reference)
    assert response.status_code == 200
    assert soup_of(response).title.get_text().startswith("Error:")
    assert error_messages(response) == [
        "A review could be asked for until Sunday, 20 December 2026, 30 days after the decision. "
        "It is too late to ask for it online."]
    assert load_request(app, request.id).status is S.REJECTED


def test_a_wrong_date_of_birth_changes_nothing(app, client, client_for, make_request) -> None:
    _first, request = _rejected(app, client_for, make_request)
    response = _post(client, "/status/tinjau-ulang", "en", request.reference,
                     born=date(1990, 1, 1))
    assert error_messages(response)[0].startswith("We could not find a request")
    assert load_request(app, request.id).status is S.REJECTED
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ReviewRequest.id))) == 0


def test_asking_for_reviews_is_rate_limited(app, client, client_for, make_request) -> None:
    app.config["STATUS_LOOKUP_LIMIT"] = "2 per minute"
    _first, request = _rejected(app, client_for, make_request)
    for _ in range(2):
        _post(client, "/status/tinjau-ulang", "en", request.reference, born=date(1990, 1, 1))
    assert _post(client, "/status/tinjau-ulang", "en", request.reference).status_code == 429


def test_the_family_is_told_the_review_request_arrived(
        app, client, client_for, make_request) -> None:
    from lindungi.outbox.models import MessageKind, OutboxMessage

    _first, request = _rejected(app, client_for, make_request)
    assert _post(client, "/status/tinjau-ulang", "id", request.reference).status_code == 200
    with app.app_context():
        kinds = db.session.scalars(sa.select(OutboxMessage.kind).where(
            OutboxMessage.request_id == request.id).order_by(OutboxMessage.id)).all()
    assert kinds == [MessageKind.REJECTED, MessageKind.REVIEW_REQUESTED]


def test_the_review_message_is_in_the_language_the_request_was_filled_in(
        app, client, client_for, make_request) -> None:
    """Asked for from the Indonesian page, for a request filled in English: English."""
    from lindungi.outbox.models import MessageKind, OutboxMessage

    first = client_for(Role.REVIEWER)
    request = make_request(status=S.IN_REVIEW, preferred_lang="en")
    decide(first, request.id, "tolak", "reject", reason="not_resident", message="Gowa.")
    assert _post(client, "/status/tinjau-ulang", "id", request.reference).status_code == 200
    with app.app_context():
        message = db.session.scalar(sa.select(OutboxMessage).where(
            OutboxMessage.kind == MessageKind.REVIEW_REQUESTED))
        assert message.lang == "en" and message.request_id == request.id
        assert "review" in message.body and request.reference in message.body


def test_both_decisions_show_in_the_history_and_the_audit_log(
        app, client, client_for, make_request) -> None:
    first, request = _rejected(app, client_for, make_request)
    _post(client, "/status/tinjau-ulang", "en", request.reference)
    second = client_for(Role.REVIEWER)
    decide(second, request.id, "setujui", "approve", reason="KTP baru dicek.")
    history = [item.get_text(" ", strip=True) for item in soup_of(
        second.get(f"/staf/pendaftaran/{request.id}")).select("ol.history li")]
    assert len(history) == 3
    assert history[0].startswith("Tidak disetujui") and first.user.email in history[0]
    assert "Pemohon meminta peninjauan ulang." in history[1]
    assert history[2].startswith("Disetujui") and second.user.email in history[2]
    admin = client_for(Role.ADMIN)
    rows = [row.get_text(" ", strip=True) for row in soup_of(admin.get("/staf/audit")).select(
        "tbody tr") if f"#{request.id}" in row.get_text()]
    assert any("Permintaan tidak disetujui" in row and first.user.email in row for row in rows)
    assert any("Permintaan disetujui" in row and second.user.email in row for row in rows)
    assert any("Peninjauan ulang penolakan diminta" in row for row in rows), "\n".join(rows)
