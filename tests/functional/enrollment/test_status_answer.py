"""Answering "more information needed" online: after a lookup with the reference and a worker's
date of birth, the answer goes back to review and into the request's history, audited."""

from __future__ import annotations

import sqlalchemy as sa

from lindungi.audit.models import AuditEvent
from lindungi.enrollment.models import EnrollmentRequest, RequestStatus
from lindungi.extensions import db
from tests.functional.enrollment.test_status import BORN_1, _set_state, fixed_now, lookup, sent
from tests.support.checking import soup_of
from tests.support.enrollment import csrf_token_of, error_messages, texts

__all__ = ["fixed_now", "sent"]  # pytest fixtures used here
ANSWER = "The KK number is 7371010101100001; the kelurahan stamped it yesterday."


def _answer(client, reference: str, answer: str = ANSWER, lang: str = "en"):
    token = csrf_token_of(client.get(f"/{lang}/status"))
    return client.post(f"/{lang}/status/jawab", data={
        "csrf_token": token, "reference": reference, "answer": answer})


def _request(app, reference: str) -> EnrollmentRequest:
    return db.session.scalar(
        sa.select(EnrollmentRequest).where(EnrollmentRequest.reference == reference))


def test_the_answer_goes_back_to_review_and_into_the_history(app, client, sent) -> None:
    _set_state(app, sent, RequestStatus.NEEDS_INFO, public_message="Which KK number?")
    page = lookup(client, "en", sent, BORN_1)
    assert texts(page, "#answer-title") == ["Answer the reviewer"]
    assert soup_of(page).select_one("input[name=reference]")["value"] == sent
    response = _answer(client, sent)
    assert response.status_code == 200
    assert texts(response, ".status-label") == ["Being reviewed"]
    assert any("Your answer has been sent" in text for text in texts(response, ".notice p"))
    with app.app_context():
        request = _request(app, sent)
        assert request.status is RequestStatus.IN_REVIEW and request.public_message == ""
        [last] = [c for c in request.history if c.reason_code == "applicant_answer"]
        assert (last.from_status, last.to_status, last.staff_id) == (
            RequestStatus.NEEDS_INFO, RequestStatus.IN_REVIEW, None)
        assert last.internal_note == ANSWER
        event = db.session.scalar(sa.select(AuditEvent).order_by(AuditEvent.id.desc()))
        assert event.action == "enrollment.answer_info"
        assert "7371" not in str(event.detail)  # the answer itself is not in the audit log
    # A second answer changes nothing: the request is no longer waiting for one.
    _answer(client, sent, "again")
    with app.app_context():
        answers = [c.internal_note for c in _request(app, sent).history if c.reason_code]
        assert answers == [ANSWER]


def test_an_answer_needs_a_lookup_from_this_browser_first(app, client, sent) -> None:
    _set_state(app, sent, RequestStatus.NEEDS_INFO, public_message="Which KK number?")
    response = _answer(client, sent)
    assert any("look the request up again" in text for text in error_messages(response))
    with app.app_context():
        assert _request(app, sent).status is RequestStatus.NEEDS_INFO


def test_an_empty_answer_is_refused_with_a_message(app, client, sent) -> None:
    _set_state(app, sent, RequestStatus.NEEDS_INFO, public_message="Which KK number?")
    lookup(client, "id", sent, BORN_1)
    response = _answer(client, sent, "   ", lang="id")
    assert error_messages(response) == ["Tulis jawaban Anda atas pertanyaan petugas"]
    assert soup_of(response).find("title").get_text().startswith("Galat:")
    with app.app_context():
        assert _request(app, sent).status is RequestStatus.NEEDS_INFO
